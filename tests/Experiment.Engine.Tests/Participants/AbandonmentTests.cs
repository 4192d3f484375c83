using Experiment.Engine.Participants;
using NUnit.Framework;
using TestSupport;

namespace Experiment.Engine.Tests.Participants;

public sealed class AbandonmentTests
{
    [Test]
    public void Describe_says_the_rule_in_both_languages()
    {
        Assert.That((Abandonment.Describe("en"), Abandonment.Describe("nl")), Is.EqualTo(("no request for 24 hours", "24 uur geen activiteit")));
    }

    [Test]
    public void Cutoff_is_the_clock_minus_the_abandonment_time()
    {
        var clock = TestClock.Create();
        Assert.That(Abandonment.Cutoff(clock), Is.EqualTo(TestClock.Start.UtcDateTime - TimeSpan.FromHours(24)));
        clock.Advance(TimeSpan.FromDays(400));
        Assert.That(Abandonment.Cutoff(clock), Is.EqualTo(TestClock.Start.UtcDateTime + TimeSpan.FromDays(399)));
    }
}
