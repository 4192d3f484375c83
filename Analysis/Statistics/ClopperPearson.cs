namespace Analysis.Statistics;

/// <summary>Exact (Clopper-Pearson) confidence interval of a binomial proportion.</summary>
public static class ClopperPearson
{
    /// <summary>
    /// Lower bound: the alpha/2 quantile of Beta(k, n - k + 1) (0 when k = 0); upper: the 1 - alpha/2 quantile of
    /// Beta(k + 1, n - k) (1 when k = n); alpha = 1 - level. R's binom.test interval.
    /// </summary>
    public static (double Low, double High) Interval(int successes, int n, double level = 0.95)
    {
        if (n < 1) throw new ArgumentException($"Clopper-Pearson: n must be at least 1, got {n}.", nameof(n));
        if (successes < 0 || successes > n)
            throw new ArgumentException($"Clopper-Pearson: successes must be between 0 and n = {n}, got {successes}.", nameof(successes));
        if (!(level > 0 && level < 1))
            throw new ArgumentException($"Clopper-Pearson: level must be strictly between 0 and 1, got {level}.", nameof(level));

        var alpha = 1 - level;
        var low = successes == 0 ? 0.0 : Distributions.BetaQuantile(successes, n - successes + 1, alpha / 2);
        var high = successes == n ? 1.0 : Distributions.BetaQuantile(successes + 1, n - successes, 1 - alpha / 2);
        return (low, high);
    }
}
