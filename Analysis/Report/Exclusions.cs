using Experiment.Engine.Studies;

namespace Analysis.Report;

/// <summary>
/// The study's declared exclusion rules applied in their declared order: each participant is counted under the
/// first rule that excludes them, so consented = excluded (summed over the rules) + analysed, in every cell. With
/// <c>--no-exclusions</c> the same counts are shown as flagged, nobody is removed, and the report says so.
/// </summary>
internal static class Exclusions
{
    /// <summary>The first rule (index into <paramref name="rules"/>) that excludes each participant, -1 for none.</summary>
    public static int[] FirstRule(ReportData data, IReadOnlyList<ExclusionRule> rules)
    {
        var durations = data.DurationSeconds.Where(double.IsFinite).Order().ToArray();
        var median = durations.Length == 0 ? double.NaN
            : durations.Length % 2 == 1 ? durations[durations.Length / 2]
            : (durations[durations.Length / 2 - 1] + durations[durations.Length / 2]) / 2;
        var first = new int[data.Count];
        for (var i = 0; i < data.Count; i++)
        {
            first[i] = -1;
            for (var r = 0; r < rules.Count && first[i] < 0; r++)
                if (Excludes(data, rules[r], i, median)) first[i] = r;
        }
        return first;
    }

    public static bool ReachedDebrief(ReportData data, int i) =>
        data.Status[i] == ParticipantStatus.Completed || (data.BehaviourConsent.Length == data.Count && data.BehaviourConsent[i] >= 0);

    /// <summary>Anyone who reached the debrief passed the checkout (it comes after every block), even when refusing
    /// the use of the shop data blanked checkout_outcome.</summary>
    public static bool ReachedCheckout(ReportData data, int i) => data.ReachedCheckout[i] || ReachedDebrief(data, i);

    /// <summary>Answered no to the debrief's question on the use of the shop data (behaviour_consent = 0), whether or not a rule excludes them.</summary>
    public static bool RefusedShopData(ReportData data, int i) => data.BehaviourConsent.Length == data.Count && data.BehaviourConsent[i] == 0;

    static bool Excludes(ReportData data, ExclusionRule rule, int i, double median) => rule.Rule switch
    {
        ExclusionRule.Pilot => data.Pilot is { } p && p[i] == 1,
        ExclusionRule.DebriefNotReached => !ReachedDebrief(data, i),
        ExclusionRule.BehaviourConsentRefused => RefusedShopData(data, i),
        ExclusionRule.AttentionFailed => data.AttentionPassed.Length == data.Count && data.AttentionPassed[i] == 0,
        ExclusionRule.Speeder => data.DurationSeconds.Length == data.Count && double.IsFinite(data.DurationSeconds[i])
            && data.DurationSeconds[i] < (rule.MinSeconds ?? rule.FractionOfMedian!.Value * median),
        _ => false,
    };

    public static (FlowOut Flow, bool[] Keep) Apply(ReportData data, bool apply, List<string> notes)
    {
        var rules = data.Info.Exclusions;
        var first = FirstRule(data, rules);
        var keep = first.Select(r => !apply || r < 0).ToArray();
        var arms = ReportBuilder.OrderedArms(data);
        var index = arms.Select((a, i) => (a, i)).ToDictionary(t => t.a, t => t.i, StringComparer.Ordinal);
        var counts = new int[arms.Length + 1, 6 + rules.Count];
        for (var i = 0; i < data.Count; i++)
            foreach (var a in new[] { index[data.Arms[i]], arms.Length })
            {
                counts[a, 0]++;
                if (ReachedCheckout(data, i)) counts[a, 1]++;
                if (ReachedDebrief(data, i)) counts[a, 2]++;
                if (data.Status[i] == ParticipantStatus.Completed) counts[a, 3]++;
                if (keep[i]) counts[a, 4]++;
                if (RefusedShopData(data, i)) counts[a, 5]++;
                if (first[i] >= 0) counts[a, 6 + first[i]]++;
            }
        FlowCell Cell(string arm, int a) => new(arm, counts[a, 0], counts[a, 1], counts[a, 2], counts[a, 5], counts[a, 3],
            Enumerable.Range(0, rules.Count).Select(r => counts[a, 6 + r]).ToArray(), counts[a, 4]);

        if (rules.Count == 0)
            notes.Add(data.Info.Present
                ? "The study declares no exclusion rules: every consented participant is analysed."
                : "No study.csv in the export folder, so no declared exclusion rules: every consented participant is analysed.");
        else if (!apply)
            notes.Add("--no-exclusions: the declared exclusion rules were not applied; every consented participant is analysed " +
                      "and the flow shows how many each rule would have excluded.");
        return (new FlowOut(apply && rules.Count > 0, rules.Select(r => new RuleOut(r.Rule, r.Text,
                r.Rule == ExclusionRule.Pilot && data.Pilot is null ? r.Describe() + "; the data have no pilot column, so nobody" : r.Describe())).ToArray(),
            arms.Select((arm, a) => Cell(arm, a)).ToArray(), Cell("Total", arms.Length), data.Info.DeclinedConsent), keep);
    }
}
