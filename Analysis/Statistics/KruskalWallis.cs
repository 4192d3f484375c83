namespace Analysis.Statistics;

/// <summary>Kruskal-Wallis H (tie-corrected) on k - 1 df; NaN when every value is the same.</summary>
public sealed record KruskalWallisResult(double H, int Df, double P);

public static class KruskalWallis
{
    /// <summary>
    /// H = [12 / (N(N+1)) sum R_i^2 / n_i - 3(N+1)] / [1 - sum(t^3 - t) / (N^3 - N)], p from chi-square with k - 1 df
    /// (R's kruskal.test, scipy's kruskal).
    /// </summary>
    public static KruskalWallisResult Test(IReadOnlyList<IReadOnlyList<double>> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        if (groups.Count < 2)
            throw new ArgumentException($"Kruskal-Wallis: needs at least 2 groups, got {groups.Count}.", nameof(groups));
        for (var g = 0; g < groups.Count; g++)
        {
            if (groups[g] is null || groups[g].Count == 0)
                throw new ArgumentException($"Kruskal-Wallis: group {g} is empty.", nameof(groups));
            for (var i = 0; i < groups[g].Count; i++)
                if (!double.IsFinite(groups[g][i]))
                    throw new ArgumentException($"Kruskal-Wallis: group {g}, value {i} is {groups[g][i]}, not a finite number.", nameof(groups));
        }

        var all = groups.SelectMany(g => g).ToArray();
        var (ranks, ties) = Ranks.AverageWithTies(all);
        double n = all.Length;
        var sum = 0.0;
        var offset = 0;
        foreach (var group in groups)
        {
            var rankSum = 0.0;
            for (var i = 0; i < group.Count; i++) rankSum += ranks[offset + i];
            sum += rankSum * rankSum / group.Count;
            offset += group.Count;
        }
        var df = groups.Count - 1;
        var correction = 1 - Ranks.TieSum(ties) / (n * n * n - n);
        if (correction <= 0) return new KruskalWallisResult(double.NaN, df, double.NaN);
        var h = (12 / (n * (n + 1)) * sum - 3 * (n + 1)) / correction;
        return new KruskalWallisResult(h, df, Distributions.ChiSquareUpper(h, df));
    }
}
