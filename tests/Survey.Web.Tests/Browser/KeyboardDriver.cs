using Microsoft.Playwright;

namespace Survey.Web.Tests.Browser;

/// <summary>
/// Fills and submits a page with the keyboard alone, the way a keyboard or switch user does: Tab through the
/// page, Space on radios and checkboxes, arrow keys within a radio group, typing into text fields, Enter on the
/// wanted button. It only reads where the focus is (document.activeElement); it never clicks or fills by selector,
/// so a control that cannot be reached by Tab makes the walk fail.
/// </summary>
public sealed class KeyboardDriver(IPage page)
{
    const int MaxTabs = 400;

    /// <summary>The focused control; a settable class because Playwright's result converter needs one.</summary>
    public sealed class Focus
    {
        public string Tag { get; set; } = "";
        public string Type { get; set; } = "";
        public string Name { get; set; } = "";
        public string Value { get; set; } = "";
        public bool Checked { get; set; }
    }

    public Task<Focus?> FocusAsync() => page.EvaluateAsync<Focus?>(
        """
        () => {
          const e = document.activeElement;
          if (!e || e === document.body) return null;
          return { Tag: e.tagName.toLowerCase(), Type: (e.type || '').toLowerCase(), Name: e.name || '',
                   Value: e.value == null ? '' : String(e.value), Checked: !!e.checked };
        }
        """);

    /// <summary>
    /// Sets every named control to its value (radio: the value to select; checkbox: "1" to tick; others: text to
    /// type), then presses Enter on the submit button <c>name=action value={action}</c> and waits for the answer.
    /// </summary>
    public async Task SubmitAsync(IReadOnlyDictionary<string, string> wanted, string action, Func<Task>? beforeSubmit = null)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        for (var tabs = 0; tabs < MaxTabs; tabs++)
        {
            await page.Keyboard.PressAsync("Tab");
            var f = await FocusAsync();
            if (f is null) continue;
            if (f.Tag == "button" && f.Name == "action" && f.Value == action && done.Count == wanted.Count)
            {
                if (beforeSubmit is not null) await beforeSubmit();
                await TestSupport.Browser.NavigateByAsync(page, () => page.Keyboard.PressAsync("Enter"));
                return;
            }
            if (!wanted.TryGetValue(f.Name, out var value) || done.Contains(f.Name)) continue;
            switch (f.Type)
            {
                case "radio":
                    await SelectRadioAsync(f.Name, value);
                    break;
                case "checkbox":
                    if ((value == "1") != f.Checked) await page.Keyboard.PressAsync("Space");
                    break;
                default:
                    await page.Keyboard.PressAsync("Control+A");
                    await page.Keyboard.PressAsync("Delete");
                    await page.Keyboard.TypeAsync(value);
                    break;
            }
            done.Add(f.Name);
        }
        var missing = wanted.Keys.Where(k => !done.Contains(k));
        throw new InvalidOperationException(
            $"Keyboard only: after {MaxTabs} Tab presses on {page.Url} still not reached: {string.Join(", ", missing)}" +
            $" or the '{action}' button.");
    }

    async Task SelectRadioAsync(string name, string value)
    {
        // Tab lands on the group's checked radio, or its first one; Space checks it, arrows move and check.
        var f = await FocusAsync();
        if (f is { Checked: false }) await page.Keyboard.PressAsync("Space");
        for (var i = 0; i < 30; i++)
        {
            f = await FocusAsync();
            if (f is null || f.Name != name) break;
            if (f.Value == value && f.Checked) return;
            await page.Keyboard.PressAsync("ArrowDown");
        }
        throw new InvalidOperationException($"Keyboard only: could not select {name}={value} with the arrow keys on {page.Url}.");
    }
}
