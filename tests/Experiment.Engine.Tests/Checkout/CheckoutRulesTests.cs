using Experiment.Engine.Checkout;
using Experiment.Engine.Studies;
using NUnit.Framework;

namespace Experiment.Engine.Tests.Checkout;

public sealed class CheckoutRulesTests
{
    static readonly DateOnly Today = new(2026, 6, 1);

    static StudyDefinition Seed() =>
        StudyFile.Load(Path.Combine(TestContext.CurrentContext.TestDirectory, "SeedStudies", "privacy-paradox-nl.json")).Study!;

    [TestCase("prefer_not", false)]
    [TestCase("yes", true)]
    [TestCase("no", true)]
    [TestCase(" prefer_not ", false)]
    [TestCase("", false)]
    public void Discloses_seedAdhdAnswer_disclosesOnlyARealAnswer(string value, bool expected)
    {
        var adhd = Seed().Shop!.Fields.Single(f => f.Key == "child_adhd");
        Assert.That(CheckoutRules.Discloses(adhd, value), Is.EqualTo(expected));
    }

    [Test]
    public void Disclosures_preferNotToSay_isNotDisclosedAndEarnsNoDiscount()
    {
        var study = Seed();
        var cell = StudyDesign.Cells(study).First(c => c.Levels["discount"] != "0");
        var lines = CheckoutRules.Lines(study, cell.Index);
        var form = new Dictionary<string, string> { ["f_name"] = "Anna de Vries", ["f_child_adhd"] = "prefer_not" };
        var rows = CheckoutRules.Disclosures("p1", k => form.GetValueOrDefault(k), lines, ordered: true, Today);
        var adhd = rows.Single(r => r.Field == "child_adhd");
        var discount = CheckoutRules.DiscountPct(study.Shop!, lines, k => rows.Single(r => r.Field == k).Disclosed);
        Assert.Multiple(() =>
        {
            Assert.That(adhd.OfferPct, Is.GreaterThan(0m), "the cell offers a discount for the field");
            Assert.That((adhd.Disclosed, adhd.Plausible), Is.EqualTo((false, (bool?)null)));
            Assert.That(discount, Is.EqualTo(0));
        });
    }
}
