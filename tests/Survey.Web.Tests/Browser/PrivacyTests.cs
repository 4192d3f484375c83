using Experiment.Engine.Studies;
using Microsoft.Playwright;
using NUnit.Framework;
using Survey.Web.Tests.Browser.Pages;

namespace Survey.Web.Tests.Browser;

/// <summary>
/// Must show 5: what a participant types into the mock checkout is classified and dropped. After checkouts with
/// distinctive values (one with a validation error round trip, one with JavaScript off, one leaving the shop),
/// neither a dump of the whole database nor any log line of the app nor a cookie contains any of them.
/// </summary>
[TestFixture]
public sealed class PrivacyTests : BrowserTest
{
    static readonly Dictionary<string, string> Values = new()
    {
        ["name"] = "Zyxwvutsrq Qwertz",
        ["address"] = "Vlinderqwertzlaan 4417, 9999 ZZ Xyzdorp",
        ["email"] = "qqq-unique-7781@example.org",
        ["dob"] = "1979-03-29",
        ["mobile"] = "0612345678",
        ["income"] = "3777,45",
        ["bsn"] = "111222333",
        ["employer"] = "Acme Unique Employer 4417",
        // Not the pages' usual "12a": three hex digits occur by chance in the dump's random bytes (web_key's material).
        ["house_number"] = "12 bis",
        ["friends_emails"] = "fff-unique-9931@example.org, ggg-unique-9932@example.net",
    };

    /// <summary>Other spellings of the same numbers, typed by the other participants.</summary>
    static readonly string[] MobileVariants = ["06-2345-6781", "+31 6 2345 6781"];

    [Test]
    public async Task TypedCheckoutValues_afterCheckout_areInNoDatabaseRowNoLogLineAndNoCookie()
    {
        var typedEverywhere = new List<string>();
        var cookies = new List<string>();

        // 1: JavaScript on; first submits with the required name left empty, so the page comes back with an
        // error and every other value goes through the server twice (and back into the form).
        var page = await NewPageAsync();
        var errors = WatchServerErrors(page);
        var bot = Bot(page, async (kind, p) =>
        {
            if (kind != PageKind.Checkout || await p.Locator("p.field-error").CountAsync() > 0) return;
            var checkout = new CheckoutPage(p);
            foreach (var field in Study.Shop!.Fields)
                if (field.Key != "name") await checkout.FillAsync(field, ValueFor(field, 0));
            await checkout.PlaceOrderAsync();
            Assert.That(await checkout.ErrorAsync("name"), Is.Not.Null.And.Not.Empty, "missing name is reported next to the field");
            Assert.That(await checkout.Input("employer").InputValueAsync(), Is.EqualTo(Values["employer"]), "other values kept");
        });
        var walk = await bot.WalkAsync(new ParticipantPlan { PanelId = "privacy-1", Language = "nl", Checkout = f => ValueFor(f, 0) });
        Assert.That(walk.Finished, Is.True);
        typedEverywhere.AddRange(walk.Typed.Values);
        cookies.AddRange((await page.Context.CookiesAsync()).Select(c => c.Name + "=" + c.Value));

        // 2: JavaScript off, another mobile spelling.  3: leaves the shop after typing.
        for (var i = 1; i <= 2; i++)
        {
            var other = await NewPageAsync(new BrowserNewContextOptions { JavaScriptEnabled = i != 1 });
            errors.AddRange(WatchServerErrors(other));
            var n = i;
            var w = await Bot(other).WalkAsync(new ParticipantPlan
            {
                PanelId = $"privacy-{i + 1}", Language = "en", Checkout = f => ValueFor(f, n), PlaceOrder = i != 2,
            });
            Assert.That(w.Finished, Is.True);
            typedEverywhere.AddRange(w.Typed.Values);
            cookies.AddRange((await other.Context.CookiesAsync()).Select(c => c.Name + "=" + c.Value));
        }

        var dump = await App.DumpDatabaseAsync();
        var logs = string.Join("\n", App.LogLines);
        // Whole values, their digits alone (a number stored without its spaces is still the number), and the
        // distinctive parts of the composite ones. Choice fields are codes from the study file, not typing.
        var choiceCodes = Study.Shop!.Fields.Where(f => f.Type == FieldTypes.Choice).SelectMany(f => f.Options!).Select(o => o.Code).ToHashSet();
        var typed = typedEverywhere.Where(v => !choiceCodes.Contains(v)).ToList();
        var needles = typed.Concat(typed.Select(DigitsOnly).Where(d => d.Length >= 8))
            .Concat(["Zyxwvutsrq", "Vlinderqwertzlaan", "Xyzdorp", "qqq-unique-7781", "fff-unique-9931", "ggg-unique-9932", "Unique Employer"])
            .Distinct().ToList();
        Assert.That(needles, Has.Count.GreaterThan(15));
        Assert.Multiple(() =>
        {
            Assert.That(errors, Is.Empty);
            Assert.That(dump, Does.Contain("privacy-1"), "positive control: the dump holds the panel ids");
            Assert.That(App.LogLines, Is.Not.Empty, "positive control: the app logged");
            foreach (var needle in needles)
            {
                Assert.That(dump, Does.Not.Contain(needle).IgnoreCase, $"database dump contains '{needle}'");
                Assert.That(logs, Does.Not.Contain(needle).IgnoreCase, $"log lines contain '{needle}'");
                Assert.That(cookies, Has.None.Contains(needle), $"a cookie contains '{needle}'");
            }
        });
    }

    static string ValueFor(CheckoutField field, int variant) => field.Key switch
    {
        "mobile" when variant > 0 => MobileVariants[variant - 1],
        "child_adhd" => field.Options![variant % field.Options.Count].Code,
        _ => Values.TryGetValue(field.Key, out var v) ? v : CheckoutPage.TypicalValue(field),
    };

    static string DigitsOnly(string s) => new(s.Where(char.IsAsciiDigit).ToArray());
}
