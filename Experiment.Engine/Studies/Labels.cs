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
        ["placeOrder"] = T("Verder naar betalen", "Continue to payment"),
        // The shop's way out, as shops word it; it still ends the shop without an order (recorded as left_shop).
        ["leaveShop"] = T("Verder winkelen zonder te bestellen", "Continue shopping without ordering"),
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
        // The two competing shops (Experiment.Engine/TwoShops): {0} is a shop's name, {1} what it asks as it reads mid-sentence.
        ["twoShopsTitle"] = T("Waar koopt u?", "Where do you buy?"),
        ["twoShopsQuestion"] = T("Beide winkels verkopen dezelfde producten. Kies de winkel waar u koopt.", "Both shops sell the same products. Choose the shop you buy from."),
        ["twoShopsAsks"] = T("Bij het bestellen vraagt deze winkel:", "At checkout this shop asks for:"),
        ["twoShopsBuyHere"] = T("Kopen bij {0}", "Buy at {0}"),
        ["twoShopsChoose"] = T("Kies een winkel.", "Choose a shop."),
        // With allowNoPurchase: the question, the third answer and the error name the way out too.
        ["twoShopsQuestionNoPurchase"] = T("Beide winkels verkopen dezelfde producten. Kies de winkel waar u koopt, of kies ervoor niets te kopen.",
            "Both shops sell the same products. Choose the shop you buy from, or choose not to buy."),
        ["twoShopsNoPurchase"] = T("Ik koop bij geen van beide winkels", "I don't buy from either shop"),
        ["twoShopsChooseOrNone"] = T("Kies een winkel, of kies ervoor niets te kopen.", "Choose a shop, or choose not to buy."),
        ["twoShopsChoice"] = T("Winkel", "Shop"),
        ["twoShopsCheckoutTitle"] = T("Bestellen bij {0}", "Order at {0}"),
        ["twoShopsGive"] = T("Ik geef {0} mijn {1}", "I give {0} my {1}"),
        ["twoShopsNeeded"] = T("Deze winkel heeft dit nodig voor uw bestelling.", "This shop needs this for your order."),
        // The rated listings (Experiment.Engine/Listings): {0} in listingsQuery is the product, in listingsRating the meter's
        // name, {1} the rating and {2} its maximum; the meter is read out as that sentence, never by its colour.
        ["listingsTitle"] = T("Zoekresultaten", "Search results"),
        ["listingsSite"] = T("Prijsvergelijker", "Price comparison"),
        ["listingsQuery"] = T("Winkels met: {0}", "Shops selling: {0}"),
        ["listingsChoose"] = T("Kies de winkel waar u koopt.", "Choose the shop you buy from."),
        ["listingsPrivacy"] = T("Privacy", "Privacy"),
        ["listingsRating"] = T("{0}: {1} van {2}", "{0}: {1} out of {2}"),
        ["listingsExplain"] = T("De privacymeter bij elke winkel laat zien hoe goed die winkel uw persoonsgegevens beschermt: hoe meer gevulde vakjes (van de 4), hoe beter.",
                                "The privacy meter next to each shop shows how well that shop protects your personal data: the more filled squares (out of 4), the better."),
        ["listingsBuy"] = T("Kopen bij de gekozen winkel", "Buy from the chosen shop"),
        ["listingsPick"] = T("Kies een winkel.", "Choose a shop."),
        ["listingsShop"] = T("Winkel", "Shop"),
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
        ["invalidHouseNumber"] = ShopChecks.Message(ShopChecks.HouseNumber),
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
        ["errorNotFound"] = T("Deze pagina bestaat niet.", "This page does not exist."),
        ["errorTooLarge"] = T("Er werd te veel tekst verstuurd.", "Too much text was sent."),
        ["errorTooManyRequests"] = T("Te veel aanmeldingen tegelijk. Probeer het over een minuut opnieuw.",
                                     "Too many sign-ups at once. Please try again in a minute."),
        ["errorUnavailable"] = T("Het onderzoek is even niet bereikbaar. Uw antwoorden tot nu toe zijn bewaard. Probeer het over een ogenblik opnieuw.",
                                 "The study is briefly unavailable. Your answers so far are saved. Please try again in a moment."),
        ["tryAgain"] = T("Opnieuw proberen", "Try again"),
        ["errorTooManyAttempts"] = T("Te veel inlogpogingen vanaf dit adres. Wacht een minuut en probeer het dan opnieuw.",
                                     "Too many sign-in attempts from this address. Please wait a minute, then try again."),
        // The storefront (issue 17): product, cart, payment, confirmation, footer.
        ["catalogueTitle"] = T("Ons assortiment", "Our range"),
        ["quantity"] = T("Aantal", "Quantity"),
        ["inStock"] = T("Op voorraad", "In stock"),
        ["fewInStock"] = T("Nog {0} op voorraad", "Only {0} left in stock"),
        ["outOfStock"] = T("Tijdelijk uitverkocht", "Temporarily out of stock"),
        ["rating"] = T("{0} van 5 sterren ({1} reviews)", "{0} out of 5 stars ({1} reviews)"),
        ["shipping"] = T("Verzendkosten", "Shipping"),
        ["free"] = T("Gratis", "Free"),
        ["freeShippingFrom"] = T("Gratis verzending vanaf {0}", "Free shipping from {0}"),
        ["remove"] = T("Verwijderen", "Remove"),
        ["removeProduct"] = T("{0} verwijderen", "Remove {0}"),
        ["updateCart"] = T("Aantallen bijwerken", "Update quantities"),
        ["cartEmpty"] = T("Uw winkelwagen is leeg. Kies hieronder wat u wilt bestellen.", "Your cart is empty. Choose below what you would like to order."),
        ["chooseProduct"] = T("Kies minstens één product.", "Choose at least one product."),
        ["invalidQuantity"] = T("Kies een aantal van 0 tot {0}.", "Choose a quantity from 0 to {0}."),
        ["cartItems"] = T("Winkelwagen ({0})", "Cart ({0})"),
        ["paymentTitle"] = T("Betaalwijze", "Payment method"),
        ["paymentChoose"] = T("Hoe wilt u betalen?", "How would you like to pay?"),
        ["payIdeal"] = T("iDEAL", "iDEAL"),
        ["payIdealHint"] = T("Direct betalen via uw eigen bank.", "Pay straight away through your own bank."),
        ["payCard"] = T("Creditcard", "Credit card"),
        ["payCardHint"] = T("Mastercard of Visa.", "Mastercard or Visa."),
        ["payLater"] = T("Achteraf betalen", "Pay later"),
        ["payLaterHint"] = T("Betaal binnen 14 dagen nadat u het pakket hebt ontvangen.", "Pay within 14 days of receiving the parcel."),
        ["pay"] = T("Bestellen en betalen", "Order and pay"),
        ["choosePayment"] = T("Kies een betaalwijze.", "Choose a payment method."),
        ["orderNumber"] = T("Bestelnummer", "Order number"),
        ["deliveryDate"] = T("Verwachte bezorging", "Expected delivery"),
        ["paymentMethod"] = T("Betaalwijze", "Payment method"),
        ["customerService"] = T("Klantenservice", "Customer service"),
        ["kvk"] = T("KvK-nummer", "Chamber of Commerce no."),
        ["securePayment"] = T("Veilig betalen", "Secure payment"),
        ["trustReturns"] = T("30 dagen bedenktijd", "30-day returns"),
        ["trustDelivery"] = T("Snel in huis", "Fast delivery"),
        ["trustSecure"] = T("Beveiligde verbinding", "Secure connection"),
        ["privacyStatement"] = T("Privacyverklaring", "Privacy statement"),
        ["privacyStatementOpen"] = T("Lees onze privacyverklaring", "Read our privacy statement"),
        ["privacyStatementNewTab"] = T("opent in een nieuw tabblad", "opens in a new tab"),
        ["backToShop"] = T("Terug naar de winkel", "Back to the shop"),
        ["backToCheckout"] = T("Terug naar afrekenen", "Back to checkout"),
        ["privacyScrollHint"] = T("Lees de privacyverklaring hieronder tot het einde; daarna kunt u verder.",
            "Please read the privacy statement below to the end; then you can continue."),
        ["privacyScrollFirst"] = T("Lees eerst de privacyverklaring tot het einde.", "Please read the privacy statement to the end first."),
        ["privacyReadToEnd"] = T("Ik heb de privacyverklaring tot het einde gelezen", "I have read the privacy statement to the end"),
        // The shop's own statement, as a Dutch web shop words one; {shop}, {kvk} and {email} are the brand's (issue 17).
        ["privacyStatementText"] = T(
            "{shop} respecteert uw privacy. In deze privacyverklaring leest u welke gegevens wij verwerken als u bij ons bestelt, waarom wij dat doen en welke rechten u hebt.\n\n" +
            "## Wie zijn wij\n\n{shop} is verantwoordelijk voor de verwerking van uw persoonsgegevens. KvK-nummer {kvk}. U bereikt ons via {email}.\n\n" +
            "## Welke gegevens wij verwerken\n\nBij het afrekenen vragen wij uw naam, adres en e-mailadres. Die hebben wij nodig om uw bestelling te bezorgen en u over de bezorging te informeren. " +
            "Gegevens die u daarnaast vrijwillig invult, gebruiken wij om u aanbiedingen te doen die bij u passen, en wij kunnen ze delen met partners voor marketing. U bent niet verplicht ze te geven.\n\n" +
            "## Waarom wij dat mogen\n\nWij verwerken uw gegevens om de overeenkomst met u uit te voeren (uw bestelling), omdat de wet dat van ons vraagt (onze administratie) " +
            "of omdat u er toestemming voor hebt gegeven. Die toestemming kunt u altijd intrekken.\n\n" +
            "## Hoe lang wij uw gegevens bewaren\n\nWij bewaren uw gegevens niet langer dan nodig. Gegevens van uw bestelling bewaren wij zeven jaar, omdat de fiscale bewaarplicht dat vraagt. " +
            "Vrijwillig gegeven gegevens verwijderen wij zodra u uw toestemming intrekt.\n\n" +
            "## Met wie wij gegevens delen\n\nVoor uw bestelling delen wij uw gegevens met de bezorger en de betaaldienst. " +
            "Gegevens die u vrijwillig hebt gegeven, kunnen wij delen met partners voor marketing.\n\n" +
            "## Uw rechten\n\nOnder de Algemene verordening gegevensbescherming (AVG) hebt u het recht uw gegevens in te zien, te laten verbeteren of te laten verwijderen, " +
            "de verwerking te laten beperken, bezwaar te maken en uw gegevens mee te nemen. Stuur uw verzoek naar {email}; wij reageren binnen een maand. " +
            "Bent u niet tevreden over hoe wij met uw gegevens omgaan, dan kunt u een klacht indienen bij de Autoriteit Persoonsgegevens.\n\n" +
            "## Contact\n\nVragen over deze privacyverklaring? Mail ons via {email}.",
            "{shop} respects your privacy. This privacy statement explains which data we process when you order from us, why we do so and what your rights are.\n\n" +
            "## Who we are\n\n{shop} is the controller of your personal data. Chamber of Commerce (KvK) no. {kvk}. You can reach us at {email}.\n\n" +
            "## What data we process\n\nAt checkout we ask for your name, address and e-mail address. We need them to deliver your order and to keep you informed about its delivery. " +
            "Any further data you choose to give is used to make you offers that suit you, and we may share it with partners for marketing. You do not have to give it.\n\n" +
            "## Why we may do so\n\nWe process your data to perform our contract with you (your order), because the law requires it (our accounts) " +
            "or because you have given your consent. You can withdraw that consent at any time.\n\n" +
            "## How long we keep your data\n\nWe keep your data no longer than necessary. We keep the data of your order for seven years, as Dutch tax law requires. " +
            "Data you gave voluntarily is deleted as soon as you withdraw your consent.\n\n" +
            "## Who we share data with\n\nTo handle your order we share your data with the delivery service and the payment provider. " +
            "Data you gave voluntarily may be shared with partners for marketing.\n\n" +
            "## Your rights\n\nUnder the General Data Protection Regulation (GDPR, in Dutch: AVG) you have the right to access, correct or erase your data, " +
            "to restrict its processing, to object and to take your data with you. Send your request to {email}; we will reply within one month. " +
            "If you are not satisfied with how we handle your data, you can lodge a complaint with the Dutch Data Protection Authority (Autoriteit Persoonsgegevens).\n\n" +
            "## Contact\n\nQuestions about this privacy statement? E-mail us at {email}."),
        ["errorServer"] = T("Er ging iets mis aan onze kant. Probeer het opnieuw.", "Something went wrong on our side. Please try again."),
    };

    /// <summary>The label in the given language: the study's own text first, then the default.</summary>
    public static string Get(StudyDefinition study, string key, string language) =>
        study.Labels.TryGetValue(key, out var own) && own.TryGetValue(language, out var s) ? s
        : Defaults.TryGetValue(key, out var d) ? d.In(language)
        : key;
}
