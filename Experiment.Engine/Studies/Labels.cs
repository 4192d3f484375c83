using Experiment.Engine.Checkout;

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
        ["screeningRequired"] = T("Beantwoord deze vraag om mee te kunnen doen.", "Please answer this question to take part."),
        ["screenedOutTitle"] = T("U kunt helaas niet meedoen", "Unfortunately, you cannot take part"),
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
        // The valuation's price list (Experiment.Engine/Valuation): the two frames are worded alike, the private answer first.
        // {0} in the questions is the data item (valuation.item), in the answers the row's amount.
        ["valuationTitle"] = T("Wat is het u waard?", "What is it worth to you?"),
        ["valuationAskWta"] = T("Een bedrijf wil dit van u kopen: {0}. Kies bij elk bedrag: niet verkopen en privé houden, of verkopen voor dat bedrag en laten delen.",
                                "A company wants to buy this from you: {0}. For each amount, choose: do not sell and keep it private, or sell for that amount and let it be shared."),
        ["valuationAskWtp"] = T("Een bedrijf krijgt dit, tenzij u betaalt om het privé te houden: {0}. Kies bij elk bedrag: dat bedrag betalen en privé houden, of niet betalen en laten delen.",
                                "A company will receive this unless you pay to keep it private: {0}. For each amount, choose: pay that amount and keep it private, or do not pay and let it be shared."),
        ["valuationAmount"] = T("Bedrag: {0}", "Amount: {0}"),
        ["valuationKeep"] = T("Niet verkopen, privé houden", "Do not sell, keep it private"),
        ["valuationSell"] = T("Verkopen voor {0}, laten delen", "Sell for {0}, let it be shared"),
        ["valuationPay"] = T("{0} betalen, privé houden", "Pay {0}, keep it private"),
        ["valuationShare"] = T("Niet betalen, laten delen", "Do not pay, let it be shared"),
        ["valuationAnswerRow"] = T("Kies een antwoord bij dit bedrag.", "Choose an answer for this amount."),
        // Choice mode ({0}: what is shared, e.g. "geboortedatum"; {1}: the offer of the participant's cell).
        ["shareOffer"] = T("Deel mijn {0} voor {1}% korting", "Share my {0} for a {1}% discount"),
        ["share"] = T("Deel mijn {0}", "Share my {0}"),
        ["orderPlaced"] = T("Bedankt voor uw bestelling.", "Thank you for your order."),
        ["shopLeft"] = T("U heeft de winkel verlaten.", "You left the shop."),
        ["continue"] = T("Verder", "Continue"),
        // The debrief's required question (the export's behaviour_consent: 1 = yes, 0 = no), asked, not ticked.
        ["behaviourConsent"] = T("Mogen wij de gegevens over wat u in de winkel deed gebruiken voor het onderzoek?",
                                 "May we use the data on what you did in the shop for the research?"),
        ["behaviourConsentHint"] = T("Antwoordt u nee, dan laten we die gegevens weg uit het onderzoek. Uw antwoorden op de vragenlijst gebruiken we wel.",
                                     "If you answer no, we leave those data out of the research. We do use your answers to the questionnaire."),
        ["behaviourConsentYes"] = T("Ja, u mag deze gegevens gebruiken", "Yes, you may use these data"),
        ["behaviourConsentNo"] = T("Nee, gebruik deze gegevens niet", "No, do not use these data"),
        // What a shop says when a required field fails its check (Checkout.ShopChecks, shop.requiredFieldCheck "shop").
        ["invalidEmail"] = ShopChecks.Message(ShopChecks.Email),
        ["invalidPostcode"] = ShopChecks.Message(ShopChecks.Postcode),
        ["invalidName"] = ShopChecks.Message(ShopChecks.Name),
        ["withdraw"] = T("Ik trek mijn deelname in: verwijder al mijn gegevens", "I withdraw: delete all my data"),
        ["finish"] = T("Afronden", "Finish"),
        ["completionCode"] = T("Uw voltooiingscode", "Your completion code"),
        ["studyClosed"] = T("Dit onderzoek is gesloten. Bedankt voor uw interesse.", "This study is closed. Thank you for your interest."),
        ["studyFull"] = T("Dit onderzoek heeft genoeg deelnemers. Bedankt voor uw interesse.", "This study has enough participants. Thank you for your interest."),
        ["resumeTitle"] = T("Verder met het onderzoek", "Continuing the study"),
        ["resumeElsewhere"] = T("U bent al aan dit onderzoek begonnen, in een andere browser of op een ander apparaat. Ga verder in dezelfde browser op hetzelfde apparaat als eerst, of open het onderzoek opnieuw vanaf de onderzoekspagina van uw panel. Lukt dat niet, neem dan via het panel contact op met de onderzoeker.",
                                "You have already started this study, in another browser or on another device. To continue, use the same browser and device as before, or open the study again from your panel's study page. If that does not work, please contact the researcher through the panel."),
        ["invalidNumber"] = T("Vul een getal in tussen {0} en {1}.", "Enter a number from {0} to {1}."),
        ["tooLong"] = T("Maximaal {0} tekens.", "At most {0} characters."),
        // Participant pages of Survey.Web (web helper): titles, errors and messages.
        ["yes"] = T("Ja", "Yes"),
        ["no"] = T("Nee", "No"),
        ["skipToContent"] = T("Naar de inhoud", "Skip to content"),
        ["errorSummaryTitle"] = T("Er is iets niet goed ingevuld", "There is a problem"),
        ["errorPrefix"] = T("Fout", "Error"),
        ["invalidChoice"] = T("Kies een van de antwoorden.", "Choose one of the answers."),
        ["consentTitle"] = T("Toestemming", "Consent"),
        ["retention"] = T("Uw antwoorden worden {0} dagen bewaard.", "Your answers are kept for {0} days."),
        ["responsibleTitle"] = T("Wie is verantwoordelijk", "Who is responsible"),
        ["institution"] = T("Onderzoeksinstelling", "Institution"),
        ["researcherContact"] = T("Contact met de onderzoeker", "Contact the researcher"),
        ["dataController"] = T("Verwerkingsverantwoordelijke", "Data controller"),
        ["ethicsApproval"] = T("Ethische toetsing (referentie)", "Ethics approval (reference)"),
        ["demoNotice"] = T("Dit is een demonstratie, geen onderzoek dat door een ethische commissie is goedgekeurd.",
                           "This is a demonstration, not a study approved by an ethics committee."),
        ["progress"] = T("Pagina {0} van {1}", "Page {0} of {1}"),
        ["questionNumber"] = T("Vraag {0}", "Question {0}"),
        ["answerQuestion"] = T("Beantwoord deze vraag.", "Please answer this question."),
        ["declinedTitle"] = T("Bedankt", "Thank you"),
        ["declinedText"] = T("U doet niet mee. Er is niets van u opgeslagen.", "You are not taking part. Nothing about you was stored."),
        ["introTitle"] = T("Uitleg", "Instructions"),
        ["productPrice"] = T("Prijs", "Price"),
        ["checkoutTitle"] = T("Afrekenen", "Checkout"),
        ["orderSummary"] = T("Uw bestelling", "Your order"),
        ["deliveryDetails"] = T("Gegevens", "Your details"),
        ["privacyNotice"] = T("Privacy", "Privacy"),
        ["requiredMark"] = T("verplicht", "required"),
        // The checkout marks a required field with an asterisk, as shops do, and says once what it means.
        ["requiredLegend"] = T("Velden met een * zijn verplicht.", "Fields marked with * are required."),
        ["amountPaid"] = T("Betaald bedrag", "Amount paid"),
        ["shopDoneTitle"] = T("Bestelling", "Order"),
        ["debriefTitle"] = T("Uitleg achteraf", "Debriefing"),
        ["endTitle"] = T("Klaar", "Finished"),
        ["completionText"] = T("Bedankt voor uw deelname.", "Thank you for taking part."),
        ["withdrawnTitle"] = T("Deelname ingetrokken", "Participation withdrawn"),
        ["withdrawnText"] = T("Al uw gegevens zijn verwijderd. Bedankt voor uw tijd.", "All your data have been deleted. Thank you for your time."),
        ["studyPaused"] = T("Dit onderzoek is tijdelijk gepauzeerd. Probeer het later opnieuw.", "This study is paused. Please try again later."),
        ["errorTitle"] = T("Er ging iets mis", "Something went wrong"),
        ["errorBadRequest"] = T("Deze pagina is verlopen of het verzoek was ongeldig. Open de link van het onderzoek opnieuw.",
                                "This page has expired or the request was not valid. Please open the study link again."),
        ["errorNotFound"] = T("Deze pagina of dit onderzoek bestaat niet.", "This page or study does not exist."),
        ["errorTooLarge"] = T("Er werd te veel tekst verstuurd.", "Too much text was sent."),
        ["errorTooManyRequests"] = T("Te veel aanmeldingen tegelijk. Probeer het over een minuut opnieuw.",
                                     "Too many sign-ups at once. Please try again in a minute."),
        ["errorUnavailable"] = T("Het onderzoek is even niet bereikbaar. Uw antwoorden tot nu toe zijn bewaard. Probeer het over een ogenblik opnieuw.",
                                 "The study is briefly unavailable. Your answers so far are saved. Please try again in a moment."),
        ["tryAgain"] = T("Opnieuw proberen", "Try again"),
        ["errorTooManyAttempts"] = T("Te veel inlogpogingen vanaf dit adres. Wacht een minuut en probeer het dan opnieuw.",
                                     "Too many sign-in attempts from this address. Please wait a minute, then try again."),
        ["errorServer"] = T("Er ging iets mis aan onze kant. Probeer het opnieuw.", "Something went wrong on our side. Please try again."),
    };

    /// <summary>The label in the given language: the study's own text first, then the default.</summary>
    public static string Get(StudyDefinition study, string key, string language) =>
        study.Labels.TryGetValue(key, out var own) && own.TryGetValue(language, out var s) ? s
        : Defaults.TryGetValue(key, out var d) ? d.In(language)
        : key;
}
