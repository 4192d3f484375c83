namespace Experiment.Engine.Studies;

/// <summary>
/// Button and label texts of the participant pages. Dutch and English have defaults here; a study can
/// override any of them under "labels", and must give all of them for any other language it declares.
/// </summary>
public static class Labels
{
    static Text T(string nl, string en) => new() { ["nl"] = nl, ["en"] = en };

    public static readonly IReadOnlyDictionary<string, Text> Defaults = new Dictionary<string, Text>
    {
        ["next"] = T("Volgende", "Next"),
        ["start"] = T("Beginnen", "Start"),
        ["agree"] = T("Ik doe mee", "I agree to take part"),
        ["decline"] = T("Ik doe niet mee", "I do not want to take part"),
        ["language"] = T("Taal", "Language"),
        ["required"] = T("Dit veld is verplicht.", "This field is required."),
        ["optional"] = T("optioneel", "optional"),
        ["addToCart"] = T("In winkelwagen", "Add to cart"),
        ["cart"] = T("Winkelwagen", "Cart"),
        ["toCheckout"] = T("Afrekenen", "Checkout"),
        ["placeOrder"] = T("Bestelling plaatsen", "Place order"),
        ["leaveShop"] = T("Winkel verlaten zonder te bestellen", "Leave the shop without ordering"),
        ["subtotal"] = T("Subtotaal", "Subtotal"),
        ["discount"] = T("Korting", "Discount"),
        ["total"] = T("Totaal", "Total"),
        ["discountOffer"] = T("{0}% korting als u dit invult", "{0}% off if you fill this in"),
        ["orderPlaced"] = T("Bedankt voor uw bestelling.", "Thank you for your order."),
        ["shopLeft"] = T("U heeft de winkel verlaten.", "You left the shop."),
        ["continue"] = T("Verder", "Continue"),
        ["behaviourConsent"] = T("Mijn gegevens uit de winkel mogen voor het onderzoek worden gebruikt.",
                                 "My data from the shop may be used for the research."),
        ["withdraw"] = T("Ik trek mijn deelname in: verwijder al mijn gegevens", "I withdraw: delete all my data"),
        ["finish"] = T("Afronden", "Finish"),
        ["completionCode"] = T("Uw voltooiingscode", "Your completion code"),
        ["studyClosed"] = T("Dit onderzoek is gesloten. Bedankt voor uw interesse.", "This study is closed. Thank you for your interest."),
        ["studyFull"] = T("Dit onderzoek heeft genoeg deelnemers. Bedankt voor uw interesse.", "This study has enough participants. Thank you for your interest."),
        ["invalidNumber"] = T("Vul een getal in tussen {0} en {1}.", "Enter a number from {0} to {1}."),
        ["tooLong"] = T("Maximaal {0} tekens.", "At most {0} characters."),
    };

    /// <summary>The label in the given language: the study's own text first, then the default.</summary>
    public static string Get(StudyDefinition study, string key, string language) =>
        study.Labels.TryGetValue(key, out var own) && own.TryGetValue(language, out var s) ? s
        : Defaults.TryGetValue(key, out var d) ? d.In(language)
        : key;
}
