using System.Globalization;
using System.Text;
using Experiment.Engine.Studies;

namespace Experiment.Engine.Export.Scripts;

/// <summary>
/// read_export.sps: one GET DATA per CSV file, then its variable labels, value labels, missing values,
/// measurement levels and item attributes, saved as a .sav beside the CSV. Only syntax that SPSS and PSPP
/// both run (PSPP 1.6 has no CHAR.SUBSTR, so SUBSTR; time stamps are read as text and converted, since
/// neither reads the ISO 8601 "T...Z" form directly).
/// </summary>
static class SpssSyntax
{
    public const string FileName = "read_export.sps";

    /// <summary>SPSS's limits in bytes; longer labels are cut with an ellipsis (the codebook keeps the full text).</summary>
    const int VariableLabelBytes = 255, ValueLabelBytes = 120;

    public static string Write(ScriptInput input)
    {
        var s = new StringBuilder();
        s.Append("* Encoding: UTF-8.\n");
        foreach (var line in input.Header(FileName).Append("Run it in the export folder: pspp read_export.sps, or in SPSS INSERT FILE='<folder>/read_export.sps' CD=YES")
                     .Concat(input.Renamed()))
            s.Append("* ").Append(line).Append(".\n");
        var widths = new StringWidths(input.Layout);
        foreach (var (file, dataset, columns) in input.Files)
        {
            s.Append('\n').Append($"* {file}.\n");
            var temps = TempNames(columns);
            s.Append("GET DATA\n  /TYPE=TXT\n  /FILE=").Append(Quote(file)).Append("\n  /ENCODING='UTF-8'\n  /ARRANGEMENT=DELIMITED\n")
                .Append("  /DELCASE=LINE\n  /FIRSTCASE=2\n  /DELIMITERS=','\n  /QUALIFIER='\"'\n  /VARIABLES=");
            foreach (var c in columns)
                s.Append("\n    ").Append(temps.GetValueOrDefault(c.VarName, c.VarName)).Append(' ').Append(InputFormat(c, widths));
            s.Append(".\n");
            foreach (var c in columns.Where(c => temps.ContainsKey(c.VarName)))
            {
                // yyyy-mm-ddThh:mm:ssZ: the date and the time of day, each read with a format both tools have.
                var t = temps[c.VarName];
                s.Append($"COMPUTE {c.VarName} = $SYSMIS.\n");
                s.Append($"IF ({t} <> '') {c.VarName} = NUMBER(SUBSTR({t}, 1, 10), SDATE10) + NUMBER(SUBSTR({t}, 12, 8), TIME8).\n");
            }
            if (temps.Count > 0)
                s.Append("ADD FILES FILE=* /KEEP=").Append(ScriptInput.Wrap(columns.Select(c => c.VarName), "\n  ")).Append(".\n");
            var formats = columns.Select(c => (c, Format: DisplayFormat(c))).Where(x => x.Format is not null).ToList();
            if (formats.Count > 0)
                s.Append("FORMATS").Append(string.Concat(formats.Select(x => $"\n  {x.c.VarName} ({x.Format})"))).Append(".\n");

            s.Append("VARIABLE LABELS");
            s.Append(string.Join("\n  /", columns.Select(c =>
                $" {c.VarName} {Quote(ScriptInput.Fit(ScriptInput.OneLine(input.Label(c)), VariableLabelBytes))}")));
            s.Append(".\n");
            foreach (var c in columns)
            {
                var labelled = input.Labelled(c).ToList();
                if (labelled.Count == 0) continue;
                var numeric = ScriptInput.Kind(c) is ColumnKind.Likert or ColumnKind.Boolean;
                s.Append("VALUE LABELS ").Append(c.VarName);
                foreach (var (code, label) in labelled)
                    s.Append("\n  ").Append(numeric ? code : Quote(code)).Append(' ')
                        .Append(Quote(ScriptInput.Fit(ScriptInput.OneLine(label), ValueLabelBytes)));
                s.Append(".\n");
            }
            // Numeric fields left empty are already system-missing; an empty text is made user-missing.
            var strings = columns.Where(c => ScriptInput.Kind(c) is ColumnKind.String or ColumnKind.Category).Select(c => c.VarName).ToList();
            if (strings.Count > 0) s.Append("MISSING VALUES ").Append(string.Join(' ', strings)).Append(" ('').\n");
            var levels = columns.GroupBy(Level).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => $"{string.Join(' ', g.Select(c => c.VarName))} ({g.Key})");
            s.Append("VARIABLE LEVEL ").Append(string.Join("\n  /", levels)).Append(".\n");
            foreach (var c in columns.Where(c => c.Item is not null))
            {
                s.Append($"VARIABLE ATTRIBUTE VARIABLES={c.VarName} ATTRIBUTE=reverse_coded('{(c.Item!.Reverse ? 1 : 0)}')");
                if (c.Item.Construct is { } construct) s.Append(" construct(").Append(Quote(construct)).Append(')');
                if (c.ScaleMax is { } max) s.Append($" scale_min('{c.ScaleMin}') scale_max('{max}')");
                s.Append(".\n");
            }
            s.Append("SAVE OUTFILE=").Append(Quote(dataset + ".sav")).Append(".\n");
        }
        return s.ToString();
    }

    /// <summary>Time stamps are read into a text variable first, under a name no column has.</summary>
    static Dictionary<string, string> TempNames(IReadOnlyList<Codebook.Row> columns)
    {
        var taken = new HashSet<string>(columns.Select(c => c.VarName), StringComparer.OrdinalIgnoreCase);
        var temps = new Dictionary<string, string>(StringComparer.Ordinal);
        var n = 0;
        foreach (var c in columns.Where(c => ScriptInput.Kind(c) == ColumnKind.DateTime))
        {
            string name;
            do name = "ppl_text_" + ++n; while (!taken.Add(name));
            temps[c.VarName] = name;
        }
        return temps;
    }

    /// <summary>Numbers are read with no implied decimals (F40.0 reads "2.5" as 2.5, F8.2 would read "15" as 0.15).</summary>
    static string InputFormat(Codebook.Row c, StringWidths widths) => ScriptInput.Kind(c) switch
    {
        ColumnKind.String or ColumnKind.Category => "A" + widths.Of(c).ToString(CultureInfo.InvariantCulture),
        ColumnKind.DateTime => "A20",
        _ => "F40.0",
    };

    static string? DisplayFormat(Codebook.Row c) => ScriptInput.Kind(c) switch
    {
        ColumnKind.Likert => "F3.0",
        ColumnKind.Boolean => "F1.0",
        ColumnKind.Integer => "F12.0",
        ColumnKind.Decimal => "F12.3",
        ColumnKind.DateTime => "DATETIME20",
        _ => null,
    };

    static string Level(Codebook.Row c) => ScriptInput.Kind(c) switch
    {
        ColumnKind.Likert => "ORDINAL",
        ColumnKind.Integer or ColumnKind.Decimal or ColumnKind.DateTime => "SCALE",
        _ => "NOMINAL",
    };

    /// <summary>A quoted string, split into pieces joined by + so no syntax line gets long.</summary>
    static string Quote(string text)
    {
        var pieces = new List<string>();
        var b = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (b.Length >= 60) { pieces.Add(b.ToString()); b.Clear(); }
            b.Append(rune.ToString());
        }
        pieces.Add(b.ToString());
        return string.Join(" +\n    ", pieces.Select(p => "'" + p.Replace("'", "''", StringComparison.Ordinal) + "'"));
    }
}

