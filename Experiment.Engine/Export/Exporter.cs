using System.Data;
using System.IO.Compression;
using Experiment.Engine.Export.Scripts;
using Experiment.Engine.Participants;
using Npgsql;

namespace Experiment.Engine.Export;

/// <summary>Thrown for a study id that was never imported; the message is meant for the researcher.</summary>
public sealed class UnknownStudyException(string studyId) : Exception($"No study with id '{studyId}' has been imported.")
{
    public string StudyId { get; } = studyId;
}

/// <summary>The language asked for the labels is not one the study has; the message is meant for the researcher.</summary>
public sealed class UnknownExportLanguageException(string language, IEnumerable<string> languages)
    : Exception($"The study has no language {Shown(language)}; labels can be written in: {string.Join(", ", languages)}.")
{
    /// <summary>Echoes only what looks like a language code, never a long or odd input.</summary>
    static string Shown(string language) =>
        language.Length is > 0 and <= 12 && language.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? $"'{language}'" : "like that";
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
    /// <summary>The data files, in export order.</summary>
    public static readonly IReadOnlyList<string> FileNames =
        ["participants.csv", "disclosures.csv", "responses.csv", "page_times.csv", "panel_ids.csv", "codebook.csv", StudyInfoFile.Name];

    /// <summary>Every file of an export: the data files, then the scripts and description written from the codebook.</summary>
    public static readonly IReadOnlyList<string> AllFileNames = [.. FileNames, .. ExportScripts.FileNames];

    /// <summary>
    /// The language of the scripts' labels when none is asked for: English when the study has it (the codebook's
    /// values are English), else the study's default language.
    /// </summary>
    public static string DefaultLanguage(Experiment.Engine.Studies.StudyDefinition study) =>
        study.Languages.Contains("en") ? "en" : study.DefaultLanguage ?? study.Languages[0];

    /// <summary>A fixed time stamp for zip entries, so two zips of the same data are byte-identical.</summary>
    static readonly DateTimeOffset ZipEntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static Task ExportToDirectoryAsync(NpgsqlDataSource db, string studyId, string directory, TimeProvider clock, CancellationToken ct = default) =>
        ExportToDirectoryAsync(db, studyId, directory, clock, null, ct);

    /// <summary>
    /// Writes every file of <see cref="AllFileNames"/> into <paramref name="directory"/> (created if missing), replacing older ones.
    /// <paramref name="clock"/> says when "now" is, for the status column (<see cref="Abandonment"/>).
    /// </summary>
    /// <param name="excelSafe">Protect text cells from spreadsheets that run formulas (<see cref="Csv.Writer"/>); noted in the codebook.</param>
    /// <param name="language">Language of the labels in the scripts (<see cref="ExportScripts.Language"/>).</param>
    /// <param name="includePilot">Export the pilot participants too (<see cref="Pilot"/>); they are left out otherwise.</param>
    public static async Task ExportToDirectoryAsync(NpgsqlDataSource db, string studyId, string directory, TimeProvider clock,
        IProgress<ExportProgress>? progress, CancellationToken ct = default, bool excelSafe = false, string? language = null, bool includePilot = false)
    {
        Directory.CreateDirectory(directory);
        // A folder takes several files at once: the three files merged from participants are written in one pass.
        await RunAsync(db, studyId, clock, progress, together: true, excelSafe, language, includePilot, async (names, write) =>
        {
            // Written beside the target and renamed, so a failed export never leaves a half file under the real name.
            var paths = names.Select(name => Path.Combine(directory, name)).ToList();
            var streams = new List<Stream>();
            try
            {
                foreach (var path in paths) streams.Add(new LocalFileStream(path + ".partial"));
                await write(streams);
            }
            finally
            {
                foreach (var stream in streams) await stream.DisposeAsync();
            }
            foreach (var path in paths) File.Move(path + ".partial", path, overwrite: true);
        }, ct);
    }

    public static Task WriteZipAsync(NpgsqlDataSource db, string studyId, Stream output, TimeProvider clock, CancellationToken ct = default) =>
        WriteZipAsync(db, studyId, output, clock, null, ct);

    /// <summary>Writes a zip of <see cref="AllFileNames"/> to <paramref name="output"/>, which may be a non-seekable HTTP response.</summary>
    public static async Task WriteZipAsync(NpgsqlDataSource db, string studyId, Stream output, TimeProvider clock,
        IProgress<ExportProgress>? progress, CancellationToken ct = default, bool excelSafe = false, string? language = null, bool includePilot = false)
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
        // A zip holds one open entry at a time, so each file is its own pass.
        await RunAsync(db, studyId, clock, progress, together: false, excelSafe, language, includePilot, async (names, write) =>
        {
            var entry = zip.CreateEntry(names.Single(), CompressionLevel.Optimal);
            entry.LastWriteTime = ZipEntryTime;
            await using (var stream = await entry.OpenAsync(ct)) await write([stream]);
            await sink.SendPendingAsync(ct);
        }, ct);
        await zip.DisposeAsync();   // writes the central directory
        await sink.FlushAsync(ct);
    }

    /// <summary>
    /// Reads the study in one snapshot and writes the files in export order, grouped: <paramref name="perGroup"/>
    /// gets the names of files to write together and opens a stream for each.
    /// </summary>
    static async Task RunAsync(NpgsqlDataSource db, string studyId, TimeProvider clock, IProgress<ExportProgress>? progress, bool together, bool excelSafe,
        string? language, bool includePilot, Func<string[], Func<IReadOnlyList<Stream>, Task>, Task> perGroup, CancellationToken ct)
    {
        // Read-only: a stale session is exported as abandoned by the participant query itself (Abandonment.StatusSql),
        // the rule the dashboard and purge apply too, so an export never writes and works on a read-only replica.
        await using var snapshot = await ExportSnapshot.BeginAsync(db, Abandonment.Cutoff(clock), includePilot, ct);
        var layout = await ExportLayout.LoadAsync(snapshot.Connection, studyId, ct, includePilot) ?? throw new UnknownStudyException(studyId);
        var labels = ExportScripts.Language(layout, language);
        var codebook = Codebook.Rows(layout, excelSafe);
        var sha256 = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var files = new ExportFiles(snapshot, layout, ct);
        files.OpenEarly();
        IEnumerable<string[]> groups = together
            ? FileNames.Except(ExportFiles.Merged).Select(name => new[] { name }).Prepend(ExportFiles.Merged)
            : FileNames.Select(name => new[] { name });
        foreach (var names in groups)
        {
            var rows = new long[names.Length];
            await perGroup(names, async streams =>
            {
                var hashed = streams.Select(stream => new HashingStream(stream)).ToArray();
                var targets = names.Select((name, i) => new CsvTarget(Csv.Writer(hashed[i], excelSafe), () =>
                {
                    if (++rows[i] % 5000 == 0) progress?.Report(new ExportProgress(name, rows[i], false));
                })).ToArray();
                try
                {
                    await WriteAsync(files, layout, codebook, names, targets);
                    foreach (var target in targets) await target.Csv.FlushAsync(ct);
                }
                finally
                {
                    foreach (var target in targets) await target.Csv.DisposeAsync();
                }
                for (var i = 0; i < names.Length; i++) sha256[names[i]] = hashed[i].Sha256();
                foreach (var h in hashed) await h.DisposeAsync();
            });
            for (var i = 0; i < names.Length; i++) progress?.Report(new ExportProgress(names[i], rows[i], true));
        }
        // Written last: the description carries the hashes of the files above.
        var input = new ScriptInput(layout, codebook, labels, sha256, excelSafe);
        foreach (var name in ExportScripts.FileNames)
            await perGroup([name], async streams => await streams[0].WriteAsync(ExportScripts.Write(name, input), ct));
        await snapshot.CommitAsync(ct);
    }

    static Task WriteAsync(ExportFiles files, ExportLayout layout, IReadOnlyList<Codebook.Row> codebook, string[] names, CsvTarget[] targets)
    {
        CsvTarget? Target(string name) => Array.IndexOf(names, name) is >= 0 and var i ? targets[i] : null;
        return names[0] switch
        {
            "page_times.csv" => files.PageTimesAsync(targets[0]),
            "panel_ids.csv" => files.PanelIdsAsync(targets[0]),
            "codebook.csv" => Codebook.WriteAsync(codebook, targets[0]),
            StudyInfoFile.Name => StudyInfoFile.WriteAsync(layout, targets[0].Csv),
            _ => files.MergedAsync(Target("participants.csv"), Target("disclosures.csv"), Target("responses.csv")),
        };
    }
}
