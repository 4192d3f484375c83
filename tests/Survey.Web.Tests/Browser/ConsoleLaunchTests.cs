using Experiment.Engine.Assignment;
using Experiment.Engine.Participants;
using Experiment.Engine.Researchers;
using Experiment.Engine.Studies;
using Microsoft.Playwright;
using NUnit.Framework;
using Survey.Web.Tests.Participation;
using TestSupport;

namespace Survey.Web.Tests.Browser;

/// <summary>
/// Issue 15: launching from the console. An imported study refuses participants until a researcher opens it
/// (after a confirmation page that names it and its counts); the dashboard shows the participant link with the
/// panel's parameters; axe finds nothing on the console pages.
/// </summary>
[TestFixture]
public sealed class ConsoleLaunchTests : BrowserTest
{
    [Test]
    public async Task ImportedStudy_notYetOpened_refusesParticipantsUntilOpenedFromTheConsole()
    {
        var study = PolicyClean(WebStudies.Flow("weblaunch"));
        var import = await StudyImport.ImportAsync(App.DataSource, study); // as `study import` without --open
        var participant = await NewPageAsync();
        var errors = WatchServerErrors(participant);

        await participant.GotoAsync(App.BaseUrl + "/s/weblaunch?PROLIFIC_PID=early-1");
        var refused = await participant.Locator("main").InnerTextAsync();
        var consentFormsWhileClosed = await participant.Locator("form#page-form").CountAsync();

        var console = await SignedInAsync();
        await console.GotoAsync(App.BaseUrl + "/researcher/studies/weblaunch");
        await console.ClickAsync("form[action$='/status'] button:has-text('Open')");
        var confirmation = await console.Locator("main").InnerTextAsync();
        var stillClosed = (await StudyStore.GetStateAsync(App.DataSource, "weblaunch"))!.Status;
        await console.ClickAsync("form[method=post] button:has-text('Open weblaunch')");
        var statusAfter = await console.Locator("#study-status").InnerTextAsync();

        await participant.GotoAsync(App.BaseUrl + "/s/weblaunch?PROLIFIC_PID=later-1");
        var consentFormsWhenOpen = await participant.Locator("form#page-form").CountAsync();

        Assert.Multiple(() =>
        {
            Assert.That(import.Created, Is.True);
            Assert.That(refused, Does.Contain("This study is closed").Or.Contain("Dit onderzoek is gesloten"));
            Assert.That(consentFormsWhileClosed, Is.Zero, "no consent form while closed");
            Assert.That(confirmation, Does.Contain("Open weblaunch?").And.Contain("closed").And.Contain("Entered"), "the confirmation names the study, its status and counts");
            Assert.That(stillClosed, Is.EqualTo("closed"), "asking changes nothing");
            Assert.That(statusAfter, Is.EqualTo("open"));
            Assert.That(consentFormsWhenOpen, Is.EqualTo(1), "once open, the consent page is shown");
            Assert.That(errors, Is.Empty);
        });
    }

    /// <summary>The web test study with its optional fields (the BSN among them) as choices, which the policy lets open.</summary>
    static StudyDefinition PolicyClean(StudyDefinition study) => study with { Shop = study.Shop! with { DisclosureMode = DisclosureModes.Choice } };

