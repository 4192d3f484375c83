using NUnit.Framework;

namespace TestSupport;

/// <summary>
/// Under CI=true a test that did not run is a failure, not a quiet skip: every test fixture's
/// teardown turns an Inconclusive or Skipped outcome into a failure there.
/// </summary>
public static class CiRules
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Call instead of Assert.Ignore: skips locally, fails under CI.</summary>
    public static void SkipUnlessCi(string why)
    {
        if (IsCi) Assert.Fail("Skipped under CI=true, which counts as a failure: " + why);
        Assert.Ignore(why);
    }
}