/// <summary>
/// Widths in bytes of the text variables, wide enough for every value the export can hold (a value that does not
/// fit would be cut without a word): codes from their list, text answers from the item's maxLength, keys and
/// arms from the study versions.
/// </summary>
sealed class StringWidths(ExportLayout layout)
{
    const int Minimum = 64, Longest = 32767;

    readonly int keys = Math.Max(Minimum, layout.Versions.Values
        .SelectMany(v => v.Cells.Select(c => c.Arm).Concat(v.Items.Keys).Concat(v.Study.Pages.Select(p => p.Key))
            .Concat(v.Fields.Select(f => f.Key)).Concat(v.Study.Factors.SelectMany(f => f.Levels)))
        .Append(layout.StudyId).Concat(layout.BlockOrders)
        .Select(Bytes).DefaultIfEmpty(0).Max());

    readonly int answers = layout.Versions.Values.SelectMany(v => v.Items.Values)
        .Select(i => i.Type == ItemTypes.Text ? TextBytes(i) : (i.Options ?? []).Select(o => Bytes(o.Code)).DefaultIfEmpty(0).Max())
        .DefaultIfEmpty(0).Max();

    public int Of(Codebook.Row c) => c switch
    {
        { Item.Type: ItemTypes.Text } => TextBytes(c.Item),
        { File: "responses.csv", Column: "value" } => Math.Max(keys, answers),
        _ when c.Codes.Count > 0 => Math.Max(1, c.Codes.Max(code => Bytes(code.Value))),
        _ => keys,
    };

    /// <summary>maxLength counts characters; a character takes at most 4 bytes in UTF-8.</summary>
    static int TextBytes(Item item) => Math.Clamp(4 * (item.MaxLength ?? Longest), 1, Longest);

    static int Bytes(string s) => Encoding.UTF8.GetByteCount(s);
}
