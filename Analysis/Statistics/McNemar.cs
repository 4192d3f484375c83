using MathNet.Numerics.Distributions;

namespace Analysis.Statistics;

/// <summary>
/// McNemar's test for one data field: b = said "no" but disclosed (the paradox cell), c = said "yes" but withheld.
/// The chi-square statistics are null when b + c = 0 (undefined); all p values are then 1.
/// </summary>
public sealed record McNemarResult(
    int B, int C, double PExact, double? Chi2Corrected, double PCorrected, double? Chi2Uncorrected, double PUncorrected)
{
    /// <summary>Exact binomial test for few discordant pairs (b + c &lt; 25), else chi-square with continuity correction.</summary>
    public string HeadlineTest => B + C < 25 ? "exact" : "chi2_corrected";

    /// <summary>The p value of <see cref="HeadlineTest"/>.</summary>
    public double HeadlineP => B + C < 25 ? PExact : PCorrected;
}

public static class McNemar
{
    /// <summary>
    /// Exact two-sided binomial p = min(1, 2 P(X &lt;= min(b, c))), X ~ Binomial(b + c, 1/2); the min(1, ...)
    /// matters at b = c, where the doubled tail exceeds 1. Chi-square with (R's default) and without continuity
    /// correction, 1 df.
    /// </summary>
    public static McNemarResult Test(int b, int c)
    {
        if (b < 0) throw new ArgumentException($"McNemar: b must be a count >= 0, got {b}.", nameof(b));
        if (c < 0) throw new ArgumentException($"McNemar: c must be a count >= 0, got {c}.", nameof(c));
        var n = b + c;
        if (n == 0) return new McNemarResult(b, c, 1.0, null, 1.0, null, 1.0);

        // Summing pmf terms keeps full relative precision in the far tail, where 1 - CDF would not (b = 1, c = 54
        // gives p ~ 3e-15). Each term comes from the log pmf: Binomial.PMF multiplies C(n, k) by 0.5^n, which is
        // infinity times zero once n passes about 1030 discordant pairs.
        var k = Math.Min(b, c);
        var tail = 0.0;
        for (var i = 0; i <= k; i++) tail += Math.Exp(Binomial.PMFLn(0.5, n, i));
        var pExact = Math.Min(1.0, 2.0 * tail);

        var corrected = Math.Pow(Math.Abs(b - c) - 1.0, 2) / n;
        var uncorrected = Math.Pow(b - c, 2.0) / n;
        return new McNemarResult(b, c, pExact,
            corrected, Distributions.ChiSquareUpper(corrected, 1),
            uncorrected, Distributions.ChiSquareUpper(uncorrected, 1));
    }
}
