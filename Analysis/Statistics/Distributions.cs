using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace Analysis.Statistics;

/// <summary>
/// Tail probabilities and quantiles at the precision the reference vectors need (1e-9 relative).
/// Upper tails come from the regularized special functions behind MathNet's distributions instead of
/// 1 - CDF, which loses every digit once p drops below about 1e-16 (McNemar and logistic p values do).
/// Quantiles of Beta and F are solved to full precision here because MathNet's Beta/FisherSnedecor
/// InvCDF use a root finder with a loose tolerance.
/// </summary>
internal static class Distributions
{
    /// <summary>P(X >= x) for X ~ chi-square(df).</summary>
    public static double ChiSquareUpper(double x, double df) =>
        x <= 0 ? 1.0 : SpecialFunctions.GammaUpperRegularized(df / 2.0, x / 2.0);

    /// <summary>Two-sided normal p value 2 * P(Z >= |z|).</summary>
    public static double NormalTwoSided(double z) => Math.Min(1.0, 2.0 * Normal.CDF(0, 1, -Math.Abs(z)));

    /// <summary>Two-sided Student t p value 2 * P(T >= |t|) = I_{df/(df+t^2)}(df/2, 1/2).</summary>
    public static double StudentTTwoSided(double t, double df) =>
        double.IsInfinity(t) ? 0.0 : SpecialFunctions.BetaRegularized(df / 2.0, 0.5, df / (df + t * t));

    /// <summary>Quantile of Student's t with df degrees of freedom (for a mean's interval: mean +- t(0.975, n-1) s / sqrt(n)).</summary>
    public static double StudentTQuantile(double p, double df) => StudentT.InvCDF(0, 1, df, p);

    /// <summary>Standard normal quantile.</summary>
    public static double NormalQuantile(double p) => Normal.InvCDF(0, 1, p);

    /// <summary>The x with I_x(a, b) = p, to about machine precision (bisection, then Newton polish).</summary>
    public static double BetaQuantile(double a, double b, double p)
    {
        if (p <= 0) return 0;
        if (p >= 1) return 1;
        // Work on the side of 1/2 where x is small so that 1 - x keeps its digits: I_x(a,b) = 1 - I_{1-x}(b,a).
        if (SpecialFunctions.BetaRegularized(a, b, 0.5) < p)
            return 1.0 - SmallSideQuantile(b, a, 1.0 - p);
        return SmallSideQuantile(a, b, p);
    }

    /// <summary>Quantile of the F(d1, d2) distribution, through its beta representation.</summary>
    public static double FQuantile(double p, double d1, double d2)
    {
        // F = (d2/d1) * x/(1-x) with x ~ Beta(d1/2, d2/2); equivalently with y = 1-x ~ Beta(d2/2, d1/2).
        if (SpecialFunctions.BetaRegularized(d1 / 2, d2 / 2, 0.5) >= p)
        {
            var x = SmallSideQuantile(d1 / 2, d2 / 2, p);
            return d2 / d1 * x / (1 - x);
        }
        var y = SmallSideQuantile(d2 / 2, d1 / 2, 1 - p);
        return d2 / d1 * (1 - y) / y;
    }

    // Solution in (0, 1/2] of I_x(a, b) = p, given I_{1/2}(a, b) >= p.
    static double SmallSideQuantile(double a, double b, double p)
    {
        double lo = 0, hi = 0.5;
        // Shrink the bracket geometrically first so that tiny quantiles get relative (not absolute) precision.
        while (hi > 1e-300 && SpecialFunctions.BetaRegularized(a, b, hi / 1024) > p) hi /= 1024;
        lo = hi / 1024;
        for (var i = 0; i < 200; i++)
        {
            var mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi) break;
            if (SpecialFunctions.BetaRegularized(a, b, mid) < p) lo = mid; else hi = mid;
        }
        var x = 0.5 * (lo + hi);
        var lnBeta = SpecialFunctions.BetaLn(a, b);
        for (var i = 0; i < 3; i++)
        {
            var density = Math.Exp((a - 1) * Math.Log(x) + (b - 1) * Math.Log(1 - x) - lnBeta);
            if (!(density > 0) || double.IsInfinity(density)) break;
            var next = x - (SpecialFunctions.BetaRegularized(a, b, x) - p) / density;
            if (!(next > lo && next < hi)) break;
            x = next;
        }
        return x;
    }
}
