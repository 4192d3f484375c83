using System.Globalization;
using Experiment.Engine.Checkout;
using Experiment.Engine.Studies;
using NUnit.Framework;
using TestSupport;

namespace Experiment.Engine.Tests.Checkout;

/// <summary>The engine's half of the shared case table (the browser's half: Survey.Web.Tests Browser/ClassifierParityTests).</summary>
public sealed class DisclosureCasesTests
{
    static IEnumerable<DisclosureCase> Cases() => DisclosureCase.Load(TestContext.CurrentContext.TestDirectory);

    [TestCaseSource(nameof(Cases))]
    public void ClassOf_sharedCase_givesTheTablesClass(DisclosureCase c)
    {
        var today = DateOnly.ParseExact(c.Today, "yyyy-MM-dd", CultureInfo.InvariantCulture);

        Assert.That(CheckoutRules.ClassOf(c.Field(), c.Value, today), Is.EqualTo(c.Class));
        if (c.Type == FieldTypes.EmailList)
            Assert.That(DisclosureClassifier.Classify(c.Field(), c.Value, today).ListCount, Is.EqualTo(c.Count));
    }

    [Test]
    public void Load_table_coversEveryFieldTypeAndEveryClass()
    {
        var cases = Cases().ToList();

        Assert.That(cases.Select(c => c.Type).Distinct(), Is.EquivalentTo(FieldTypes.All));
        Assert.That(cases.Select(c => c.Class).Distinct(), Is.EquivalentTo(new[] { "empty", "plausible", "implausible" }));
    }
}
