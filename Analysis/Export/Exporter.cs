using System.Data;
using System.IO.Compression;
using Experiment.Engine.Participants;
using Npgsql;

namespace Analysis.Export;

/// <summary>Thrown for a study id that was never imported; the message is meant for the researcher.</summary>
public sealed class UnknownStudyException(string studyId) : Exception($"No study with id '{studyId}' has been imported.")
{
    public string StudyId { get; } = studyId;
}

/// <summary>How far an export is: the file being written and the rows written to it so far.</summary>
public readonly record struct ExportProgress(string File, long Rows, bool FileDone);

/// <summary>
/// Writes the files of export-format.md (docs/export-format.md). Everything is read inside one read-only
/// snapshot transaction through server-side cursors, so memory stays constant whatever the study's size and
/// the files agree with each other even while participants keep arriving.
/// </summary>
public static class Exporter
{
    public static readonly IReadOnlyList<string> FileNames =
        ["participants.csv", "disclosures.csv", "responses.csv", "page_times.csv", "panel_ids.csv", "codebook.csv"];

    /// <summary>A fixed time stamp for zip entries, so two zips of the same data are byte-identical.</summary>
    static readonly DateTimeOffset ZipEntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static Task ExportToDirectoryAsync(NpgsqlDataSource db, string studyId, string directory, CancellationToken ct = default) =>
        ExportToDirectoryAsync(db, studyId, directory, null, ct);

    /// <summary>Writes the six files into <paramref name="directory"/> (created if missing), replacing older ones.</summary>
    public static async Task ExportToDirectoryAsync(NpgsqlDataSource db, string studyId, string directory,
        IProgress<ExportProgress>? progress, CancellationToken ct = default)
    {
        Directory.CreateDirectory(directory);
        await RunAsync(db, studyId, progress, async (name, write) =>
        {
            // Written beside the target and renamed, so a failed export never leaves a half file under the real name.
            var path = Path.Combine(directory, name);
            var partial = path + ".partial";
            await using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            await using (var text = new StreamWriter(stream, Csv.Utf8NoBom, 1 << 16))
            {
                await write(text);
                await text.FlushAsync(ct);
            }
            File.Move(partial, path, overwrite: true);
        }, ct);
    }

    public static Task WriteZipAsync(NpgsqlDataSource db, string studyId, Stream output, CancellationToken ct = default) =>
        WriteZipAsync(db, studyId, output, null, ct);

    /// <summary>Writes a zip of the six files to <paramref name="output"/>, which may be a non-seekable HTTP response.</summary>
    public static async Task WriteZipAsync(NpgsqlDataSource db, string studyId, Stream output,
        IProgress<ExportProgress>? progress, CancellationToken ct = default)
    {
        // Check the study first: an unknown id must fail before any byte of a zip goes out.
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            await using var check = new NpgsqlCommand("select exists (select 1 from study where id = @studyId)", conn);
            check.Parameters.AddWithValue("studyId", studyId);
            if (!(bool)(await check.ExecuteScalarAsync(ct))!) throw new UnknownStudyException(studyId);
        }
        var sink = new AsyncOnlyStream(output);
        var zip = await ZipArchive.CreateAsync(sink, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, ct);
        await RunAsync(db, studyId, progress, async (name, write) =>
        {
            var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
            entry.LastWriteTime = ZipEntryTime;
            await using (var stream = await entry.OpenAsync(ct))
            await using (var text = new StreamWriter(stream, Csv.Utf8NoBom, 1 << 16))
            {
                await write(text);
                await text.FlushAsync(ct);
            }
            await sink.SendPendingAsync(ct);
        }, ct);
        await zip.DisposeAsync();   // writes the central directory
        await sink.FlushAsync(ct);
    }

    static async Task RunAsync(NpgsqlDataSource db, string studyId, IProgress<ExportProgress>? progress,
        Func<string, Func<TextWriter, Task>, Task> perFile, CancellationToken ct)
    {
        // Stale sessions become abandoned first, so the export's status column agrees with the dashboard and purge.
        await Abandonment.MarkAsync(db, studyId, ct);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await using (var ro = new NpgsqlCommand("set transaction read only", conn)) await ro.ExecuteNonQueryAsync(ct);
        var layout = await ExportLayout.LoadAsync(conn, studyId, ct) ?? throw new UnknownStudyException(studyId);
        var files = new ExportFiles(conn, layout, ct);
        foreach (var name in FileNames)
        {
            long rows = 0;
            void Row() { if (++rows % 5000 == 0) progress?.Report(new ExportProgress(name, rows, false)); }
            await perFile(name, text => name switch
            {
                "participants.csv" => files.ParticipantsAsync(text, Row),
                "disclosures.csv" => files.DisclosuresAsync(text, Row),
                "responses.csv" => files.ResponsesAsync(text, Row),
                "page_times.csv" => files.PageTimesAsync(text, Row),
                "panel_ids.csv" => files.PanelIdsAsync(text, Row),
                _ => Codebook.WriteAsync(layout, text),
            });
            progress?.Report(new ExportProgress(name, rows, true));
        }
        await tx.CommitAsync(ct);
    }
}
