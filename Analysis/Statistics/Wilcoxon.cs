namespace Analysis.Statistics;

/// <summary>
/// Wilcoxon signed-rank result. <see cref="P"/> is the p value of <see cref="Method"/>: "exact" (null distribution
/// of the rank sum) or "approx" (normal, tie-corrected, no continuity correction); "none" when every difference
/// is zero. <see cref="Z"/> is the standardised W+ (positive when the differences lean positive), always given
/// so the report can print it next to an exact p; null when nothing is left to rank.
/// </summary>
public sealed record WilcoxonResult(
    int NUsed, double WPlus, double WMinus, double Statistic, double? Z, double P, string Method, double RankBiserial)
{
    /// <summary>Normal-approximation p (always computed, as scipy's method="approx").</summary>
    public double PApprox { get; init; }

    /// <summary>Exact p, only when <see cref="Method"/> is "exact".</summary>
    public double? PExact { get; init; }

    /// <summary>Zero differences that were dropped before ranking.</summary>
    public int NZero { get; init; }
}

public static class Wilcoxon
{
    /// <summary>Largest n for which the exact null distribution is used (scipy's and R's cut-off).</summary>
    public const int ExactMaxN = 50;

    /// <summary>
    /// Two-sided signed-rank test of differences d (actual - stated). Zeros are dropped (scipy zero_method="wilcox");
    /// |d| get average ranks. Exact when at most 50 differences remain and there are neither ties nor zeros
    /// (R and scipy both fall back to the normal approximation when zeros were dropped), else normal with
    /// var = n(n+1)(2n+1)/24 - sum(t^3 - t)/48. Effect size: matched-pairs rank-biserial (W+ - W-)/(W+ + W-).
    /// </summary>
    public static WilcoxonResult SignedRank(IReadOnlyList<double> differences)
    {
        ArgumentNullException.ThrowIfNull(differences);
        if (differences.Count == 0)
            throw new ArgumentException("Wilcoxon: no differences given.", nameof(differences));
        for (var i = 0; i < differences.Count; i++)
            if (!double.IsFinite(differences[i]))
                throw new ArgumentException($"Wilcoxon: difference {i} is {differences[i]}, not a finite number.", nameof(differences));

        var nonZero = differences.Where(d => d != 0).ToArray();
        var zeros = differences.Count - nonZero.Length;
        var n = nonZero.Length;
        if (n == 0)
            return new WilcoxonResult(0, 0, 0, 0, null, 1.0, "none", double.NaN) { PApprox = 1.0, NZero = zeros };

        var (ranks, ties) = Ranks.AverageWithTies(nonZero.Select(Math.Abs).ToArray());
        double wPlus = 0, wMinus = 0;
        for (var i = 0; i < n; i++)
            if (nonZero[i] > 0) wPlus += ranks[i]; else wMinus += ranks[i];

        var mean = n * (n + 1) / 4.0;
        var variance = n * (n + 1.0) * (2 * n + 1) / 24.0 - Ranks.TieSum(ties) / 48.0;
        double? z = variance > 0 ? (wPlus - mean) / Math.Sqrt(variance) : null;
        var pApprox = z is { } zz ? Distributions.NormalTwoSided(zz) : 1.0;

        var statistic = Math.Min(wPlus, wMinus);
        var hasTies = ties.Any(t => t > 1);
        var exact = n <= ExactMaxN && !hasTies && zeros == 0;
        double? pExact = exact ? ExactTwoSided(n, (int)statistic) : null;
        var rankBiserial = (wPlus - wMinus) / (wPlus + wMinus);
        return new WilcoxonResult(n, wPlus, wMinus, statistic, z, pExact ?? pApprox, exact ? "exact" : "approx", rankBiserial)
        {
            PApprox = pApprox, PExact = pExact, NZero = zeros,
        };
    }

    /// <summary>
    /// min(1, 2 P(W &lt;= w)) under H0, where W is the sum of a random subset of the ranks 1..n.
    /// Counts of subsets per rank sum by dynamic programming; counts stay below 2^50 and are exact in a double.
    /// </summary>
    static double ExactTwoSided(int n, int w)
    {
        var maxSum = n * (n + 1) / 2;
        var counts = new double[maxSum + 1];
        counts[0] = 1;
        for (var rank = 1; rank <= n; rank++)
            for (var s = maxSum; s >= rank; s--)
                counts[s] += counts[s - rank];
        var below = 0.0;
        for (var s = 0; s <= w; s++) below += counts[s];
        return Math.Min(1.0, 2.0 * below / Math.Pow(2, n));
    }
}
