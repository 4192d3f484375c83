using System.Globalization;
using CsvHelper;
using Experiment.Engine.Participants;
using Experiment.Engine.Studies;

namespace Experiment.Engine.Export;

/// <summary>
/// codebook.csv: one row per column of every file. Types: string, integer, decimal, boolean (1/0), datetime
/// (ISO 8601 UTC), category (one of the listed values), and for questionnaire items their item type
/// (likert, yesno, choice, number, text).
/// </summary>
static class Codebook
{
    /// <summary>A code of a column and its label per language (null when the code is its own label).</summary>
    public sealed record Code(string Value, Text? Label);

    /// <summary>
    /// One row of codebook.csv, with the multilingual labels and codes it was spelled from, so the scripts for R,
    /// SPSS and Stata (Export/Scripts) are written from the same rows as the codebook and cannot drift from it.
    /// </summary>
    public sealed record Row(string File, string Column, string Type, Text Label, string Values, IReadOnlyList<Code> Codes,
        Item? Item, string VarName)
    {
        public bool Likert => Item is { Type: ItemTypes.Likert };
        public int? ScaleMin => Likert ? 1 : null;
        public int? ScaleMax => Likert ? Item!.Points ?? 7 : null;
    }

    sealed record Entry(string File, string Column, string Type, string En, string Nl, string Values = "",
        Item? Item = null, Text? Label = null, IReadOnlyList<Code>? Codes = null);

    const string YesNoValues = "1=yes|0=no";
    // A choice option with "discloses": false (CheckoutRules.Discloses) is something entered that discloses nothing.
    const string NotDisclosingEn = " (an answer like 'prefer not to say' counts as 0)",
        NotDisclosingNl = " (een antwoord als 'zeg ik liever niet' telt als 0)";

    static readonly IReadOnlyList<Code> ModeCodes =
    [
        new(DisclosureModes.Server, T("typed, classified on the server", "getypt, op de server beoordeeld")),
        new(DisclosureModes.Browser, T("typed, classified in the browser", "getypt, in de browser beoordeeld")),
        new(DisclosureModes.Choice, T("ticked to share, nothing typed", "vinkje om te delen, niets getypt")),
    ];
    static readonly IReadOnlyList<Code> YesNoCodes = [new("1", T("yes", "ja")), new("0", T("no", "nee"))];

    static Text T(string en, string nl) => new() { ["en"] = en, ["nl"] = nl };

    /// <summary>What an excel-safe export adds to the labels of every column whose cells it may have changed.</summary>
    public const string ExcelSafeNoteEn = " [excel-safe export: a ' was put before text starting with = + - @, tab or CR]",
        ExcelSafeNoteNl = " [Excel-veilige export: een ' staat voor tekst die begint met = + - @, tab of CR]";

    public static async Task WriteAsync(IReadOnlyList<Row> rows, CsvTarget target)
    {
        var csv = target.Csv;
        await Csv.RowAsync(csv, ExportLayout.CodebookColumns);
        foreach (var r in rows)
        {
            var item = r.Item;
            await Csv.RowAsync(csv,
            [
                r.File, r.Column, r.Type, item?.Construct ?? "", item is null ? "" : Csv.Bool(item.Reverse),
                r.ScaleMin is { } min ? Csv.Number(min) : "", r.ScaleMax is { } max ? Csv.Number(max) : "",
                r.Label.In("en"), r.Label.In("nl"), r.Values, r.VarName,
            ]);
            target.Row();
        }
    }

    /// <summary>
    /// Every row of the codebook, in file and column order, each with its tool-safe variable name. In an
    /// excel-safe export the label of every column whose cells it may have changed carries the note, in every language.
    /// </summary>
    public static IReadOnlyList<Row> Rows(ExportLayout layout, bool excelSafe = false)
    {
        // Names are mapped per file: each file becomes its own data set in SPSS and Stata.
        return Entries(layout).GroupBy(e => e.File).SelectMany(file =>
        {
            var entries = file.ToList();
            return entries.Zip(Scripts.ToolNames.Map(entries.Select(e => e.Column).ToList()), (e, name) => new Row(e.File, e.Column,
                e.Type, Noted(e, excelSafe), e.Values, e.Codes ?? (e.Values == YesNoValues ? YesNoCodes : CodesOf(e)), e.Item, name));
        }).ToList();
    }

