using Experiment.Engine.Researchers;
using NUnit.Framework;
using Survey.Web.Tests.Infrastructure;

namespace Survey.Web.Tests.Researcher;

public sealed class DashboardTests
{
    [Test]
    public async Task Dashboard_of_a_demo_study_flags_it_and_of_a_launch_study_does_not()
    {
        await using var app = await TestWebApp.StartAsync();
        var (_, password) = await ResearcherAccounts.CreateAsync(app.DataSource, "dora");
        using var client = new ConsoleClient(app.BaseUrl);
        await client.SignInAsync("dora", password);

        var demo = await (await client.GetAsync("/researcher/studies/demo")).Content.ReadAsStringAsync();
        var seed = await (await client.GetAsync("/researcher/studies/privacy-paradox-nl")).Content.ReadAsStringAsync();

        Assert.That(demo, Does.Contain("id=\"demo-flag\"").And.Contain("not meant for launch"));
        Assert.That(seed, Does.Contain("privacy-paradox-nl").And.Not.Contain("id=\"demo-flag\""));
    }
}
