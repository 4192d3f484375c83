namespace Analysis.Statistics;

/// <summary>
/// Mann-Whitney U of the first sample; <see cref="Z"/> is its standardised, continuity-corrected distance from
/// n1 n2 / 2 (sign: positive when the first sample ranks higher); NaN when all values are equal (p is then 1).
/// </summary>
public sealed record MannWhitneyResult(double U, double Z, double P);

public static class MannWhitney
{
    /// <summary>
    /// Two-sided test by the normal approximation with tie correction and continuity correction (scipy's
    /// mannwhitneyu(method="asymptotic"), R's wilcox.test(exact = FALSE, correct = TRUE)):
    /// var = n1 n2 / 12 ((n+1) - sum(t^3 - t) / (n(n-1))), z = (|U - n1 n2/2| - 1/2) / sd, p = min(1, 2 P(Z &gt;= z)).
    /// </summary>
    public static MannWhitneyResult Test(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count == 0) throw new ArgumentException("Mann-Whitney: the first sample is empty.", nameof(x));
        if (y.Count == 0) throw new ArgumentException("Mann-Whitney: the second sample is empty.", nameof(y));
        var all = x.Concat(y).ToArray();
        for (var i = 0; i < all.Length; i++)
            if (!double.IsFinite(all[i]))
                throw new ArgumentException(
                    $"Mann-Whitney: {(i < x.Count ? $"first sample value {i}" : $"second sample value {i - x.Count}")} is {all[i]}, not a finite number.",
                    i < x.Count ? nameof(x) : nameof(y));

        var (ranks, ties) = Ranks.AverageWithTies(all);
        double n1 = x.Count, n2 = y.Count, n = n1 + n2;
        var u = ranks.Take(x.Count).Sum() - n1 * (n1 + 1) / 2;
        var mean = n1 * n2 / 2;
        var sd = Math.Sqrt(n1 * n2 / 12 * ((n + 1) - Ranks.TieSum(ties) / (n * (n - 1))));
        if (!(sd > 0)) return new MannWhitneyResult(u, double.NaN, 1.0);
        var distance = Math.Abs(u - mean) - 0.5;
        var z = Math.Sign(u - mean) * distance / sd;
        var p = Math.Min(1.0, 2 * MathNet.Numerics.Distributions.Normal.CDF(0, 1, -distance / sd));
        return new MannWhitneyResult(u, z, p);
    }
}