    static Text Noted(Entry e, bool excelSafe)
    {
        var label = e.Label ?? T(e.En, e.Nl);
        // Booleans and times are written by the export itself and never start with those characters.
        if (!excelSafe || e.Type is "boolean" or "datetime") return label;
        var noted = new Text();
        foreach (var (language, text) in label) noted[language] = text + (language == "nl" ? ExcelSafeNoteNl : ExcelSafeNoteEn);
        foreach (var language in new[] { "en", "nl" }.Where(l => !noted.ContainsKey(l)))
            noted[language] = label.In(language) + (language == "nl" ? ExcelSafeNoteNl : ExcelSafeNoteEn);
        return noted;
    }

    /// <summary>Categories list their levels in values; they are their own labels.</summary>
    static IReadOnlyList<Code> CodesOf(Entry e) =>
        e.Type == "category" && e.Values.Length > 0 ? e.Values.Split('|').Select(v => new Code(v, null)).ToList() : [];

    static IEnumerable<Entry> Entries(ExportLayout layout)
    {
        const string P = "participants.csv";
        var fixedRows = new Dictionary<string, Entry>
        {
            ["participant_id"] = new(P, "participant_id", "string", "Opaque pseudonym of the participant", "Pseudoniem van de deelnemer"),
            ["study_id"] = new(P, "study_id", "string", "Study id", "Id van het onderzoek"),
            ["study_version"] = new(P, "study_version", "integer", "Version of the study file the participant saw", "Versie van het onderzoeksbestand"),
            ["arm"] = new(P, "arm", "category", "Between-subject cell, factor=level pairs joined by ;", "Conditie, factor=niveau gescheiden door ;"),
            ["block_order"] = new(P, "block_order", "category", "Blocks in the order shown", "Blokken in de getoonde volgorde", string.Join('|', layout.BlockOrders)),
            ["language"] = new(P, "language", "category", "Language the participant used", "Taal van de deelnemer",
                string.Join('|', layout.Versions.Values.SelectMany(v => v.Study.Languages).Distinct().Order(StringComparer.Ordinal))),
            ["status"] = new(P, "status", "category", $"Completed, in progress, or abandoned ({Abandonment.Describe("en")})",
                $"Voltooid, bezig, of afgebroken ({Abandonment.Describe("nl")})", "completed|in_progress|abandoned"),
            ["started_at"] = new(P, "started_at", "datetime", "Consent given", "Toestemming gegeven"),
            ["completed_at"] = new(P, "completed_at", "datetime", "Session completed", "Sessie voltooid"),
            ["duration_s"] = new(P, "duration_s", "decimal", "Seconds from start to completion", "Seconden van begin tot einde"),
            ["attention_passed"] = new(P, "attention_passed", "boolean", "Attention check passed", "Aandachtsvraag goed beantwoord", YesNoValues),
        };
        foreach (var c in ExportLayout.FixedLeading.Take(4)) yield return fixedRows[c];
        foreach (var f in layout.Factors)
            yield return new(P, "arm_" + f, "category", $"Level of factor {f}", $"Niveau van factor {f}", string.Join('|', layout.FactorLevels[f]));
        foreach (var c in ExportLayout.FixedLeading.Skip(4)) yield return fixedRows[c];
        foreach (var i in layout.Items)
            yield return new(P, i.Column, i.Item.Type, i.Item.Text.In("en"), i.Item.Text.In("nl"), ItemValues(i.Item), i.Item,
                i.Item.Text, ItemCodes(i.Item));
        yield return new(P, "checkout_outcome", "category", "How the checkout ended; empty when not reached",
            "Hoe het afrekenen eindigde; leeg als niet bereikt", "ordered|left_shop");
        foreach (var f in layout.Fields)
            yield return new(P, "offer_" + f.Key, "decimal", $"Discount percent offered next to: {f.Label.In("en")}", $"Kortingspercentage aangeboden bij: {f.Label.In("nl")}");
        foreach (var f in layout.Fields)
            yield return new(P, "granted_" + f.Key, "decimal", $"Discount percent granted for: {f.Label.In("en")} (the offer when given, else 0; empty when the checkout did not end)",
                $"Toegekend kortingspercentage voor: {f.Label.In("nl")} (het aanbod als ingevuld, anders 0; leeg als het afrekenen niet eindigde)");
        foreach (var f in layout.Fields)
            yield return new(P, "disclosed_" + f.Key, "boolean", $"Something entered in: {f.Label.In("en")}{NotDisclosingEn}", $"Iets ingevuld bij: {f.Label.In("nl")}{NotDisclosingNl}", YesNoValues);
        foreach (var f in layout.Fields)
            yield return new(P, "plausible_" + f.Key, "boolean", $"Entry plausible (1) or fake-looking (0): {f.Label.In("en")}",
                $"Invoer aannemelijk (1) of nep (0): {f.Label.In("nl")}", YesNoValues);
        var currency = layout.Current.Study.Shop?.Currency ?? "EUR";
        yield return new(P, "discount_pct", "decimal", "Total discount percent granted at the checkout (the sum of granted_); empty when the checkout did not end",
            "Totaal toegekend kortingspercentage bij het afrekenen (de som van granted_); leeg als het afrekenen niet eindigde");
        yield return new(P, "amount_to_pay", "decimal", $"Amount to pay for the order in {currency}, as the order confirmation showed; empty when no order was placed",
            $"Te betalen bedrag van de bestelling in {currency}, zoals de bevestiging toonde; leeg als er niet besteld is");
        if (PrivacyColumns.In(layout))
        {
            yield return new(P, "privacy_statement_opened", "boolean",
                "Opened the shop's privacy statement: 1 = its page was shown, or the browser reported it open at the checkout (requireScroll cell: its box in view); 0 = reported not; empty without JavaScript and its page not shown, or if the checkout did not end",
                "Privacyverklaring van de winkel geopend: 1 = pagina getoond, of de browser meldde die open bij het afrekenen (requireScroll-cel: het vak in beeld); 0 = gemeld van niet; leeg zonder JavaScript en pagina niet getoond, of als het afrekenen niet eindigde",
                YesNoValues);
            yield return new(P, "privacy_statement_ms", "integer",
                "Milliseconds the privacy statement was open on the checkout page (requireScroll cell: its box in view), measured in the browser; 0 = not opened there; its own page is not timed; empty without JavaScript or when the checkout did not end",
                "Milliseconden dat de privacyverklaring open was op de afrekenpagina (requireScroll-cel: het vak in beeld), gemeten in de browser; 0 = daar niet geopend; de eigen pagina wordt niet getimed; leeg zonder JavaScript of als het afrekenen niet eindigde");
        }
        yield return new(P, "behaviour_consent", "boolean",
            "Debrief question: may the researchers use the data of what the participant did in the shop? 1 = yes, may use; 0 = no (the shop columns are then empty); empty before the debrief",
            "Vraag na de uitleg: mogen de onderzoekers de gegevens over wat de deelnemer in de winkel deed gebruiken? 1 = ja; 0 = nee (de winkelkolommen zijn dan leeg); leeg vóór de uitleg",
            YesNoValues);
        foreach (var flag in QualityFlags.Columns)
        {
            var (en, nl) = QualityFlags.Describe(flag, layout.Current.Study);
            yield return flag == "repeat_entries" ? new(P, flag, "integer", en, nl) : new(P, flag, "boolean", en, nl, YesNoValues);
        }
        if (ValuationColumns.In(layout))
        {
            // The scoring rule of Valuation/PriceList.cs, in words (docs/paradigms/valuation.md).
            yield return new(P, "valuation_frame", "category", "Valuation frame: wta = asked to sell the data item, wtp = asked to pay to keep it private",
                "Valuatiekader: wta = gevraagd de gegevens te verkopen, wtp = gevraagd te betalen om ze privé te houden", "wta|wtp");
            yield return new(P, "valuation_switch_row", "integer", "First row (1 = lowest amount) answered with the money option (sell / do not pay); empty when none or not answered",
                "Eerste rij (1 = laagste bedrag) met het geldantwoord (verkopen / niet betalen); leeg als geen of niet beantwoord");
            yield return new(P, "valuation_switches", "integer", "Number of changes of answer between adjacent rows of the price list",
                "Aantal wisselingen van antwoord tussen opeenvolgende rijen van de prijslijst");
            yield return new(P, "valuation_value", "decimal", "Implied valuation: midpoint of the last private and the first money amount; the first amount when censored below, the last when censored above; empty when inconsistent",
                "Afgeleide waardering: midden tussen het laatste privé- en het eerste geldbedrag; het eerste bedrag bij censuur onder, het laatste bij censuur boven; leeg als inconsistent");
            yield return new(P, "valuation_censored", "category", "below = money option on every row, above = private option on every row, empty = switch inside the list",
                "below = op elke rij het geldantwoord, above = op elke rij privé, leeg = wissel binnen de lijst", "below|above");
            yield return new(P, "valuation_consistent", "boolean", "Price list consistent: private on the low rows, money on the rest (at most one switch, towards money)",
                "Prijslijst consistent: privé bij de lage bedragen, geld bij de rest (hoogstens één wissel, naar geld)", YesNoValues);
        }
        if (TwoShopsColumns.In(layout))
        {
            // The arrangement of TwoShops/ShopPair.cs and the stored choice, in words (docs/paradigms/two-shops.md).
            yield return new(P, "twoshops_invasive_shop", "string", "Key of the shop that asked more personal data in the participant's cell (the privacy-invasive shop)",
                "Sleutel van de winkel die in de cel van de deelnemer meer persoonsgegevens vroeg (de privacy-invasieve winkel)");
            yield return new(P, "twoshops_invasive_position", "category", "Where the privacy-invasive shop was shown: first = left on a wide screen, top on a phone",
                "Waar de privacy-invasieve winkel stond: first = links op een breed scherm, bovenaan op een telefoon", "first|second");
            yield return new(P, "twoshops_price_gap", "decimal", "Price gap: how much cheaper each product was at the privacy-invasive shop, in the block's currency",
                "Prijsverschil: hoeveel goedkoper elk product was bij de privacy-invasieve winkel, in de valuta van het blok");
            yield return new(P, "twoshops_asked_invasive", "string", "Field keys the privacy-invasive shop asked, joined by |",
                "Veldsleutels die de privacy-invasieve winkel vroeg, gescheiden door |");
            yield return new(P, "twoshops_asked_other", "string", "Field keys the other shop asked, joined by |",
                "Veldsleutels die de andere winkel vroeg, gescheiden door |");
            yield return new(P, "twoshops_choice", "string", "Key of the shop the participant chose to buy from; none = bought from neither shop (offered only when the block has allowNoPurchase); empty when the choice was not made",
                "Sleutel van de winkel waar de deelnemer koos te kopen; none = bij geen van beide winkels gekocht (alleen aangeboden als het blok allowNoPurchase heeft); leeg als er niet gekozen is");
            yield return new(P, "twoshops_chose_invasive", "boolean", "The chosen shop was the privacy-invasive one; empty when no shop was chosen (not chosen, or twoshops_choice = none)",
                "De gekozen winkel was de privacy-invasieve; leeg als er geen winkel gekozen is (niet gekozen, of twoshops_choice = none)", YesNoValues);
            yield return new(P, "twoshops_choice_ms", "integer", "Time to choose in milliseconds, from the display of the two shops to the choice's submission, measured in the browser; empty without JavaScript",
                "Keuzetijd in milliseconden, van het tonen van de twee winkels tot het versturen van de keuze, gemeten in de browser; leeg zonder JavaScript");
            yield return new(P, "twoshops_outcome", "category", "End of the chosen shop's checkout: ordered = gave the data asked and placed the order, left_shop = left without ordering; empty when not reached (also after twoshops_choice = none, which skips the checkout)",
                "Einde van de kassa van de gekozen winkel: ordered = gevraagde gegevens gegeven en besteld, left_shop = zonder bestellen weggegaan; leeg als niet bereikt (ook na twoshops_choice = none, dat de kassa overslaat)", "ordered|left_shop");
        }
        if (ListingsColumns.In(layout))
        {
            // The scoring of Listings/Listings.cs, in words (docs/paradigms/rated-listings.md).
            var listCurrency = layout.Current.Study.Listings?.Currency ?? "EUR";
            yield return new(P, "listings_condition", "category", "How the search results showed the privacy rating: none = price only, indicator = privacy meter, salient = meter with an explanation above the results, irrelevant = a meter of the same look rating something unrelated",
                "Hoe de zoekresultaten de privacybeoordeling toonden: none = alleen prijs, indicator = privacymeter, salient = meter met uitleg boven de resultaten, irrelevant = een meter van hetzelfde uiterlijk die iets anders beoordeelt", string.Join('|', Listings.Listings.Modes));
            yield return new(P, "listings_merchant", "category", "Key of the merchant chosen (listings.merchants); empty when none was chosen or its use was refused",
                "Sleutel van de gekozen verkoper (listings.merchants); leeg als er niet gekozen is of het gebruik geweigerd is");
            yield return new(P, "listings_rank", "integer", "Position of the chosen result on the page (1 = top)", "Plaats van het gekozen resultaat op de pagina (1 = bovenaan)");
            yield return new(P, "listings_price", "decimal", $"Price of the chosen merchant in {listCurrency}", $"Prijs van de gekozen verkoper in {listCurrency}");
            yield return new(P, "listings_rating", "integer", $"Privacy rating of the chosen merchant (1 to {Listings.Listings.MaxRating}, higher = more protective), also when the page did not show it",
                $"Privacybeoordeling van de gekozen verkoper (1 tot {Listings.Listings.MaxRating}, hoger = beschermender), ook als de pagina die niet toonde");
            yield return new(P, "listings_cheapest", "decimal", $"Lowest price on the page in {listCurrency} (every participant saw every result)", $"Laagste prijs op de pagina in {listCurrency} (elke deelnemer zag alle resultaten)");
            yield return new(P, "listings_premium", "decimal", $"Premium paid: listings_price - listings_cheapest, in {listCurrency} (0 = bought at the cheapest price)",
                $"Betaalde meerprijs: listings_price - listings_cheapest, in {listCurrency} (0 = tegen de laagste prijs gekocht)");
            yield return new(P, "listings_top_rated", "boolean", "The chosen merchant has the highest privacy rating on the page", "De gekozen verkoper heeft de hoogste privacybeoordeling op de pagina", YesNoValues);
            yield return new(P, "listings_choice_ms", "integer", "Time to choose: milliseconds from showing the results to submitting the choice (server clock)",
                "Keuzetijd: milliseconden van het tonen van de resultaten tot het versturen van de keuze (serverklok)");
        }
        if (FramingColumns.In(layout))
        {
            // The framing paradigm (Framing/FieldFraming.cs, docs/paradigms/framing.md).
            foreach (var f in FramingColumns.Framed(layout))
                yield return new(P, FramingColumns.Prefix + f.Key, "category", $"How the participant's cell framed: {f.Label.In("en")} (required = marked * and needed to order)",
                    $"Hoe de conditie van de deelnemer dit veld aanbood: {f.Label.In("nl")} (required = met * en nodig om te bestellen)", "required|optional");
            yield return new(P, FramingColumns.Overdisclosed, "integer",
                "Voluntary over-disclosure: number of fields optional in the participant's cell, offered no discount, that were disclosed (see disclosed_); empty when no order was placed",
                "Vrijwillig te veel gegeven: aantal velden dat in de conditie van de deelnemer optioneel was, zonder korting, en toch ingevuld (zie disclosed_); leeg als er niet besteld is");
            yield return new(P, FramingColumns.UnpaidOptional, "integer",
                "Number of fields optional in the participant's cell with no discount offered (the denominator of overdisclosed_n); empty when no order was placed",
                "Aantal velden dat in de conditie van de deelnemer optioneel was zonder korting (de noemer van overdisclosed_n); leeg als er niet besteld is");
        }
        yield return new(P, "pilot", "boolean",
            "Pilot participant (entered while the study was in pilot, or simulated); always 0 unless exported with --include-pilot",
            "Pilotdeelnemer (binnengekomen tijdens de pilot, of gesimuleerd); altijd 0 tenzij geëxporteerd met --include-pilot", YesNoValues);

        const string D = "disclosures.csv";
        yield return new(D, "participant_id", "string", "Opaque pseudonym of the participant", "Pseudoniem van de deelnemer");
        yield return new(D, "field", "category", "Checkout field key", "Sleutel van het afrekenveld", string.Join('|', layout.Fields.Select(f => f.Key)));
        yield return FramingColumns.In(layout)
            ? new(D, "necessity", "category", "Required (needed to order) or optional, as the participant's cell framed the field",
                "Verplicht (nodig om te bestellen) of optioneel, zoals de conditie van de deelnemer het veld aanbood", "required|optional")
            : new(D, "necessity", "category", "Needed to deliver the order, or optional", "Nodig voor levering, of optioneel", "required|optional");
        yield return new(D, "sensitivity", "integer", "Sensitivity of the field, 1 (harmless) to 5", "Gevoeligheid van het veld, 1 (onschuldig) tot 5");
        yield return new(D, "offer_pct", "decimal", "Discount percent offered for the field", "Aangeboden kortingspercentage");
        yield return new(D, "granted_pct", "decimal", "Discount percent the field added to the order (the offer when given, else 0)",
            "Kortingspercentage dat het veld aan de bestelling toevoegde (het aanbod als ingevuld, anders 0)");
        yield return new(D, "stated_item", "string", "Key of the paired stated-willingness item", "Sleutel van de gekoppelde bereidheidsvraag");
        yield return new(D, "stated_willing", "boolean", "Answer to the paired item", "Antwoord op de gekoppelde vraag", YesNoValues);
        yield return new(D, "disclosed", "boolean", "Something entered (choice mode: sharing ticked) when the order was placed" + NotDisclosingEn,
            "Iets ingevuld (keuzemodus: delen aangevinkt) bij het bestellen" + NotDisclosingNl, YesNoValues);
        yield return new(D, "plausible", "boolean", "Entry plausible (1) or fake-looking (0); empty when nothing entered or in choice mode",
            "Invoer aannemelijk (1) of nep (0); leeg als niets ingevuld of in keuzemodus", YesNoValues);
        yield return new(D, "time_on_field_ms", "integer", "Milliseconds spent in the field", "Milliseconden in het veld");
        yield return new(D, "disclosure_mode", "category",
            "How disclosure was measured: typed and classified on the server, typed and classified in the browser, or a tick to share (no plausibility)",
            "Hoe openheid is gemeten: getypt en op de server beoordeeld, getypt en in de browser beoordeeld, of een vinkje om te delen (geen aannemelijkheid)",
            string.Join('|', ModeCodes.Select(c => $"{c.Value}={c.Label!.In("en")}")), Codes: ModeCodes);
        yield return new(D, "autocomplete", "string",
            "Autofill the study allowed: the field's autocomplete token (the browser may fill it in, so a value may not have been typed), off (asked not to); empty in choice mode",
            "Automatisch invullen dat de studie toestond: het autocomplete-token van het veld (de browser mag het invullen, dus een waarde is misschien niet getypt), off (gevraagd van niet); leeg in keuzemodus");

        const string R = "responses.csv";
        yield return new(R, "participant_id", "string", "Opaque pseudonym of the participant", "Pseudoniem van de deelnemer");
        yield return new(R, "page", "string", "Questionnaire page key", "Sleutel van de vragenlijstpagina");
        yield return new(R, "item", "string", "Item key", "Sleutel van de vraag");
        yield return new(R, "value", "string", "Answer, coded as in participants.csv", "Antwoord, gecodeerd als in participants.csv");
        yield return new(R, "answered_at", "datetime", "When the page with the answer was submitted", "Wanneer de pagina is verstuurd");

        const string T = "page_times.csv";
        yield return new(T, "participant_id", "string", "Opaque pseudonym of the participant", "Pseudoniem van de deelnemer");
        yield return new(T, "page", "string", "Page name", "Naam van de pagina");
        yield return new(T, "shown_at", "datetime", "Page shown", "Pagina getoond");
        yield return new(T, "submitted_at", "datetime", "Page submitted; empty when not submitted", "Pagina verstuurd; leeg als niet verstuurd");
        yield return new(T, "seconds", "decimal", "Seconds on the page", "Seconden op de pagina");

        const string I = "panel_ids.csv";
        yield return new(I, "participant_id", "string", "Opaque pseudonym of the participant", "Pseudoniem van de deelnemer");
        yield return new(I, "panel", "string", "Panel name, e.g. prolific", "Naam van het panel");
        yield return new(I, "panel_participant_id", "string", "The panel's participant id", "Deelnemer-id van het panel");
        yield return new(I, "panel_study_id", "string", "The panel's study id", "Onderzoeks-id van het panel");
        yield return new(I, "panel_session_id", "string", "The panel's session id", "Sessie-id van het panel");

        const string C = "codebook.csv";
        foreach (var (column, en, nl) in new[]
                 {
                     ("file", "File the column belongs to", "Bestand van de kolom"),
                     ("column", "Column name", "Kolomnaam"),
                     ("type", "Value type", "Soort waarde"),
                     ("construct", "Construct tag of the item", "Construct van de vraag"),
                     ("reverse_coded", "Item is reverse coded", "Vraag is omgekeerd gescoord"),
                     ("scale_min", "Lowest Likert point", "Laagste Likertpunt"),
                     ("scale_max", "Highest Likert point", "Hoogste Likertpunt"),
                     ("label_en", "English label", "Engelse omschrijving"),
                     ("label_nl", "Dutch label", "Nederlandse omschrijving"),
                     ("values", "Codes as code=label separated by |", "Codes als code=omschrijving gescheiden door |"),
                     ("var_name", "Variable name in R, SPSS and Stata (the column name, changed only where a tool would reject it)",
                      "Variabelenaam in R, SPSS en Stata (de kolomnaam, alleen aangepast waar een programma die weigert)"),
                 })
            yield return new(C, column, column is "reverse_coded" ? "boolean" : column is "scale_min" or "scale_max" ? "integer" : "string", en, nl);

        yield return new(StudyInfoFile.Name, "key", "string", "What the row states (see the export format)", "Wat de rij vermeldt (zie het exportformaat)",
            string.Join('|', StudyInfoFile.Keys));
        yield return new(StudyInfoFile.Name, "value", "string", "Its value", "De waarde");
    }

