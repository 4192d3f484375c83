using System.Globalization;

namespace Experiment.Engine.Studies;

/// <summary>
/// One exclusion rule a study declares for its analysis (the study file's <c>exclusions</c>, applied in the listed
/// order, each participant counted under the first rule that excludes them). It travels into the export's study.csv
/// as <see cref="Text"/> (e.g. <c>speeder:fractionOfMedian=0.3</c>) so a report from the CSV folder applies the same rules.
/// </summary>
public sealed record ExclusionRule
{
    public const string Pilot = "pilot", DebriefNotReached = "debrief_not_reached",
        BehaviourConsentRefused = "behaviour_consent_refused", AttentionFailed = "attention_failed", Speeder = "speeder";

    public static readonly string[] Names = [Pilot, DebriefNotReached, BehaviourConsentRefused, AttentionFailed, Speeder];

    public required string Rule { get; init; }
    /// <summary>Speeder: duration_s below this many seconds.</summary>
    public double? MinSeconds { get; init; }
    /// <summary>Speeder: duration_s below this fraction of the median duration_s of the participants who have one.</summary>
    public double? FractionOfMedian { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public string Text => Rule != Speeder ? Rule
        : MinSeconds is { } s ? $"{Speeder}:minSeconds={s.ToString(CultureInfo.InvariantCulture)}"
        : $"{Speeder}:fractionOfMedian={FractionOfMedian!.Value.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>What the rule excludes, in words, for the report's header and the pre-registration.</summary>
    public string Describe() => Rule switch
    {
        Pilot => "pilot participants (pilot = 1)",
        DebriefNotReached => "did not reach the debrief (behaviour_consent empty)",
        BehaviourConsentRefused => "refused the use of their shop data in the debrief (behaviour_consent = 0)",
        AttentionFailed => "failed the attention check (attention_passed = 0)",
        Speeder when MinSeconds is { } s => $"speeders: duration_s below {s.ToString(CultureInfo.InvariantCulture)} s",
        Speeder => $"speeders: duration_s below {FractionOfMedian!.Value.ToString(CultureInfo.InvariantCulture)} x the median duration_s",
        _ => Rule,
    };

    /// <summary>Reads <see cref="Text"/> back; null when it is not a rule this version knows.</summary>
    public static ExclusionRule? Parse(string text)
    {
        var parts = text.Split(':', 2);
        if (parts.Length == 1) return Names.Contains(text) && text != Speeder ? new ExclusionRule { Rule = text } : null;
        if (parts[0] != Speeder) return null;
        var kv = parts[1].Split('=', 2);
        if (kv.Length != 2 || !double.TryParse(kv[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !(v > 0)) return null;
        return kv[0] switch
        {
            "minSeconds" => new ExclusionRule { Rule = Speeder, MinSeconds = v },
            "fractionOfMedian" when v < 1 => new ExclusionRule { Rule = Speeder, FractionOfMedian = v },
            _ => null,
        };
    }
}
