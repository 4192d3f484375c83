using System.Globalization;
using System.Text;
using CsvHelper;

namespace Analysis.Export;

/// <summary>The spelling rules of export-format.md in one place, so every file writes values the same way.</summary>
static class Csv
{
    public static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>RFC 4180, quoting only when needed, LF line ends; the caller's TextWriter carries UTF-8 without BOM.</summary>
    public static CsvWriter Writer(TextWriter text) =>
        CsvWriter.Create(text, new CsvWriterOptions { NewLine = "\n" }, leaveOpen: true);

    public static Task RowAsync(CsvWriter csv, IEnumerable<string> fields) => csv.WriteRecordAsync(fields.ToArray()).AsTask();

    public static string Bool(bool? b) => b is null ? "" : b.Value ? "1" : "0";

    /// <summary>ISO 8601 UTC to the second, as in the contract's example (2026-11-28T21:04:05Z).</summary>
    public static string Time(DateTime? t) => t is null ? ""
        : DateTime.SpecifyKind(t.Value, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Seconds between two moments, to the millisecond; empty when the second one is missing.</summary>
    public static string Seconds(DateTime from, DateTime? to) => to is null ? "" : Number(Math.Round((to.Value - from).TotalSeconds, 3));

    /// <summary>Shortest text that reads back to the same double, with a dot.</summary>
    public static string Number(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    public static string Number(decimal d) => Number((double)d);

    public static string Number(int i) => i.ToString(CultureInfo.InvariantCulture);

    public static string Number(int? i) => i?.ToString(CultureInfo.InvariantCulture) ?? "";

    /// <summary>Yes/no answers as 1/0 whatever spelling the survey stored; anything else unchanged.</summary>
    public static string YesNo(string value) => value.Trim().ToLowerInvariant() switch
    {
        "1" or "yes" or "true" or "ja" => "1",
        "0" or "no" or "false" or "nee" => "0",
        _ => value,
    };
}
