using Experiment.Engine.Export;
using Experiment.Engine.Storage;
using Npgsql;

namespace Analysis.Report;

/// <summary>
/// <c>report --study ID</c>: exports the study with the same <see cref="Exporter"/> researchers use into a private
/// temporary folder and reads it exactly as <c>--from-csv</c> does, so both paths give the same numbers by
/// construction. The folder (which also holds panel_ids.csv) is deleted whatever happens.
/// </summary>
public static class ReportFromDatabase
{
    public static async Task<ReportData> LoadAsync(string connectionString, string studyId, TimeProvider clock, ReportProgress progress, CancellationToken ct,
        bool includePilot = false)
    {
        var folder = Directory.CreateTempSubdirectory("ppl-report-");
        try
        {
            await using var db = Database.CreateDataSource(connectionString);
            await progress.RunAsync($"exporting study '{studyId}'", async p =>
            {
                var rows = new Progress(p);
                try { await Exporter.ExportToDirectoryAsync(db, studyId, folder.FullName, clock, rows, ct, includePilot: includePilot); }
                catch (UnknownStudyException e) { throw new ReportInputException(e.Message); }
                catch (NpgsqlException e) { throw new ReportInputException($"Cannot read study '{studyId}' from the database: {e.Message}"); }
                return true;
            });
            return await progress.Run("loading the export", _ => ExportFolderReader.Read(folder.FullName));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>One progress line per finished file, and a running count for the participants' rows.</summary>
    private sealed class Progress(IProgress<string> lines) : IProgress<ExportProgress>
    {
        public void Report(ExportProgress value)
        {
            if (value.FileDone || value.Rows % 50_000 == 0) lines.Report($"{value.File}: {value.Rows} rows{(value.FileDone ? ", done" : "")}");
        }
    }
}
