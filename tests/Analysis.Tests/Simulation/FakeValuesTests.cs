using Analysis.Simulation;
using Experiment.Engine.Checkout;
using Experiment.Engine.Studies;
using NUnit.Framework;

namespace Analysis.Tests.Simulation;

/// <summary>What the bots type must be classified by the engine as the model meant: plausible or fake-looking.</summary>
public sealed class FakeValuesTests
{
    static readonly DateOnly Today = new(2026, 11, 28);

    static IEnumerable<CheckoutField> Fields() =>
        FieldTypes.All.Where(t => t != FieldTypes.Choice).Select(t => new CheckoutField
        {
            Key = t, Type = t, Label = new Text { ["en"] = t }, Necessity = "optional", Sensitivity = 3,
        }).Concat(new[] { ShopChecks.Postcode, ShopChecks.HouseNumber }.Select(check => new CheckoutField
        {
            Key = check, Type = FieldTypes.Text, Label = new Text { ["en"] = check }, Necessity = "required", Sensitivity = 2, Check = check,
        }));

    [TestCaseSource(nameof(Fields))]
    public void For_plausibleValue_isClassifiedPlausible(CheckoutField field)
    {
        var rng = new Random(1);
        for (var i = 0; i < 200; i++)
        {
            var value = FakeValues.For(field, fake: false, rng, Today, 1 + i % 3);
            Assert.That(DisclosureClassifier.Classify(field, value, Today).Class, Is.EqualTo(Plausibility.Plausible), value);
        }
    }

    [TestCaseSource(nameof(Fields))]
    public void For_fakeValue_isClassifiedImplausible(CheckoutField field)
    {
        var value = FakeValues.For(field, fake: true, new Random(1), Today);
        Assert.That(DisclosureClassifier.Classify(field, value, Today).Class, Is.EqualTo(Plausibility.Implausible), value);
    }

    [Test]
    public void For_emailList_giveTheRequestedNumberOfAddresses()
    {
        var field = new CheckoutField { Key = "friends", Type = FieldTypes.EmailList, Label = new Text(), Necessity = "optional", Sensitivity = 4 };
        var value = FakeValues.For(field, fake: false, new Random(3), Today, 3);
        Assert.That(DisclosureClassifier.Classify(field, value, Today).ListCount, Is.EqualTo(3));
    }
}
