using Experiment.Engine.Participants;
using NUnit.Framework;
using TestSupport;

namespace Experiment.Engine.Tests.Participants;

public sealed class AbandonmentTests
{
    [Test]
    public void Describe_bothLanguages_sayTheRule()
    {
        Assert.That((Abandonment.Describe("en"), Abandonment.Describe("nl")), Is.EqualTo(("no request for 24 hours", "24 uur geen activiteit")));
    }

    [Test]
    public void Cutoff_anyClock_isTheClockMinusTheAbandonmentTime()
    {
        var clock = TestClock.Create();
        Assert.That(Abandonment.Cutoff(clock), Is.EqualTo(TestClock.Start.UtcDateTime - TimeSpan.FromHours(24)));
        clock.Advance(TimeSpan.FromDays(400));
        Assert.That(Abandonment.Cutoff(clock), Is.EqualTo(TestClock.Start.UtcDateTime + TimeSpan.FromDays(399)));
    }
}
