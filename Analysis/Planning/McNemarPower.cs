using Analysis.Statistics;

namespace Analysis.Planning;

/// <summary>
/// Power of the McNemar test. Analytic: Connor (1987, Biometrics 43:207-211), for the normal-approximation test
/// without continuity correction, with discordant probabilities p10 (said no, disclosed) and p01 (said yes,
/// withheld), psi = p10 + p01, delta = p10 - p01:
/// power = Phi((|delta| sqrt(n) - z(1-alpha/2) sqrt(psi)) / sqrt(psi - delta^2)).
/// Simulated: n pairs drawn from the multinomial (p10, p01, rest), the chosen test applied, the share of p &lt; alpha.
/// </summary>
public static class McNemarPower
{
    public enum Variant { Uncorrected, Headline }

    public static double Connor(int n, double p10, double p01, double alpha)
    {
        double psi = p10 + p01, delta = p10 - p01;
        var z = Distributions.NormalQuantile(1 - alpha / 2);
        return MathNet.Numerics.Distributions.Normal.CDF(0, 1, (Math.Abs(delta) * Math.Sqrt(n) - z * Math.Sqrt(psi)) / Math.Sqrt(psi - delta * delta));
    }

    /// <summary>Connor's sample size: the smallest n whose analytic power reaches <paramref name="power"/>.</summary>
    public static int ConnorN(double p10, double p01, double alpha, double power)
    {
        double psi = p10 + p01, delta = p10 - p01;
        double za = Distributions.NormalQuantile(1 - alpha / 2), zb = Distributions.NormalQuantile(power);
        var n = Math.Pow(za * Math.Sqrt(psi) + zb * Math.Sqrt(psi - delta * delta), 2) / (delta * delta);
        return (int)Math.Ceiling(n);
    }

    public static double Simulate(int n, double p10, double p01, double alpha, Variant variant, int simulations, int seed)
    {
        var rng = new Random(seed);
        var rejected = 0;
        for (var s = 0; s < simulations; s++)
        {
            int b = 0, c = 0;
            for (var i = 0; i < n; i++)
            {
                var u = rng.NextDouble();
                if (u < p10) b++;
                else if (u < p10 + p01) c++;
            }
            var t = McNemar.Test(b, c);
            var p = variant == Variant.Uncorrected ? t.PUncorrected : t.HeadlineP;
            if (p < alpha) rejected++;
        }
        return (double)rejected / simulations;
    }
}