    [Test]
    public async Task OpenConfirmation_studyThePolicyRefuses_showsTheFindingsAndTheStudyCannotBeOpened()
    {
        // The typed-BSN study (server mode, refused by the policy) imported around the CLI's check, as an older
        // installation may hold it.
        var refusedStudy = (await StudyStore.GetCurrentAsync(App.DataSource, SeedStudy))!.Value.Study with { Id = "webrefused", Slug = null };
        await StudyImport.ImportAsync(App.DataSource, refusedStudy);
        var console = await SignedInAsync();

        await console.GotoAsync(App.BaseUrl + "/researcher/studies/webrefused/status?to=open");
        var findings = await console.Locator("#policy-findings").InnerTextAsync();
        var refusedNote = await console.Locator("#policy-refused").CountAsync();
        var openForms = await console.Locator("form[method=post] button:has-text('Open webrefused')").CountAsync();
        // A forged post (the close form's token, its status changed to open) is refused too.
        await console.GotoAsync(App.BaseUrl + "/researcher/studies/webrefused/status?to=closed");
        await console.Locator("form[method=post] input[name=status]").EvaluateAsync("e => e.value = 'open'");
        var answer = await console.RunAndWaitForResponseAsync(
            () => console.ClickAsync("form[method=post] button:has-text('Close webrefused')"), r => r.Request.Method == "POST");
        var status = (await StudyStore.GetStateAsync(App.DataSource, "webrefused"))!.Status;

        Assert.Multiple(() =>
        {
            Assert.That(findings, Does.Contain("refused [bsn]"), "the finding names its rule");
            Assert.That(findings, Does.Contain("shop.fields["), "and its path in the file");
            Assert.That(refusedNote, Is.EqualTo(1));
            Assert.That(openForms, Is.Zero, "no Open button for a refused study");
            Assert.That(answer.Status, Is.EqualTo(409));
            Assert.That(status, Is.EqualTo("closed"), "the forged post changed nothing");
        });
    }

    [Test]
    public async Task OpenConfirmation_studyWithoutFindings_saysSoAndOpens()
    {
        await StudyImport.ImportAsync(App.DataSource, PolicyClean(WebStudies.Flow("webpolicyok")) with { Panel = null });
        var console = await SignedInAsync();

        await console.GotoAsync(App.BaseUrl + "/researcher/studies/webpolicyok/status?to=open");
        var ok = await console.Locator("#policy-ok").InnerTextAsync();
        await console.ClickAsync("form[method=post] button:has-text('Open webpolicyok')");

        Assert.That(ok, Does.Contain("No findings"));
        Assert.That((await StudyStore.GetStateAsync(App.DataSource, "webpolicyok"))!.Status, Is.EqualTo("open"));
    }

    [Test]
    public async Task Dashboard_participantLink_isShownWithThePanelParametersInAReadOnlyField()
    {
        var console = await SignedInAsync();
        await console.GotoAsync(App.BaseUrl + "/researcher/studies/" + SeedStudy);
        var field = console.Locator("#participant-link");
        var slug = await StudyStore.SlugAsync(App.DataSource, SeedStudy);

        Assert.That(slug, Is.EqualTo("klikklaar-winkel"), "the link names the study's public slug, not its id");
        Assert.That(await field.InputValueAsync(), Is.EqualTo(
            $"{App.BaseUrl}/s/{slug}?PROLIFIC_PID={{{{%PROLIFIC_PID%}}}}&STUDY_ID={{{{%STUDY_ID%}}}}&SESSION_ID={{{{%SESSION_ID%}}}}"));
        Assert.That(await field.GetAttributeAsync("readonly"), Is.Not.Null);
    }

    /// <summary>A completed-plus-active study with one completed and one silent participant, past its timeout.</summary>
    async Task<StudyDefinition> BalancedStudyAsync()
    {
        var study = WebStudies.Flow("webbalance") with
        {
            Design = new DesignSettings { Balance = BalancePolicy.CompletedPlusActive, ActiveTimeoutMinutes = 30 },
        };
        await StudyImport.ImportAsync(App.DataSource, study);
        var done = await Assigner.EnrolAsync(App.DataSource, study, new EnrolmentRequest("en"), clock: Clock);
        await Assigner.EnrolAsync(App.DataSource, study, new EnrolmentRequest("en"), clock: Clock);
        await ParticipantStore.CompleteAsync(App.DataSource, done.ParticipantId, CancellationToken.None);
        Clock.Advance(TimeSpan.FromMinutes(31));
        return study;
    }

