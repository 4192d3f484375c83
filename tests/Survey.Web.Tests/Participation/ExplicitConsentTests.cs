using NUnit.Framework;
using Survey.Web.Tests.Infrastructure;

namespace Survey.Web.Tests.Participation;

/// <summary>texts.explicitConsent, which `study check` asks for with a special-category field, is shown on the consent page.</summary>
public sealed class ExplicitConsentTests
{
    [Test]
    public async Task Consent_page_shows_the_explicit_consent_text_in_the_participants_language_and_omits_it_when_absent()
    {
        await using var app = await TestWebApp.StartAsync();
        var flow = WebStudies.Flow();
        await app.ImportStudyAsync(flow with
        {
            Texts = flow.Texts with
            {
                ExplicitConsent = new() { ["nl"] = "Ik stem uitdrukkelijk in met de vraag over gezondheid.", ["en"] = "I explicitly consent to the health question." },
            },
        });
        await app.ImportStudyAsync(WebStudies.Flow("plainflow"));

        using var nl = new ParticipantDriver(app.BaseUrl, "nl");
        await nl.GetAsync($"/s/{WebStudies.Id}");
        using var en = new ParticipantDriver(app.BaseUrl, "en");
        await en.GetAsync($"/s/{WebStudies.Id}");
        using var plain = new ParticipantDriver(app.BaseUrl, "nl");
        await plain.GetAsync("/s/plainflow");

        Assert.That(nl.Html, Does.Contain("id=\"explicit-consent\"").And.Contain("Ik stem uitdrukkelijk in met de vraag over gezondheid."));
        Assert.That(en.Html, Does.Contain("I explicitly consent to the health question.").And.Not.Contain("Ik stem uitdrukkelijk"));
        Assert.That(plain.Html, Does.Contain("value=\"agree\"").And.Not.Contain("explicit-consent"));
    }
}
