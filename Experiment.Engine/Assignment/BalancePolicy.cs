using System.Globalization;
using Experiment.Engine.Participants;
using Experiment.Engine.Studies;

namespace Experiment.Engine.Assignment;

/// <summary>
/// Which participants count toward a cell when the next one is assigned, as the study declares it
/// (<c>design.balance</c>). The rule itself is SQL (migration 0200: <c>enrol_participant</c>, <c>balance_counts</c>);
/// this class names the policies, turns the caller's clock into the function's parameter and describes the rule.
/// </summary>
/// <remarks>
/// "enrolled": every enrolment counts, withdrawals included (the counters). "completed-plus-active": completed
/// participants plus those active, that is in progress and not abandoned by the study's own timeout (the
/// abandonment rule, <see cref="Abandonment"/>, with <c>activeTimeoutMinutes</c> instead of
/// <see cref="Abandonment.After"/>): a drop-out's place goes to the next person once the session has been silent
/// that long, so attrition that differs by cell does not drift the completed counts apart.
/// </remarks>
public static class BalancePolicy
{
    public const string Enrolled = "enrolled", CompletedPlusActive = "completed-plus-active";
    public static readonly string[] Names = [Enrolled, CompletedPlusActive];

    /// <summary>A longer timeout than the abandonment time would count sessions the dashboard calls abandoned.</summary>
    public static readonly int MaxActiveTimeoutMinutes = (int)Abandonment.After.TotalMinutes;

    public static string Of(StudyDefinition study) => study.Design?.Balance ?? Enrolled;

    /// <summary>
    /// The study's active timeout under completed-plus-active; null under enrolled. Validated
    /// (<c>design.activeTimeoutMinutes</c>), so present when the policy needs it.
    /// </summary>
    public static TimeSpan? ActiveTimeout(StudyDefinition study) =>
        Of(study) == CompletedPlusActive && study.Design?.ActiveTimeoutMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : null;

    /// <summary>The function's p_active_since: sessions seen since then are active. Null: the policy is enrolled.</summary>
    public static DateTime? ActiveSince(StudyDefinition study, DateTimeOffset now) =>
        ActiveTimeout(study) is { } timeout ? (now - timeout).UtcDateTime : null;

    /// <summary>The policy in words, for the console.</summary>
    public static string Describe(StudyDefinition study) => ActiveTimeout(study) is { } timeout
        ? $"completed plus active (in progress with a request in the last {timeout.TotalMinutes.ToString("0", CultureInfo.InvariantCulture)} minutes); a drop-out's place is given again"
        : "enrolled (every enrolment counts, withdrawals and drop-outs included)";
}
