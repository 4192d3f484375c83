using Microsoft.Playwright;

namespace Survey.Web.Tests.Browser.Pages;

/// <summary>The end: the completion code.</summary>
public sealed class EndPage(IPage page) : ParticipantPage(page)
{
    public async Task<string?> CompletionCodeAsync()
    {
        var code = Page.Locator("#completion-code");
        return await code.CountAsync() == 0 ? null : (await code.First.TextContentAsync())?.Trim();
    }
}
