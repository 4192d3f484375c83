using Microsoft.Playwright;

namespace Survey.Web.Tests.Browser.Pages;

/// <summary>The debrief: explains the deception, asks consent for the behavioural data, offers withdrawal.</summary>
public sealed class DebriefPage(IPage page) : ParticipantPage(page)
{
    /// <summary>The radio of the answer to the required question on the use of the shop data: "1" yes, "0" no.</summary>
    public ILocator BehaviourConsent(bool yes) => Form.Locator($"input[name=behaviour_consent][value='{(yes ? 1 : 0)}']");

    public async Task FinishAsync(bool behaviourConsent)
    {
        await BehaviourConsent(behaviourConsent).CheckAsync();
        await SubmitAsync("finish");
    }

    public Task WithdrawAsync() => SubmitAsync("withdraw");
}
