using Experiment.Engine.Export.Scripts;
using NUnit.Framework;

namespace Experiment.Engine.Tests.Export.Scripts;

public sealed class ToolNamesTests
{
    [Test]
    public void Map_names_every_tool_accepts_are_kept() =>
        Assert.That(ToolNames.Map(["participant_id", "concern_control_1", "arm_discount", "Q2b"]),
            Is.EqualTo(new[] { "participant_id", "concern_control_1", "arm_discount", "Q2b" }));

    [Test]
    public void Map_reserved_words_of_spss_stata_or_r_get_a_suffix() =>
        Assert.That(ToolNames.Map(["with", "in", "TO", "str12", "strl", "NA", "function", "string"]),
            Is.EqualTo(new[] { "with_v", "in_v", "TO_v", "str12_v", "strl_v", "NA_v", "function_v", "string" }));

    [Test]
    public void Map_long_names_are_cut_to_32_characters_and_stay_unique_in_column_order()
    {
        var a = "willingness_to_share_date_of_birth_for_discount";
        var names = ToolNames.Map([a + "_1", a + "_2", a + "_3"]);
        Assert.That(names, Is.EqualTo(new[] { a[..32], a[..30] + "_2", a[..30] + "_3" }));
        Assert.That(names.All(n => n.Length <= ToolNames.MaxLength && ToolNames.IsValid(n)), Is.True);
    }

    [Test]
    public void Map_a_changed_name_never_takes_the_name_of_a_later_column()
    {
        Assert.That(ToolNames.Map(["with", "with_v"]), Is.EqualTo(new[] { "with_v_2", "with_v" }));
        Assert.That(ToolNames.Map(["with_v", "with"]), Is.EqualTo(new[] { "with_v", "with_v_2" }));
    }

    [Test]
    public void Map_names_that_differ_only_in_case_become_distinct_as_spss_ignores_case() =>
        Assert.That(ToolNames.Map(["Age", "age"]), Is.EqualTo(new[] { "Age", "age_2" }));

    [Test]
    public void Map_other_characters_digits_first_and_blanks_become_valid_names() =>
        Assert.That(ToolNames.Map(["café", "2nd_try", "a-b c", "", "x_", "\u0007"]),
            Is.EqualTo(new[] { "caf", "v_2nd_try", "a_b_c", "v", "x", "v_2" }));

    [Test]
    public void Map_same_columns_give_the_same_names_every_time()
    {
        string[] columns = ["with", "in", new string('a', 40), new string('a', 41), "a"];
        Assert.That(ToolNames.Map(columns), Is.EqualTo(ToolNames.Map(columns)));
        Assert.That(ToolNames.Map(columns).Distinct(StringComparer.OrdinalIgnoreCase).Count(), Is.EqualTo(columns.Length));
    }
}
