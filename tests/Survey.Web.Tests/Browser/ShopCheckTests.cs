using Experiment.Engine.Checkout;
using Experiment.Engine.Studies;
using NUnit.Framework;
using Survey.Web.Tests.Browser.Pages;

namespace Survey.Web.Tests.Browser;

/// <summary>Issue 13: a study that checks its required checkout fields like a shop ("requiredFieldCheck": "shop").</summary>
[TestFixture]
public sealed class ShopCheckTests : BrowserTest
{
    [Test]
    public async Task Checkout_shopCheckAndBadValues_showsTheShopsMessagesKeepsWhatWasTypedAndThenOrders()
    {
        // The seed study, checking like a shop, with its name field checked as a name.
        var study = Study with
        {
            Id = "shop-check", Version = 1, Slug = null,
            Shop = Study.Shop! with
            {
                RequiredFieldCheck = RequiredFieldCheck.Shop,
                Fields = Study.Shop!.Fields.Select(f => f.Key == "name" ? f with { Check = ShopChecks.Name } : f).ToList(),
            },
        };
        await App.ImportStudyAsync(study);
        var page = await NewPageAsync();
        var errors = WatchServerErrors(page);
        var typed = new Dictionary<string, string>
        {
            ["name"] = "A", ["postcode"] = "3511 ab", ["house_number"] = "12", ["street"] = "Dorpsstraat", ["town"] = "Utrecht", ["email"] = "anna@",
            ["mobile"] = "06 2345 6781",
        };
        Dictionary<string, string>? kept = null, fieldErrors = null;
        IReadOnlyList<string>? summary = null;
        long? disclosuresAfterRefusal = null;
        var bot = new ParticipantBot(page, App.BaseUrl, study)
        {
            OnPage = async (kind, p) =>
            {
                if (kind != PageKind.Checkout || kept is not null) return;
                var checkout = new CheckoutPage(p);
                foreach (var (key, value) in typed) await checkout.Input(key).FillAsync(value);
                await checkout.PlaceOrderAsync();
                summary = await p.Locator("#error-summary li").AllInnerTextsAsync();
                fieldErrors = new();
                foreach (var key in new[] { "name", "email", "postcode", "house_number", "street", "town" })
                    if (await p.Locator($"#err-{key}").CountAsync() > 0) fieldErrors[key] = await p.Locator($"#err-{key}").TextContentAsync() ?? "";
                kept = new();
                foreach (var key in typed.Keys) kept[key] = await checkout.Input(key).InputValueAsync();
                disclosuresAfterRefusal = (await StudyRows.CountsAsync(App.DataSource)).Disclosures;
            },
        };
        var plan = new ParticipantPlan { PanelId = "shop-check-1", Language = "nl", Checkout = ParticipantPlan.Disclose("mobile") };
        var walk = await bot.WalkAsync(plan);

        var p = await ExpectedRows.AssertCompletedAsync(App.DataSource, study, plan, walk);
        Assert.Multiple(() =>
        {
            Assert.That(errors, Is.Empty);
            Assert.That(fieldErrors, Is.EqualTo(new Dictionary<string, string>
            {
                ["name"] = "Fout: Vul uw naam in (minstens twee letters).",
                ["email"] = "Fout: Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.",
            }), "the shop's message next to each failed field; a valid postcode passes, house number, street and town have no check");
            Assert.That(summary, Is.EqualTo(new[] { "Vul uw naam in (minstens twee letters).", "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl." }));
            Assert.That(kept, Is.EqualTo(typed), "every value typed comes back in the form");
            Assert.That(disclosuresAfterRefusal, Is.Zero, "a refused order records nothing");
            Assert.That(p.CheckoutOutcome, Is.EqualTo("ordered"), "with valid values the order goes through");
        });
    }
}
