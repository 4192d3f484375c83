using System.Globalization;
using System.Text;

namespace Experiment.Engine.Export.Scripts;

/// <summary>
/// read_export.R, base R only (no package to install): every data file as a data frame with the types of the
/// codebook. Categories and choices become factors with the codebook's levels (labels in the chosen language),
/// 0/1 columns logicals, time stamps POSIXct in UTC, Likert items integers carrying their point labels, scale
/// and reverse coding as attributes; every column has its label in attr(, "label"). Strings are written with
/// \u escapes, so the file is ASCII and reads the same in any locale.
/// </summary>
static class RScript
{
    public const string FileName = "read_export.R";

    public static string Write(ScriptInput input)
    {
        var s = new StringBuilder();
        foreach (var line in input.Header(FileName)
                     .Append("In R, with the export folder as working directory: source(\"read_export.R\")")
                     .Append("Rscript read_export.R also saves the data frames to read_export.RData and prints their shape.")
                     .Concat(input.Renamed()))
            s.Append("# ").Append(line).Append('\n');
        s.Append($$"""

            ppl_read <- function(file, columns, names) {
              d <- utils::read.csv(file, colClasses = "character", na.strings = "", check.names = FALSE,
                                   encoding = "UTF-8", fileEncoding = "UTF-8")
              if (!identical(names(d), columns)) stop(file, ": the columns differ from the ones this script was written for")
              names(d) <- names{{(input.ExcelSafe ? "\n  # Undo the excel-safe ' so the values are exact again.\n  d[] <- lapply(d, function(x) sub(\"^'(?=[-=+@\\t\\r])\", \"\", x, perl = TRUE))" : "")}}
              d
            }
            ppl_time <- function(x) as.POSIXct(x, format = "%Y-%m-%dT%H:%M:%SZ", tz = "UTC")
            ppl_check <- function(x, allowed, column) {
              odd <- unique(x[!(x %in% c(allowed, NA))])
              if (length(odd) > 0) stop(column, " holds values the codebook does not list: ", paste(utils::head(odd, 5), collapse = ", "))
            }
            ppl_bool <- function(x, column) {
              ppl_check(x, c("0", "1"), column)
              x == "1"
            }
            ppl_factor <- function(x, levels, labels, column) {
              ppl_check(x, levels, column)
              factor(x, levels = levels, labels = labels)
            }

            """).Append('\n');
        var frames = new List<string>();
        foreach (var (file, dataset, columns) in input.Files)
        {
            frames.Add(dataset);
            s.Append($"{dataset} <- ppl_read({Str(file)},\n  c({Vector(columns.Select(c => c.Column))}),\n")
                .Append($"  c({Vector(columns.Select(c => c.VarName))}))\n");
            foreach (var c in columns)
            {
                var v = $"{dataset}${c.VarName}";
                var conversion = Conversion(input, c, v);
                if (conversion is not null) s.Append($"{v} <- {conversion}\n");
                s.Append($"attr({v}, \"label\") <- {Str(ScriptInput.OneLine(input.Label(c)))}\n");
                if (ScriptInput.Kind(c) == ColumnKind.Likert)
                {
                    var labelled = input.Labelled(c).ToList();
                    if (labelled.Count > 0)
                        s.Append($"attr({v}, \"labels\") <- c({string.Join(", ", labelled.Select(l => $"{Str(ScriptInput.OneLine(l.Label))} = {l.Code}L"))})\n");
                    s.Append($"attr({v}, \"scale\") <- c({c.ScaleMin}L, {c.ScaleMax}L)\n");
                }
                if (c.Item is { } item)
                {
                    s.Append($"attr({v}, \"reverse_coded\") <- {(item.Reverse ? "TRUE" : "FALSE")}\n");
                    if (item.Construct is { } construct) s.Append($"attr({v}, \"construct\") <- {Str(construct)}\n");
                }
            }
            s.Append('\n');
        }
        s.Append($$"""
            rm(ppl_read, ppl_time, ppl_check, ppl_bool, ppl_factor)
            if (!interactive() && sys.nframe() == 0L) {
              save({{string.Join(", ", frames)}}, file = "read_export.RData")
              for (ppl_name in c({{string.Join(", ", frames.Select(Str))}})) {
                ppl_d <- get(ppl_name)
                cat(ppl_name, "rows", nrow(ppl_d), "\n", sep = "\t")
                for (ppl_col in names(ppl_d)) cat(ppl_name, ppl_col, class(ppl_d[[ppl_col]])[1],
                  paste(levels(ppl_d[[ppl_col]]), collapse = "|"), "\n", sep = "\t")
              }
            }

            """);
        return s.ToString();
    }

    static string? Conversion(ScriptInput input, Codebook.Row c, string v) => ScriptInput.Kind(c) switch
    {
        ColumnKind.Likert or ColumnKind.Integer => $"as.integer({v})",
        ColumnKind.Decimal => $"as.numeric({v})",
        ColumnKind.Boolean => $"ppl_bool({v}, {Str(c.File + ": " + c.Column)})",
        ColumnKind.DateTime => $"ppl_time({v})",
        ColumnKind.Category when c.Codes.Count > 0 => Factor(input, c, v),
        _ => null,
    };

    /// <summary>Levels are the codes; labels their texts, or the code itself where it has none or texts repeat.</summary>
    static string Factor(ScriptInput input, Codebook.Row c, string v)
    {
        var labels = c.Codes.Select(code => input.Label(code) is { } l ? ScriptInput.OneLine(l) : code.Value).ToList();
        if (labels.Distinct(StringComparer.Ordinal).Count() != labels.Count)
            labels = c.Codes.Select((code, i) => labels[i] == code.Value ? code.Value : $"{code.Value}: {labels[i]}").ToList();
        return $"ppl_factor({v},\n  levels = c({string.Join(", ", c.Codes.Select(code => Str(code.Value)))}),\n" +
               $"  labels = c({string.Join(", ", labels.Select(Str))}),\n  column = {Str(c.File + ": " + c.Column)})";
    }

    static string Vector(IEnumerable<string> texts) => ScriptInput.Wrap(texts.Select(t => Str(t) + ","), "\n    ").TrimEnd(',');

    /// <summary>An R string literal in plain ASCII: quotes and backslashes escaped, everything else as \u escapes.</summary>
    static string Str(string text)
    {
        var b = new StringBuilder("\"");
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value is '"' or '\\') b.Append('\\').Append((char)rune.Value);
            else if (rune.Value is >= 0x20 and < 0x7F) b.Append((char)rune.Value);
            else if (rune.Value <= 0xFFFF) b.Append("\\u").Append(rune.Value.ToString("x4", CultureInfo.InvariantCulture));
            else b.Append("\\U").Append(rune.Value.ToString("x8", CultureInfo.InvariantCulture));
        }
        return b.Append('"').ToString();
    }
}
