using Analysis.Simulation;
using Experiment.Engine.Studies;
using NUnit.Framework;

namespace Analysis.Tests.Simulation;

public sealed class PersonaTests
{
    static readonly StudyDefinition Study = SimStudy.Definition();
    static readonly SessionPlanner.StudyPlan Plan = SessionPlanner.StudyPlan.For(Study);
    static CheckoutField Field(string key) => Study.Shop!.Fields.First(f => f.Key == key);

    static List<Persona> People(int n, SimulationParameters? p = null, int seed = 7)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => new Persona(p ?? new SimulationParameters(), rng)).ToList();
    }

    static double Correlation(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        double mx = x.Average(), my = y.Average();
        double sxy = x.Zip(y).Sum(t => (t.First - mx) * (t.Second - my));
        double sxx = x.Sum(v => (v - mx) * (v - mx)), syy = y.Sum(v => (v - my) * (v - my));
        return sxy / Math.Sqrt(sxx * syy);
    }

    [Test]
    public void Answer_concernItem_followsLatentConcernAndReverseItemGoesTheOtherWay()
    {
        var people = People(3000);
        var concern = people.Select(p => p.Concern).ToList();
        var ctrl = people.Select(p => double.Parse(p.Answer(Plan.Items["ctrl1"], Plan.Loadings["ctrl1"], null, 0)!)).ToList();
        var reversed = people.Select(p => double.Parse(p.Answer(Plan.Items["coll2"], Plan.Loadings["coll2"], null, 0)!)).ToList();
        Assert.That(Correlation(concern, ctrl), Is.GreaterThan(0.5));
        Assert.That(Correlation(concern, reversed), Is.LessThan(-0.5));
        Assert.That(ctrl.Concat(reversed).All(v => v is >= 1 and <= 7), Is.True);
    }

    [Test]
    public void StatesWilling_comparedWithActualDisclosure_isRarerByTheParadoxStrength()
    {
        var mobile = Field("mobile");
        var strong = People(6000, new SimulationParameters { ParadoxStrength = 2 });
        double stated = strong.Count(p => p.StatesWilling(mobile, 15)) / 6000.0;
        double disclosed = strong.Count(p => p.Checkout(mobile, 15).Disclosed) / 6000.0;
        Assert.That(disclosed - stated, Is.GreaterThan(0.25), $"stated {stated:P0}, disclosed {disclosed:P0}");

        var none = People(6000, new SimulationParameters { ParadoxStrength = 0 });
        double stated0 = none.Count(p => p.StatesWilling(mobile, 15)) / 6000.0;
        double disclosed0 = none.Count(p => p.Checkout(mobile, 15).Disclosed) / 6000.0;
        Assert.That(Math.Abs(disclosed0 - stated0), Is.LessThan(0.04), $"without paradox: stated {stated0:P0}, disclosed {disclosed0:P0}");
    }

    [Test]
    public void Checkout_disclosure_risesWithDiscountAndFallsWithSensitivity()
    {
        double Rate(string field, double offer) => People(5000, seed: 3).Count(p => p.Checkout(Field(field), offer).Disclosed) / 5000.0;
        Assert.That(Rate("mobile", 15), Is.GreaterThan(Rate("mobile", 0) + 0.15));
        Assert.That(Rate("bsn", 15), Is.LessThan(Rate("dob", 15) - 0.2));
    }

    [Test]
    public void Checkout_concern_correlatesOnlyWeaklyNegativelyWithDisclosure()
    {
        var people = People(5000);
        var optional = Study.Shop!.Fields.Where(f => f.IsOptional).ToList();
        var counts = people.Select(p => (double)optional.Count(f => p.Checkout(f, 15).Disclosed)).ToList();
        var r = Correlation(people.Select(p => p.Concern).ToList(), counts);
        Assert.That(r, Is.InRange(-0.35, -0.03));
    }

    [Test]
    public void Checkout_requiredField_isAlwaysFilledAndFakesAppearAtAboutTheFakeShare()
    {
        var people = People(8000, new SimulationParameters { FakeShare = 0.2, BaseLogOdds = 3 });
        Assert.That(people.All(p => p.Checkout(Field("name"), 0).Disclosed), Is.True);
        var choices = people.Select(p => p.Checkout(Field("dob"), 15)).Where(c => c.Disclosed).ToList();
        Assert.That(choices.Count(c => c.Fake) / (double)choices.Count, Is.InRange(0.15, 0.25));
    }

    [Test]
    public void Answer_attentionCheck_isPassedAtTheGivenRate()
    {
        var attn = Plan.Items["attn"];
        var passed = People(5000).Count(p => p.Answer(attn, 0, null, 0) == "2") / 5000.0;
        Assert.That(passed, Is.InRange(0.91, 0.95));
    }

    [Test]
    public void Answer_numberAndChoice_stayInsideTheItemsRangeAndCodes()
    {
        var people = People(500);
        Assert.That(people.Select(p => int.Parse(p.Answer(Plan.Items["age"], Plan.Loadings["age"], null, 0)!)).All(a => a is >= 16 and <= 99), Is.True);
        Assert.That(people.Select(p => p.Answer(Plan.Items["gender"], Plan.Loadings["gender"], null, 0)).Distinct().Order(), Is.EqualTo(new[] { "f", "m", "x" }));
    }

    [Test]
    public void Persona_sameSeed_givesTheSameAnswers()
    {
        string Run() => string.Join(",", People(50, seed: 42).Select(p => p.Answer(Plan.Items["ctrl1"], Plan.Loadings["ctrl1"], null, 0) + p.Checkout(Field("bsn"), 15)));
        Assert.That(Run(), Is.EqualTo(Run()));
    }

    [Test]
    public void Validate_shareOutsideZeroToOne_saysWhichOption()
    {
        var e = Assert.Throws<ArgumentException>(() => new SimulationParameters { FakeShare = 1.5 }.Validate());
        Assert.That(e!.Message, Does.Contain("--fake-share"));
    }
}
