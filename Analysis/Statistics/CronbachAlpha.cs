namespace Analysis.Statistics;

/// <summary>Cronbach's alpha of K items over N complete cases, with Feldt's 95% interval.</summary>
public sealed record AlphaResult(int K, int N, double Alpha, double CiLow, double CiHigh);

public static class CronbachAlpha
{
    /// <summary>
    /// alpha = k/(k-1) (1 - sum of item variances / variance of the total), variances with n - 1.
    /// Feldt: 1 - (1 - alpha) F(0.975; n-1, (n-1)(k-1)) to 1 - (1 - alpha) F(0.025; ...).
    /// <paramref name="rows"/> are participants (complete cases), columns items (reverse-coded items already reversed).
    /// NaN throughout when the total score does not vary.
    /// </summary>
    public static AlphaResult Compute(IReadOnlyList<double[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count < 2)
            throw new ArgumentException($"Cronbach's alpha: needs at least 2 participants, got {rows.Count}.", nameof(rows));
        var k = rows[0].Length;
        if (k < 2)
            throw new ArgumentException($"Cronbach's alpha: needs at least 2 items, got {k}.", nameof(rows));
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != k)
                throw new ArgumentException($"Cronbach's alpha: row {i} has {rows[i].Length} items, row 0 has {k}.", nameof(rows));
            for (var j = 0; j < k; j++)
                if (!double.IsFinite(rows[i][j]))
                    throw new ArgumentException($"Cronbach's alpha: row {i}, item {j} is {rows[i][j]}; use complete cases only.", nameof(rows));
        }

        var n = rows.Count;
        var itemVariances = 0.0;
        for (var j = 0; j < k; j++)
            itemVariances += SampleVariance(rows.Select(r => r[j]).ToArray());
        var totalVariance = SampleVariance(rows.Select(r => r.Sum()).ToArray());
        if (totalVariance == 0) return new AlphaResult(k, n, double.NaN, double.NaN, double.NaN);

        var alpha = k / (k - 1.0) * (1 - itemVariances / totalVariance);
        double df1 = n - 1, df2 = (n - 1.0) * (k - 1);
        var low = 1 - (1 - alpha) * Distributions.FQuantile(0.975, df1, df2);
        var high = 1 - (1 - alpha) * Distributions.FQuantile(0.025, df1, df2);
        return new AlphaResult(k, n, alpha, low, high);
    }

    static double SampleVariance(double[] v)
    {
        var mean = v.Average();
        return v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1);
    }
}
