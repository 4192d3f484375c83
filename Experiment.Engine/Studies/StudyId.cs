using System.Text.RegularExpressions;

namespace Experiment.Engine.Studies;

/// <summary>
/// What a study id may be, in one place: the study file's validation, the web routes and every query that
/// names a study check it, so a blank, a control character or a trailing newline is refused before it reaches
/// a cookie path, a file name or PostgreSQL (which rejects NUL in text).
/// </summary>
public static partial class StudyId
{
    public const int MaxLength = 64;

    /// <summary>ASCII only ([a-z0-9], not \d), and \z, not $: in .NET "$" also matches before a final newline.</summary>
    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]*\z")]
    private static partial Regex Pattern();

    public static bool IsValid(string? id) => id is { Length: > 0 and <= MaxLength } && Pattern().IsMatch(id);
}
