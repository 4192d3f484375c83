using System.Text;

namespace Experiment.Engine.Export.Scripts;

/// <summary>
/// read_export.do: each CSV file read as text (so nothing is guessed), renamed to the codebook's var_name,
/// converted to the codebook's types, labelled and saved as .dta. Categories and choices with whole-number codes
/// keep them; others become numbered codes 1..k with value labels (Stata labels only whole numbers), checked so
/// that no unknown value turns missing.
/// </summary>
static class StataDo
{
    public const string FileName = "read_export.do";

    /// <summary>Stata's limit for a variable label.</summary>
    const int VariableLabelLength = 80;

    public static string Write(ScriptInput input)
    {
        var s = new StringBuilder();
        foreach (var line in input.Header(FileName).Append("In Stata (14 or newer), with the export folder as working directory: do read_export.do")
                     .Concat(input.Renamed()))
            s.Append("* ").Append(line).Append('\n');
        s.Append("version 14\n");
        foreach (var (file, dataset, columns) in input.Files)
        {
            s.Append($"\n* {file}\n");
            s.Append($"import delimited using {Str(file)}, varnames(nonames) rowrange(2) stringcols(_all) bindquotes(strict) encoding(\"utf-8\") clear\n");
            s.Append("rename (").Append(ScriptInput.Wrap(columns.Select((_, i) => "v" + (i + 1)), " ///\n   ")).Append(") ///\n  (")
                .Append(ScriptInput.Wrap(columns.Select(c => c.VarName), " ///\n   ")).Append(")\n");
            foreach (var c in columns)
            {
                var v = c.VarName;
                switch (ScriptInput.Kind(c))
                {
                    case ColumnKind.Likert or ColumnKind.Boolean or ColumnKind.Integer or ColumnKind.Decimal:
                        s.Append($"destring {v}, replace\n");
                        break;
                    case ColumnKind.DateTime:
                        Replace(s, v, $"generate double `t' = clock(subinstr(subinstr({v}, \"T\", \" \", 1), \"Z\", \"\", 1), \"YMDhms\")", "format `t' %tc");
                        break;
                    case ColumnKind.Category when c.Codes.Count > 0 && c.Codes.All(code => IsWholeNumber(code.Value)):
                        // Codes that are whole numbers keep their numbers (a factor level 15 stays 15).
                        s.Append($"destring {v}, replace\n");
                        s.Append($"label define {v} {string.Join(' ', c.Codes.Select(code => $"{code.Value} {Str(ScriptInput.OneLine(input.Label(code) ?? code.Value))}"))}, replace\n");
                        s.Append($"label values {v} {v}\n");
                        break;
                    case ColumnKind.Category when c.Codes.Count > 0:
                        var lines = new List<string> { "generate long `t' = ." };
                        lines.AddRange(c.Codes.Select((code, i) => $"replace `t' = {i + 1} if {v} == {Str(code.Value)}"));
                        lines.Add($"assert !missing(`t') | {v} == \"\"");
                        lines.Add($"label define {v} {string.Join(' ', c.Codes.Select((code, i) => $"{i + 1} {Str(ScriptInput.OneLine(input.Label(code) ?? code.Value))}"))}, replace");
                        lines.Add($"label values `t' {v}");
                        Replace(s, v, lines.ToArray());
                        break;
                }
                var labelled = input.Labelled(c).ToList();
                if (ScriptInput.Kind(c) is ColumnKind.Likert or ColumnKind.Boolean && labelled.Count > 0)
                {
                    s.Append($"label define {v} {string.Join(' ', labelled.Select(l => $"{l.Code} {Str(ScriptInput.OneLine(l.Label))}"))}, replace\n");
                    s.Append($"label values {v} {v}\n");
                }
                s.Append($"label variable {v} {Str(ScriptInput.Fit(ScriptInput.OneLine(input.Label(c)), VariableLabelLength))}\n");
                if (c.Item is { } item)
                {
                    s.Append($"char {v}[reverse_coded] {(item.Reverse ? 1 : 0)}\n");
                    if (item.Construct is { } construct) s.Append($"char {v}[construct] {Escape(ScriptInput.OneLine(construct))}\n");
                    if (c.ScaleMax is { } max) s.Append($"char {v}[scale] {c.ScaleMin}-{max}\n");
                }
            }
            s.Append($"compress\nsave {Str(dataset + ".dta")}, replace\n");
        }
        return s.ToString();
    }

    static bool IsWholeNumber(string code) =>
        code.Length is > 0 and <= 9 && code.All(char.IsAsciiDigit) && (code == "0" || code[0] != '0');

    /// <summary>Builds the new variable in a temporary one, puts it in the column's place and gives it the name.</summary>
    static void Replace(StringBuilder s, string v, params string[] build)
    {
        s.Append("tempvar t\n");
        foreach (var line in build) s.Append(line).Append('\n');
        s.Append($"order `t', after({v})\ndrop {v}\nrename `t' {v}\n");
    }

    /// <summary>A compound-quoted Stata string; ` and $ are escaped so no macro is expanded inside it.</summary>
    static string Str(string text) => "`\"" + Escape(text) + "\"'";

    /// <summary>` and $ would start a macro; a backslash before them keeps them as they are.</summary>
    static string Escape(string text) =>
        text.Replace("`", "\\`", StringComparison.Ordinal).Replace("$", "\\$", StringComparison.Ordinal);
}
