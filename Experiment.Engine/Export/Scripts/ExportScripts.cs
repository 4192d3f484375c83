using System.Text;

namespace Experiment.Engine.Export.Scripts;

/// <summary>
/// The files written with every export next to the CSV files, all from the codebook rows: scripts that read
/// the CSV files into R, SPSS/PSPP and Stata with types and labels, and the Psych-DS description.
/// </summary>
static class ExportScripts
{
    public static readonly IReadOnlyList<string> FileNames =
        [RScript.FileName, SpssSyntax.FileName, StataDo.FileName, PsychDsDescription.FileName];

    /// <summary>
    /// The language of the labels: the one asked for, which must be a language of the study; else
    /// <see cref="Exporter.DefaultLanguage"/> of the current version.
    /// </summary>
    public static string Language(ExportLayout layout, string? requested)
    {
        var languages = layout.Versions.Values.OrderByDescending(v => v.Study.Version)
            .SelectMany(v => v.Study.Languages).Distinct(StringComparer.Ordinal).ToList();
        if (requested is not null)
            return languages.Contains(requested, StringComparer.Ordinal) ? requested : throw new UnknownExportLanguageException(requested, languages);
        return Exporter.DefaultLanguage(layout.Current.Study);
    }

    public static byte[] Write(string name, ScriptInput input) => Encoding.UTF8.GetBytes(name switch
    {
        RScript.FileName => RScript.Write(input),
        SpssSyntax.FileName => SpssSyntax.Write(input),
        StataDo.FileName => StataDo.Write(input),
        PsychDsDescription.FileName => PsychDsDescription.Write(input),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a script of the export"),
    });
}
