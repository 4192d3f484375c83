using Experiment.Engine.Export.Scripts;
using NUnit.Framework;

namespace Experiment.Engine.Tests.Export.Scripts;

public sealed class ToolNamesTests
{
    [Test]
    public void Map_namesEveryToolAccepts_areKept() =>
        Assert.That(ToolNames.Map(["participant_id", "concern_control_1", "arm_discount", "Q2b"]),
            Is.EqualTo(new[] { "participant_id", "concern_control_1", "arm_discount", "Q2b" }));

    [Test]
    public void Map_reservedWordsOfSpssStataOrR_getASuffix() =>
        Assert.That(ToolNames.Map(["with", "in", "TO", "str12", "strl", "NA", "function", "string"]),
            Is.EqualTo(new[] { "with_v", "in_v", "TO_v", "str12_v", "strl_v", "NA_v", "function_v", "string" }));

    [Test]
    public void Map_longNames_areCutTo32CharactersAndStayUniqueInColumnOrder()
    {
        var a = "willingness_to_share_date_of_birth_for_discount";
        var names = ToolNames.Map([a + "_1", a + "_2", a + "_3"]);
        Assert.That(names, Is.EqualTo(new[] { a[..32], a[..30] + "_2", a[..30] + "_3" }));
        Assert.That(names.All(n => n.Length <= ToolNames.MaxLength && ToolNames.IsValid(n)), Is.True);
    }

    [Test]
    public void Map_changedName_neverTakesTheNameOfALaterColumn()
    {
        Assert.That(ToolNames.Map(["with", "with_v"]), Is.EqualTo(new[] { "with_v_2", "with_v" }));
        Assert.That(ToolNames.Map(["with_v", "with"]), Is.EqualTo(new[] { "with_v", "with_v_2" }));
    }

    [Test]
    public void Map_namesDifferingOnlyInCase_becomeDistinctAsSpssIgnoresCase() =>
        Assert.That(ToolNames.Map(["Age", "age"]), Is.EqualTo(new[] { "Age", "age_2" }));

    [Test]
    public void Map_otherCharactersDigitsFirstAndBlanks_becomeValidNames() =>
        Assert.That(ToolNames.Map(["café", "2nd_try", "a-b c", "", "x_", "\u0007"]),
            Is.EqualTo(new[] { "caf", "v_2nd_try", "a_b_c", "v", "x", "v_2" }));

    [Test]
    public void Map_sameColumns_giveTheSameNamesEveryTime()
    {
        string[] columns = ["with", "in", new string('a', 40), new string('a', 41), "a"];
        Assert.That(ToolNames.Map(columns), Is.EqualTo(ToolNames.Map(columns)));
        Assert.That(ToolNames.Map(columns).Distinct(StringComparer.OrdinalIgnoreCase).Count(), Is.EqualTo(columns.Length));
    }
}
