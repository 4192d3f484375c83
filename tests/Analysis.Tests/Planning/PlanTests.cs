using Analysis.Planning;
using Analysis.Tests.CliCommands;
using Experiment.Engine.Studies;
using NUnit.Framework;

namespace Analysis.Tests.Planning;

/// <summary>`plan`: simulated power agrees with Connor's analytic McNemar power; the seed study's plan at N = 80 per cell.</summary>
public sealed class PlanTests
{
    static string SeedStudy => Path.Combine(AppContext.BaseDirectory, "SeedStudies", "privacy-paradox-nl.json");

    /// <summary>
    /// The stated case: n = 150 pairs, p10 = 0.20, p01 = 0.10, alpha = 0.05. Connor (1987):
    /// psi = 0.3, delta = 0.1, power = Phi((0.1 sqrt(150) - 1.96 sqrt(0.3)) / sqrt(0.29)) = 0.611.
    /// 20,000 simulated studies (seed 1987) of the uncorrected McNemar test must land within 2 points.
    /// </summary>
    [Test]
    public void Simulate_statedCase_withinTwoPointsOfConnor1987()
    {
        var analytic = McNemarPower.Connor(150, 0.20, 0.10, 0.05);
        Assert.That(analytic, Is.EqualTo(0.611).Within(0.001), "Connor's formula, worked by hand in the summary");
        var simulated = McNemarPower.Simulate(150, 0.20, 0.10, 0.05, McNemarPower.Variant.Uncorrected, 20_000, seed: 1987);
        Assert.That(simulated, Is.EqualTo(analytic).Within(0.02), $"simulated {simulated:F4} vs analytic {analytic:F4}");
        // The report's headline test is continuity-corrected, so it is less powerful, never more.
        var headline = McNemarPower.Simulate(150, 0.20, 0.10, 0.05, McNemarPower.Variant.Headline, 20_000, seed: 1987);
        Assert.That(headline, Is.LessThan(simulated));
    }

    [Test]
    public void ConnorN_reachesThePowerAndOneLessDoesNot()
    {
        var n = McNemarPower.ConnorN(0.20, 0.10, 0.05, 0.80);
        Assert.That(McNemarPower.Connor(n, 0.20, 0.10, 0.05), Is.GreaterThanOrEqualTo(0.80));
        Assert.That(McNemarPower.Connor(n - 1, 0.20, 0.10, 0.05), Is.LessThan(0.80));
    }

    [Test]
    public void Plan_seedStudy_powerAtEightyPerCellAndNForEightyPercent()
    {
        var loaded = StudyFile.Load(SeedStudy);
        Assert.That(loaded.Ok, Is.True);
        var a = new PlanAssumptions(NPerCell: 80, Simulations: 200, Seed: 7);
        var plan = Plan.Make(PlanDesign.Of(loaded.Study!, loaded.ContentHash!), a);

        Assert.That(plan.AtPlanned.NPerCell, Is.EqualTo(80));
        Assert.That(plan.AtPlanned.Participants, Is.EqualTo(480), "6 cells");
        Assert.That(plan.AtPlanned.FieldPower, Has.Length.EqualTo(7), "the seed's seven paired fields");
        Assert.That(plan.AtPlanned.DiscountPower, Is.Not.Null.And.InRange(0.0, 1.0));
        Assert.That(plan.NForDiscount, Is.Not.Null);
        Assert.That(plan.NForFields, Is.Not.Null);
        // The N found is the smallest that reaches 80% at the search's own replications.
        var at = PowerPlan.Simulate(plan.Design, a, plan.NForDiscount!.Value, 200).DiscountPower!.Value;
        var below = PowerPlan.Simulate(plan.Design, a, plan.NForDiscount.Value - 1, 200).DiscountPower!.Value;
        Assert.That(at, Is.GreaterThanOrEqualTo(0.80));
        Assert.That(below, Is.LessThan(0.80));
        // Power grows with N: the planned 80 per cell is above the N for 80% exactly when its power is at least 80%.
        Assert.That(plan.AtPlanned.DiscountPower >= 0.8, Is.EqualTo(plan.NForDiscount <= 80));

        var md = PlanReport.Markdown(plan);
        Assert.That(md, Does.Contain(loaded.ContentHash!).And.Contain("## Hypotheses").And.Contain("## Exclusions")
            .And.Contain("alpha = 0.05").And.Contain($"| H2 discount effect (clustered logistic) | {100 * plan.AtPlanned.DiscountPower!.Value:F1}% | {plan.NForDiscount} |"));
        Assert.That(md, Does.Contain("4. failed the attention check"));
        var html = PlanReport.Html(plan);
        Assert.That(html, Does.Contain(loaded.ContentHash!).And.Contain("<h2>Power</h2>"));
    }

    [Test]
    public async Task PlanCommand_brokenStudy_exitsOneWithTheProblem()
    {
        var file = Path.Combine(Path.GetTempPath(), "ppl-plan-" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(file, "{ \"id\": \"x\" }");
        try
        {
            var (exit, _, error) = await CliRun.RunAsync("plan", "--study", file);
            Assert.That(exit, Is.EqualTo(1));
            Assert.That(error, Does.Contain(file).And.Contain("required key is missing"));
        }
        finally { File.Delete(file); }
    }

    [Test]
    public async Task PlanCommand_badAssumption_exitsOneNamingIt()
    {
        var (exit, _, error) = await CliRun.RunAsync("plan", "--study", SeedStudy, "--paradox", "1.5");
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(error, Does.Contain("--paradox must be between 0 and 1"));
    }
}
