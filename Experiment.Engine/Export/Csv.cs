using System.Globalization;
using CsvHelper;

namespace Experiment.Engine.Export;

/// <summary>The spelling rules of export-format.md in one place, so every file writes values the same way.</summary>
/// <remarks>
/// Values are written field by field: numbers and times are formatted straight into CsvHelper's UTF-8 buffer, so
/// the millions of rows of a large export allocate no string or array per field (measured in bench/export-profile.md).
/// The string forms below spell exactly the same text, for the few places that need a string.
/// </remarks>
static class Csv
{
    const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>
    /// RFC 4180, quoting only when needed, LF line ends, UTF-8 without BOM written straight to the stream
    /// (a TextWriter in between would decode CsvHelper's UTF-8 and encode it again).
    /// With <paramref name="excelSafe"/>, a text field starting with = + - @, tab or CR gets a ' in front (OWASP's
    /// advice against CSV injection, CsvHelper's CsvInjection.Escape), so a spreadsheet shows it instead of running
    /// it; the files are then no longer exact, which is why it is only on request.
    /// </summary>
    public static CsvWriter Writer(Stream stream, bool excelSafe = false) =>
        CsvWriter.Create(stream, new CsvWriterOptions
        {
            NewLine = "\n",
            WriteByteOrderMark = false,
            FormatProvider = CultureInfo.InvariantCulture,
            Injection = excelSafe ? CsvInjection.Escape : CsvInjection.None,
        }, leaveOpen: true);

    public static Task RowAsync(CsvWriter csv, IEnumerable<string> fields) => csv.WriteRecordAsync(fields.ToArray()).AsTask();

    public static string Bool(bool? b) => b is null ? "" : b.Value ? "1" : "0";

    public static void Bool(this CsvWriter csv, bool? b) => csv.WriteField(Bool(b));

    /// <summary>ISO 8601 UTC to the second, as in the contract's example (2026-11-28T21:04:05Z).</summary>
    public static void Time(this CsvWriter csv, DateTime? t)
    {
        if (t is null) csv.WriteField("");
        else csv.WriteField(DateTime.SpecifyKind(t.Value, DateTimeKind.Utc), TimeFormat);
    }

    /// <summary>Seconds between two moments, to the millisecond; empty when the second one is missing.</summary>
    public static void Seconds(this CsvWriter csv, DateTime from, DateTime? to)
    {
        if (to is null) csv.WriteField("");
        else csv.Number(Math.Round((to.Value - from).TotalSeconds, 3));
    }

    /// <summary>Shortest text that reads back to the same double, with a dot.</summary>
    public static string Number(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    public static string Number(int i) => i.ToString(CultureInfo.InvariantCulture);

    /// <summary>The same text as <see cref="Number(double)"/>, without the string.</summary>
    public static void Number(this CsvWriter csv, double d) => csv.WriteField(d, "R");

    public static void Number(this CsvWriter csv, decimal d) => csv.Number((double)d);

    public static void Number(this CsvWriter csv, int i) => csv.WriteField(i, "");

    public static void Number(this CsvWriter csv, decimal? d)
    {
        if (d is { } v) csv.Number(v);
        else csv.WriteField("");
    }

    public static void Number(this CsvWriter csv, int? i)
    {
        if (i is null) csv.WriteField("");
        else csv.WriteField(i.Value, "");
    }

    /// <summary>Yes/no answers as 1/0 whatever spelling the survey stored; anything else unchanged.</summary>
    public static string YesNo(string value) => value switch
    {
        // The spellings the survey stores, without the trimming and lower-casing copies of the general case.
        "1" or "yes" => "1",
        "0" or "no" => "0",
        _ => value.Trim().ToLowerInvariant() switch
        {
            "1" or "yes" or "true" or "ja" => "1",
            "0" or "no" or "false" or "nee" => "0",
            _ => value,
        },
    };
}
