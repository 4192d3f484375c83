using System.Globalization;
using CsvHelper;

namespace Analysis.Report;

/// <summary>
/// One CSV file of an export folder read row by row with CsvHelper, with parsers that turn a bad value into a
/// <see cref="ReportInputException"/> naming the file, the line and the column and what was expected.
/// </summary>
internal sealed class CsvInput : IDisposable
{
    private static readonly CsvReaderOptions Options = CsvReaderOptions.Default with
    {
        Separator = ',',
        HasHeader = true,
        TrackLineNumbers = true,
        // Arm labels, field names and flags repeat on every row: pooled, 100,000 rows hold a handful of strings.
        PoolStrings = true,
        IncludeValuesInExceptions = false,
    };

    private readonly CsvReader _csv;
    private readonly Dictionary<string, int> _columns;

    public string FileName { get; }
    public IReadOnlyList<string> Header { get; }

    private CsvInput(string fileName, CsvReader csv, IReadOnlyList<string> header)
    {
        FileName = fileName;
        _csv = csv;
        Header = header;
        _columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++) _columns.TryAdd(header[i], i);
    }

    public static CsvInput Open(string directory, string fileName)
    {
        var path = Path.Combine(directory, fileName);
        if (!File.Exists(path))
            throw new ReportInputException(
                $"{path} not found: the report reads participants.csv, disclosures.csv and codebook.csv from an export folder.");
        var csv = CsvReader.FromFile(path, Options);
        try
        {
            var header = csv.Headers.ToArray();
            if (header.Length == 0 || header.All(h => h.Length == 0))
                throw new ReportInputException($"{fileName} is empty: expected a header row.");
            return new CsvInput(fileName, csv, header);
        }
        catch (CsvFormatException e)
        {
            csv.Dispose();
            throw new ReportInputException($"{fileName}: the header row is not valid CSV ({e.Message}).");
        }
        catch
        {
            csv.Dispose();
            throw;
        }
    }

    /// <summary>The index of a column the report needs; a missing one is an error naming file and column.</summary>
    public int Require(string column) =>
        _columns.TryGetValue(column, out var i)
            ? i
            : throw new ReportInputException($"{FileName}: missing column '{column}'.");

    public int? Optional(string column) => _columns.TryGetValue(column, out var i) ? i : null;

    /// <summary>Moves to the next row; a row with fewer fields than the header is an error.</summary>
    public bool Read()
    {
        try
        {
            if (!_csv.Read()) return false;
        }
        catch (CsvFormatException e)
        {
            throw new ReportInputException($"{FileName}, line {(e.LineNumber > 0 ? e.LineNumber : e.RecordNumber)}: not valid CSV ({e.Message}).");
        }
        if (_csv.FieldCount < Header.Count)
            throw new ReportInputException(
                $"{FileName}, line {Line}: {_csv.FieldCount} fields where the header has {Header.Count}.");
        return true;
    }

    /// <summary>The physical line where the current row starts (the header is line 1).</summary>
    public long Line => _csv.LineNumber;

    public string Text(int column) => _csv.GetString(column);

    public ReportInputException Bad(int column, string expected) =>
        new($"{FileName}, line {Line}, column '{Header[column]}': expected {expected}, got '{Shorten(Text(column))}'.");

    public string NonEmpty(int column)
    {
        var s = Text(column);
        return s.Length == 0 ? throw Bad(column, "a value") : s;
    }

    /// <summary>A 1/0 flag, -1 when empty (the format's "does not exist").</summary>
    public sbyte Flag(int column)
    {
        var span = _csv.GetSpan(column);
        if (span.Length == 0) return -1;
        if (span.Length == 1 && span[0] == (byte)'1') return 1;
        if (span.Length == 1 && span[0] == (byte)'0') return 0;
        throw Bad(column, "1, 0 or empty");
    }

    /// <summary>A decimal number with a dot, NaN when empty.</summary>
    public double Number(int column, string expected = "a number")
    {
        var span = _csv.GetSpan(column);
        if (span.Length == 0) return double.NaN;
        return double.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : throw Bad(column, expected);
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "...";

    public void Dispose() => _csv.Dispose();
}
