namespace Analysis.Statistics;

/// <summary>A correlation coefficient with its two-sided p value and 95% interval; NaN when a variable is constant.</summary>
public sealed record CorrelationResult(int N, double R, double P, double CiLow, double CiHigh)
{
    /// <summary>
    /// The Wald test of the Fisher-z interval itself, 2 P(Z &gt; |atanh r| / SE): the p that belongs to
    /// <see cref="CiLow"/>/<see cref="CiHigh"/> (below 0.05 exactly when the interval excludes 0). <see cref="P"/> is
    /// the t test that R and scipy print.
    /// </summary>
    public double PFisher { get; init; } = double.NaN;
}

public static class Correlation
{
    /// <summary>Fewest pairs accepted: the Fisher-z interval divides by n - 3.</summary>
    public const int MinPairs = 4;

    /// <summary>
    /// Spearman's rho: Pearson's r of the average ranks. p from t = rho sqrt((n-2)/(1-rho^2)) on n-2 df (scipy);
    /// 95% interval by Fisher z with the Bonett-Wright standard error sqrt((1 + rho^2/2)/(n-3)).
    /// </summary>
    public static CorrelationResult Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        Validate(x, y, "Spearman");
        var rho = PearsonR(Ranks.Average(x), Ranks.Average(y));
        var n = x.Count;
        return Result(n, rho, Math.Sqrt((1 + rho * rho / 2) / (n - 3)));
    }

    /// <summary>Pearson's r; p from the t distribution on n-2 df; 95% interval by Fisher z with SE 1/sqrt(n-3).</summary>
    public static CorrelationResult Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        Validate(x, y, "Pearson");
        var r = PearsonR(x, y);
        return Result(x.Count, r, 1 / Math.Sqrt(x.Count - 3));
    }

    static CorrelationResult Result(int n, double r, double fisherSe)
    {
        if (double.IsNaN(r)) return new CorrelationResult(n, r, double.NaN, double.NaN, double.NaN);
        var t = r * Math.Sqrt((n - 2) / ((1 - r) * (1 + r)));
        var p = Distributions.StudentTTwoSided(t, n - 2);
        var z = Math.Atanh(r);
        var half = Distributions.NormalQuantile(0.975) * fisherSe;
        return new CorrelationResult(n, r, p, Math.Tanh(z - half), Math.Tanh(z + half))
        {
            PFisher = Distributions.NormalTwoSided(z / fisherSe),
        };
    }

    // Centred two-pass formula, clipped to [-1, 1] against rounding; NaN for a constant variable.
    static double PearsonR(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        double mx = x.Average(), my = y.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Count; i++)
        {
            double dx = x[i] - mx, dy = y[i] - my;
            sxy += dx * dy; sxx += dx * dx; syy += dy * dy;
        }
        if (sxx == 0 || syy == 0) return double.NaN;
        return Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1.0, 1.0);
    }

    static void Validate(IReadOnlyList<double> x, IReadOnlyList<double> y, string test)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
            throw new ArgumentException($"{test}: x has {x.Count} values but y has {y.Count}; they must be paired.", nameof(y));
        if (x.Count < MinPairs)
            throw new ArgumentException($"{test}: needs at least {MinPairs} pairs, got {x.Count}.", nameof(x));
        for (var i = 0; i < x.Count; i++)
            if (!double.IsFinite(x[i]) || !double.IsFinite(y[i]))
                throw new ArgumentException($"{test}: pair {i} is ({x[i]}, {y[i]}); values must be finite (drop missing pairs first).", nameof(x));
    }
}