    [Test]
    public async Task Dashboard_pilotParticipantArrivesWhileItIsOpen_updatesThePilotCountAndOffersTheRemoval()
    {
        var study = PolicyClean(WebStudies.Flow("webpilotlive"));
        await StudyImport.ImportAsync(App.DataSource, study);
        await StudyStore.SetStatusAsync(App.DataSource, "webpilotlive", "pilot");
        var console = await SignedInAsync();
        await console.GotoAsync(App.BaseUrl + "/researcher/studies/webpilotlive");
        var before = await console.Locator("#pilot-count").InnerTextAsync();
        var removalShownBefore = await console.Locator("#pilot-remove a").IsVisibleAsync();

        var pilot = await Assigner.EnrolAsync(App.DataSource, study, new EnrolmentRequest("en"), clock: Clock);
        // The dashboard polls every 5 seconds; the count and the link follow without a reload.
        await console.WaitForFunctionAsync("() => document.getElementById('pilot-count').textContent === '1'", null, new() { Timeout = 20_000 });

        Assert.That(before, Is.EqualTo("0"));
        Assert.That(removalShownBefore, Is.False, "nothing to remove yet");
        Assert.That(await console.Locator("#pilot-remove a").IsVisibleAsync(), Is.True);
        Assert.That(await console.Locator("dd[data-total=entered]").InnerTextAsync(), Is.EqualTo("0"), "a pilot participant is in no other count");
        await using var conn = await App.DataSource.OpenConnectionAsync();
        Assert.That(await Dapper.SqlMapper.ExecuteScalarAsync<bool>(conn, "select pilot from participant where id = @id", new { id = pilot.ParticipantId }), Is.True);
    }

    [Test]
    public async Task Dashboard_completedPlusActiveStudy_showsThePolicyAndTheCountsItBalances()
    {
        var study = await BalancedStudyAsync();
        var console = await SignedInAsync();
        await console.GotoAsync(App.BaseUrl + "/researcher/studies/webbalance");
        var cells = StudyDesign.Cells(study);
        Task<string> BalanceOf(int i) => console.Locator($"td[data-balance='{cells[i].Arm}']").InnerTextAsync();

        var policy = await console.Locator("#balance-policy").InnerTextAsync();
        var (completedCell, silentCell) = (await BalanceOf(0), await BalanceOf(1));
        var entered = await console.Locator("dd[data-total=entered]").InnerTextAsync();

        Assert.That(policy, Does.Contain("completed plus active").And.Contain("30 minutes"));
        Assert.That(completedCell.Trim().Split(' ')[0], Is.EqualTo("1"), "the completed participant counts");
        Assert.That(silentCell.Trim().Split(' ')[0], Is.EqualTo("0"), "the silent one is past the timeout (Entered still counts them)");
        Assert.That(entered, Is.EqualTo("2"), "both entered");
    }

    [Test]
    public async Task ConsolePages_signedInAndOut_haveNoAxeViolation()
    {
        var problems = new List<string>();
        var anonymous = await NewPageAsync();
        await anonymous.GotoAsync(App.BaseUrl + "/researcher/signin");
        problems.AddRange((await BrowserChecks.AxeViolationsAsync(anonymous)).Select(v => $"sign-in: {v}"));

        await BalancedStudyAsync();
        var console = await SignedInAsync();
        var id = Uri.EscapeDataString(SeedStudy);
        foreach (var (name, path) in new[]
                 {
                     ("studies", "/researcher"),
                     ("dashboard", $"/researcher/studies/{id}"),
                     ("dashboard, completed-plus-active with counts", "/researcher/studies/webbalance"),
                     ("confirm pause", $"/researcher/studies/{id}/status?to=paused"),
                     ("confirm close", $"/researcher/studies/{id}/status?to=closed"),
                     ("confirm pilot", $"/researcher/studies/{id}/status?to=pilot"),
                     ("preview", $"/researcher/studies/{id}/preview"),
                     ("remove pilot", $"/researcher/studies/{id}/pilot/remove"),
                     ("erase", $"/researcher/studies/{id}/erase"),
                     ("audit", "/researcher/audit"),
                 })
        {
            var response = await console.GotoAsync(App.BaseUrl + path);
            Assert.That(response!.Status, Is.EqualTo(200), name);
            problems.AddRange((await BrowserChecks.AxeViolationsAsync(console)).Select(v => $"{name}: {v}"));
        }
        // The erase result page, with its message.
        await console.GotoAsync(App.BaseUrl + $"/researcher/studies/{id}/erase");
        await console.FillAsync("#identifier", "nobody-1");
        await console.ClickAsync("button.danger");
        await console.Locator("#erase-result").WaitForAsync();
        problems.AddRange((await BrowserChecks.AxeViolationsAsync(console)).Select(v => $"erase result: {v}"));

        Assert.That(problems, Is.Empty);
    }
}
