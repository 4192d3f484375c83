using Microsoft.Extensions.Time.Testing;

namespace TestSupport;

/// <summary>
/// The clock tests control. It starts at a fixed instant, so fixtures and expected files can spell out times,
/// and it moves only when a test advances it: nothing a test checks depends on the machine's date.
/// </summary>
public static class TestClock
{
    public static readonly DateTimeOffset Start = new(2026, 11, 28, 22, 4, 5, TimeSpan.Zero);

    public static FakeTimeProvider Create() => new(Start);
}
