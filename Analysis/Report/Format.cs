using System.Globalization;

namespace Analysis.Report;

/// <summary>How numbers read in the Markdown and HTML reports (the JSON keeps full precision).</summary>
internal static class Format
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public const string Undefined = "n/a";

    public static string N(double? v, int decimals = 2) => v is { } x ? x.ToString("F" + decimals, Inv) : Undefined;

    public static string Pct(double? v) => v is { } x ? x.ToString("F1", Inv) + "%" : Undefined;

    /// <summary>p to three significant digits, below 0.001 as "&lt; 0.001".</summary>
    public static string P(double? p) => p switch
    {
        null => Undefined,
        < 0.001 => "< 0.001",
        { } x => x.ToString("0.###", Inv),
    };

    /// <summary>"p = 0.012" or "p &lt; 0.001", for running text.</summary>
    public static string PEq(double? p) => P(p) is var s && s.StartsWith('<') ? "p " + s : "p = " + s;

    public static string Ci(double? low, double? high, int decimals = 2) =>
        low is null || high is null ? Undefined : $"[{N(low, decimals)}, {N(high, decimals)}]";

    public static string PctCi(double? low, double? high) =>
        low is null || high is null ? Undefined : $"[{N(low, 1)}, {N(high, 1)}]";

    public static string TestName(string test) => test switch
    {
        "exact" => "exact binomial",
        "chi2_corrected" => "chi-square, continuity-corrected",
        "approx" => "normal approximation, tie-corrected",
        _ => test,
    };
}
