using System.Text;

namespace Experiment.Engine.Export.Scripts;

/// <summary>How a column is read in every tool, from its codebook type.</summary>
enum ColumnKind { String, Category, Likert, Boolean, Integer, Decimal, DateTime }

/// <summary>
/// What the scripts are written from: the codebook rows of the export (nothing else describes a column), the
/// study, the language of the labels and the SHA-256 of every data file as written.
/// </summary>
sealed record ScriptInput(ExportLayout Layout, IReadOnlyList<Codebook.Row> Rows, string Language,
    IReadOnlyDictionary<string, string> Sha256, bool ExcelSafe = false)
{
    /// <summary>
    /// The files the scripts read. panel_ids.csv is left out on purpose (it is deleted before data are shared) and
    /// codebook.csv is what the scripts are made of.
    /// </summary>
    public static readonly string[] DataFiles = ["participants.csv", "disclosures.csv", "responses.csv", "page_times.csv"];

    public IEnumerable<(string File, string Dataset, IReadOnlyList<Codebook.Row> Columns)> Files =>
        DataFiles.Select(f => (f, Path.GetFileNameWithoutExtension(f), (IReadOnlyList<Codebook.Row>)Rows.Where(r => r.File == f).ToList()));

    public string Label(Codebook.Row row) => In(row.Label);

    public string? Label(Codebook.Code code) => code.Label is null ? null : In(code.Label);

    /// <summary>The label in the chosen language; fixed columns have English and Dutch texts, so others fall back to English.</summary>
    string In(Experiment.Engine.Studies.Text text) =>
        text.TryGetValue(Language, out var t) ? t : text.TryGetValue("en", out var en) ? en : text.In(Language);

    public static ColumnKind Kind(Codebook.Row row) => row.Type switch
    {
        "category" or "choice" => ColumnKind.Category,
        "likert" => ColumnKind.Likert,
        "boolean" or "yesno" => ColumnKind.Boolean,
        "integer" => ColumnKind.Integer,
        "decimal" or "number" => ColumnKind.Decimal,
        "datetime" => ColumnKind.DateTime,
        _ => ColumnKind.String,
    };

    /// <summary>The codes that carry a label, with the label in the chosen language.</summary>
    public IEnumerable<(string Code, string Label)> Labelled(Codebook.Row row) =>
        row.Codes.Select(c => (c.Value, Label: Label(c))).Where(c => c.Label is not null).Select(c => (c.Value, c.Label!));

    /// <summary>The first comment lines, without a line end (SPSS ends a comment with a period, the others do not).</summary>
    public IEnumerable<string> Header(string file) =>
    [
        $"{file}: reads the export of study {Layout.StudyId} with the types and labels of codebook.csv (labels: {Language})",
        "Written by the export from the codebook rows; export again rather than edit it",
        .. ExcelSafe
            ? (string[])["An excel-safe export: text cells that start with = + - @, tab or CR have a ' in front, so values are not exact; export without excel-safe for analysis"]
            : [],
    ];

    /// <summary>Names separated by spaces, <paramref name="perLine"/> to a line, each further line starting with <paramref name="lineBreak"/>.</summary>
    public static string Wrap(IEnumerable<string> names, string lineBreak, int perLine = 8) =>
        string.Join(lineBreak, names.Chunk(perLine).Select(chunk => string.Join(' ', chunk)));

    /// <summary>Columns whose variable name differs from the CSV column, for the comment every script carries.</summary>
    public IEnumerable<string> Renamed() =>
        Rows.Where(r => DataFiles.Contains(r.File) && r.VarName != r.Column)
            .Select(r => $"{r.File}: column {r.Column} is variable {r.VarName}");

    /// <summary>At most <paramref name="maxBytes"/> UTF-8 bytes, cut at a character with an ellipsis (the full text is in the codebook).</summary>
    public static string Fit(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes) return text;
        var b = new StringBuilder();
        var bytes = 3;   // the ellipsis
        foreach (var rune in text.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > maxBytes) break;
            bytes += rune.Utf8SequenceLength;
            b.Append(rune.ToString());
        }
        return b.Append('…').ToString();
    }

    /// <summary>Labels with no line breaks or other control characters, which no tool's label allows.</summary>
    public static string OneLine(string text)
    {
        var b = new StringBuilder(text.Length);
        foreach (var c in text) b.Append(char.IsControl(c) ? ' ' : c);
        return b.ToString();
    }
}
