using System.Text.RegularExpressions;
using Experiment.Engine.Participants;
using NUnit.Framework;

namespace Experiment.Engine.Tests.Participants;

public sealed partial class ParticipantStoreTests
{
    /// <summary>
    /// Every variant of the guarded step statement is positional (no @name for Npgsql to rewrite on each execution)
    /// and numbers its parameters from the one list AdvanceAsync adds in order ($1 to $28).
    /// </summary>
    [Test]
    public void AdvanceVariants_all_arePositionalWithinTheOneParameterList()
    {
        Assert.That(ParticipantStore.AdvanceVariants, Has.Length.EqualTo(16));
        foreach (var sql in ParticipantStore.AdvanceVariants)
        {
            Assert.That(sql, Does.Not.Contain("@"), sql);
            var numbers = Placeholder().Matches(sql).Select(m => int.Parse(m.Groups[1].Value)).ToList();
            Assert.That(numbers, Has.All.InRange(1, 28), sql);
            Assert.That(numbers, Does.Contain(1).And.Contain(2).And.Contain(3), "participant, step and page in every variant");
        }
        Assert.That(ParticipantStore.AdvanceVariants[15], Does.Contain("$28"), "the variant with everything names the last parameter");
    }

    [GeneratedRegex(@"\$(\d+)")]
    private static partial Regex Placeholder();
}