    /// <summary>The codes of an item with their labels in every language of the study (the codebook's values are English).</summary>
    static IReadOnlyList<Code> ItemCodes(Item item) => item.Type switch
    {
        ItemTypes.Likert => Enumerable.Range(1, item.Points ?? 7).Select(p => new Code(Csv.Number(p),
            item.PointLabels is { } labels && labels.Count == item.Points ? labels[p - 1]
            : p == 1 ? item.MinLabel : p == (item.Points ?? 7) ? item.MaxLabel : null)).ToList(),
        ItemTypes.YesNo => YesNoCodes,
        ItemTypes.Choice => (item.Options ?? []).Select(o => new Code(o.Code, o.Text)).ToList(),
        _ => [],
    };

    /// <summary>Likert: every point, with its label when the study labels every point, else the end points with theirs; yes/no: 1/0; choice: code=text.</summary>
    static string ItemValues(Item item) => item.Type switch
    {
        ItemTypes.Likert => string.Join('|', Enumerable.Range(1, item.Points ?? 7).Select(p =>
            item.PointLabels is { } labels && labels.Count == item.Points ? $"{p}={labels[p - 1].In("en")}"
            : p == 1 && item.MinLabel is not null ? $"1={item.MinLabel.In("en")}"
            : p == (item.Points ?? 7) && item.MaxLabel is not null ? $"{p}={item.MaxLabel.In("en")}"
            : p.ToString(CultureInfo.InvariantCulture))),
        ItemTypes.YesNo => YesNoValues,
        ItemTypes.Choice => string.Join('|', (item.Options ?? []).Select(o => $"{o.Code}={o.Text.In("en")}")),
        ItemTypes.Number when item.Min is not null || item.Max is not null =>
            $"{(item.Min is { } min ? Csv.Number(min) : "")}..{(item.Max is { } max ? Csv.Number(max) : "")}",
        _ => "",
    };
}
