using System.CommandLine;
using System.Diagnostics;
using Experiment.Engine.Export;
using Experiment.Engine.Researchers;
using Npgsql;
using Spectre.Console;

namespace Analysis;

/// <summary>`export --study ID --out DIR [--lang L]`: the files of docs/export-format.md.</summary>
public static class ExportCommands
{
    public static Command Create(TimeProvider clock)
    {
        var command = new Command("export", "Export a study's data as the CSV files of docs/export-format.md");
        var study = new Option<string>("--study") { Description = "Study id", Required = true };
        var output = new Option<string>("--out") { Description = "Folder to write the files into (created if missing)", Required = true };
        var lang = new Option<string?>("--lang") { Description = "Language of the labels in read_export.R/.sps/.do and dataset_description.json (a language of the study; default en, else the study's default)" };
        var stats = new Option<bool>("--stats") { Description = "Print elapsed time and peak memory afterwards (for benchmarks)" };
        var excelSafe = new Option<bool>("--excel-safe")
        {
            Description = "Put a ' before text cells that start with = + - @, tab or CR, so Excel shows them instead of running them " +
                          "(the files are then not exact for R or pandas; noted in the codebook)",
        };
        var includePilot = new Option<bool>("--include-pilot") { Description = "Export the pilot participants too (column pilot = 1); they are left out otherwise" };
        var connection = CliDatabase.ConnectionOption();
        command.Options.Add(study);
        command.Options.Add(includePilot);
        command.Options.Add(excelSafe);
        command.Options.Add(output);
        command.Options.Add(lang);
        command.Options.Add(stats);
        command.Options.Add(connection);
        command.SetAction(async (result, ct) =>
        {
            var studyId = result.GetValue(study)!;
            var dir = Path.GetFullPath(result.GetValue(output)!);
            CheckWritable(dir);
            await using var db = CliDatabase.Open(CliDatabase.ConnectionString(result, connection));
            var elapsed = Stopwatch.StartNew();
            var safe = result.GetValue(excelSafe);
            var pilot = result.GetValue(includePilot);
            var participants = await RunAsync(db, studyId, dir, clock, safe, result.GetValue(lang), pilot, ct);
            await AuditLog.WriteAsync(db, AuditLog.CliActor(), "export", studyId,
                $"{participants} participants to files{(safe ? " (excel-safe)" : "")}{(pilot ? " (pilot included)" : "")}", ct);
            Console.WriteLine($"exported {participants} participants of {studyId} to {dir}{(safe ? " (excel-safe: not exact for R or pandas)" : "")}");
            if (result.GetValue(stats))
            {
                using var self = Process.GetCurrentProcess();
                self.Refresh();
                Console.WriteLine($"elapsed_s={elapsed.Elapsed.TotalSeconds:F1} peak_working_set_mb={self.PeakWorkingSet64 / 1048576.0:F1} " +
                                  $"gc_heap_mb={GC.GetTotalMemory(false) / 1048576.0:F1} gc_total_allocated_mb={GC.GetTotalAllocatedBytes() / 1048576.0:F0}");
            }
            return 0;
        });
        return command;
    }

    /// <summary>Fails before touching the database when the folder cannot be created or written.</summary>
    static void CheckWritable(string dir)
    {
        try
        {
            Directory.CreateDirectory(dir);
            var probe = Path.Combine(dir, ".ppl-write-test");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new CliException($"Cannot write to '{dir}': {e.Message}");
        }
    }

    /// <summary>A progress bar per file on a terminal, one plain line per file when the output is redirected.</summary>
    static async Task<long> RunAsync(NpgsqlDataSource db, string studyId, string dir, TimeProvider clock, bool excelSafe, string? language,
        bool includePilot, CancellationToken ct)
    {
        long participants = 0;
        try
        {
            if (!Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive)
            {
                await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new SpinnerColumn(), new ElapsedTimeColumn())
                    .StartAsync(async ctx =>
                    {
                        var tasks = Exporter.FileNames.ToDictionary(f => f, f => ctx.AddTask(f, autoStart: false, maxValue: 1));
                        await Exporter.ExportToDirectoryAsync(db, studyId, dir, clock, new Sync(p =>
                        {
                            var task = tasks[p.File];
                            if (!task.IsStarted) task.StartTask();
                            task.Description = $"{p.File} {p.Rows:N0} rows";
                            if (p.FileDone) { task.Value = 1; task.StopTask(); }
                            if (p.FileDone && p.File == "participants.csv") participants = p.Rows;
                        }), ct, excelSafe, language, includePilot);
                    });
            }
            else
            {
                await Exporter.ExportToDirectoryAsync(db, studyId, dir, clock, new Sync(p =>
                {
                    if (!p.FileDone) return;
                    Console.WriteLine($"{p.File}: {p.Rows} rows");
                    if (p.File == "participants.csv") participants = p.Rows;
                }), ct, excelSafe, language, includePilot);
            }
        }
        catch (UnknownStudyException e) { throw new CliException(e.Message + " (see `study list`)"); }
        catch (UnknownExportLanguageException e) { throw new CliException(e.Message); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"Cannot write the export to '{dir}': {e.Message}");
        }
        return participants;
    }

    /// <summary>Reports on the exporting thread, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    sealed class Sync(Action<ExportProgress> report) : IProgress<ExportProgress>
    {
        public void Report(ExportProgress value) => report(value);
    }
}
