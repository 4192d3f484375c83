using Microsoft.Playwright;

namespace Survey.Web.Tests.Browser.Pages;

/// <summary>The debrief: explains the deception, asks consent for the behavioural data, offers withdrawal.</summary>
public sealed class DebriefPage(IPage page) : ParticipantPage(page)
{
    public ILocator BehaviourConsent => Form.Locator("input[name=behaviour_consent][value='1']");

    public async Task FinishAsync(bool behaviourConsent)
    {
        await BehaviourConsent.SetCheckedAsync(behaviourConsent);
        await SubmitAsync("finish");
    }

    public Task WithdrawAsync() => SubmitAsync("withdraw");
}
