using System.Text.Json.Serialization;

namespace Experiment.Engine.Studies;

// The study file, as the engine sees it after validation (StudyFile.Load turns a file into this).
// JSON names are camelCase; docs/study-format.md describes each one for researchers.

/// <summary>A text in every language the study declares, e.g. { "nl": "Volgende", "en": "Next" }.</summary>
public sealed class Text : Dictionary<string, string>
{
    public Text() : base(StringComparer.Ordinal) { }
    public string In(string language) => TryGetValue(language, out var t) ? t : Values.FirstOrDefault() ?? "";
}

public sealed record StudyDefinition
{
    public required string Id { get; init; }
    public required int Version { get; init; }
    /// <summary>
    /// The public name in the participant link (/s/{slug}), so the link does not give the study away. Absent: a
    /// neutral random one made at the first import and kept (StudyImport). Same alphabet as an id (StudyId).
    /// </summary>
    public string? Slug { get; init; }
    public required IReadOnlyList<string> Languages { get; init; }
    public string? DefaultLanguage { get; init; }
    public required Text Title { get; init; }
    public required StudyTexts Texts { get; init; }
    /// <summary>Who is responsible, shown on the consent page; required unless the study is a demo.</summary>
    public StudyEthics? Ethics { get; init; }
    /// <summary>A demonstration, not meant for launch: it may leave out Ethics, and console and consent page say it is a demo.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public bool Demo { get; init; }
    /// <summary>Button and label texts; nl and en have built-in defaults (Labels.Defaults), others must be given.</summary>
    public IReadOnlyDictionary<string, Text> Labels { get; init; } = new Dictionary<string, Text>();
    public int RetentionDays { get; init; } = 365;
    /// <summary>The license the exported data are shared under (an SPDX id such as CC-BY-4.0, or a URL); exports name it.</summary>
    public string? License { get; init; }
    /// <summary>Lets ?cell=N force a cell (demos, tests), like oTree's config override.</summary>
    public bool AllowForcedCell { get; init; }
    public PanelSettings? Panel { get; init; }
    public IReadOnlyList<Factor> Factors { get; init; } = [];
    /// <summary>Listed cells; when absent the cells are the full factorial of the factors, weight 1 each.</summary>
    public IReadOnlyList<CellSpec>? Cells { get; init; }
    public int? TargetPerCell { get; init; }
    /// <summary>
    /// How assignment counts a cell (<see cref="Assignment.BalancePolicy"/>). Null: "enrolled", and a file without
    /// the key keeps the content hash it had before the key existed.
    /// </summary>
    public DesignSettings? Design { get; init; }
    /// <summary>An eligibility question on the consent page; an answer outside Allowed screens the person out (nothing stored).</summary>
    public Screening? Screening { get; init; }
    public required IReadOnlyList<Block> Blocks { get; init; }
    /// <summary>The block orders to counterbalance; each lists every block key once. Absent: the file's order.</summary>
    public IReadOnlyList<IReadOnlyList<string>>? BlockOrders { get; init; }
    public required IReadOnlyList<Page> Pages { get; init; }
    public Shop? Shop { get; init; }
    /// <summary>The multiple price list of a block of type "valuation" (ValuationList); null without one, so older hashes stay.</summary>
    public ValuationList? Valuation { get; init; }
    /// <summary>The two competing shops of a block of type "two_shops" (TwoShops); null without one, so older hashes stay.</summary>
    public TwoShopsBlock? TwoShops { get; init; }
    /// <summary>The search results of a block of type "listings" (RatedListings); null without one, so older hashes stay.</summary>
    public RatedListings? Listings { get; init; }
    /// <summary>
    /// The analysis's exclusion rules, applied in this order (ExclusionRule). Null when the file declares none, so
    /// that the content hash of a study without the key stays what it was before the key existed.
    /// </summary>
    public IReadOnlyList<ExclusionRule>? Exclusions { get; init; }
    /// <summary>
    /// Approval references that silence a policy warning, by rule (the StudyPolicy rule names), e.g.
    /// { "prolific-personal-data": "Prolific support ticket 123456" }. Null when absent, so older content hashes stay.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Approvals { get; init; }

    public string Language(string? wanted) =>
        wanted is not null && Languages.Contains(wanted) ? wanted : DefaultLanguage ?? Languages[0];
}

public sealed record StudyTexts
{
    public required Text Consent { get; init; }
    public required Text Instructions { get; init; }
    public required Text Debrief { get; init; }
    /// <summary>Shown after declining consent.</summary>
    public Text? Declined { get; init; }
    /// <summary>Shown with the completion code at the end.</summary>
    public Text? Completion { get; init; }
    /// <summary>The explicit consent (GDPR art. 9(2)(a)) a study needs before it asks for special-category data.</summary>
    public Text? ExplicitConsent { get; init; }
}

/// <summary>The accountability a consent page owes a participant (GDPR art. 13; ethics review).</summary>
public sealed record StudyEthics
{
    public required Text Institution { get; init; }
    public required ResearcherContact Researcher { get; init; }
    /// <summary>The data controller (verwerkingsverantwoordelijke) in the GDPR sense.</summary>
    public required Text DataController { get; init; }
    /// <summary>The ethics committee's approval reference, e.g. "ERB-2026-017".</summary>
    public required string Approval { get; init; }
}

public sealed record ResearcherContact
{
    public required string Name { get; init; }
    public required string Email { get; init; }
}

public sealed record PanelSettings
{
    /// <summary>Name stored in panel_ids.csv, e.g. "prolific".</summary>
    public required string Name { get; init; }
    /// <summary>Query parameter that carries the panel's participant id, e.g. PROLIFIC_PID.</summary>
    public required string ParticipantParam { get; init; }
    public string? StudyParam { get; init; }
    public string? SessionParam { get; init; }
    /// <summary>With {code} replaced by the completion code; absent: the code is shown instead.</summary>
    public string? CompletionUrl { get; init; }
    public required string CompletionCode { get; init; }
    /// <summary>The codes of the other outcomes, each sent the way the completion code is (CompletionUrl or shown).</summary>
    public OutcomeCodes? OutcomeCodes { get; init; }
}

/// <summary>
/// Panels pay by outcome (Prolific: a completion code per outcome), so each outcome can have a code of its own.
/// One absent: a failed attention check and a withdrawal get the completion code (as without this setting), a
/// declined consent gets no code.
/// </summary>
public sealed record OutcomeCodes
{
    /// <summary>Completed with the attention check failed.</summary>
    public string? FailedAttention { get; init; }
    /// <summary>Withdrew in the debrief (the data are erased).</summary>
    public string? Withdrew { get; init; }
    /// <summary>Declined the consent (nothing is stored).</summary>
    public string? DeclinedConsent { get; init; }
    /// <summary>Screened out by the study's entry question (<see cref="Screening"/>; nothing is stored).</summary>
    public string? ScreenedOut { get; init; }

    /// <summary>The code at the end: the failed-attention code when the check was failed and it has one.</summary>
    public static string AtEnd(PanelSettings? panel, string completionCode, bool? attentionPassed) =>
        attentionPassed == false && panel?.OutcomeCodes?.FailedAttention is { } failed ? failed : completionCode;

    public static string OnWithdrawal(PanelSettings? panel, string completionCode) => panel?.OutcomeCodes?.Withdrew ?? completionCode;

    public static string? OnDecline(PanelSettings? panel) => panel?.OutcomeCodes?.DeclinedConsent;

    /// <summary>Screened out: its own code, else none (like a declined consent, the person never took part).</summary>
    public static string? OnScreenOut(PanelSettings? panel) => panel?.OutcomeCodes?.ScreenedOut;

    /// <summary>Where the panel wants the participant sent with this code (its CompletionUrl); null: show the code.</summary>
    public static string? Redirect(PanelSettings? panel, string code) =>
        panel?.CompletionUrl is { Length: > 0 } url ? url.Replace("{code}", Uri.EscapeDataString(code)) : null;
}

/// <summary>
/// The study file's <c>screening</c>: one question asked with the consent, before anything is stored. Agreeing with
/// an answer not in Allowed ends the visit with the ScreenedOut text and the panel's screened-out code
/// (<see cref="OutcomeCodes.OnScreenOut"/>); only the study's screened-out count changes. The answer is not kept.
/// </summary>
public sealed record Screening
{
    public required Text Question { get; init; }
    public required IReadOnlyList<ChoiceOption> Options { get; init; }
    /// <summary>The option codes that may take part.</summary>
    public required IReadOnlyList<string> Allowed { get; init; }
    /// <summary>Shown to those screened out.</summary>
    public required Text ScreenedOut { get; init; }
}

/// <summary>The study file's <c>design</c>: the balance policy and, for completed-plus-active, how long a session counts as active.</summary>
public sealed record DesignSettings
{
    /// <summary>"enrolled" or "completed-plus-active" (<see cref="Assignment.BalancePolicy"/>).</summary>
    public string Balance { get; init; } = Assignment.BalancePolicy.Enrolled;
    /// <summary>Completed-plus-active only: a session without a request for this long no longer holds its place.</summary>
    public int? ActiveTimeoutMinutes { get; init; }
}

public sealed record Factor
{
    public required string Key { get; init; }
    public required IReadOnlyList<string> Levels { get; init; }
}

public sealed record CellSpec
{
    /// <summary>factor key to level, one entry per factor.</summary>
    public required IReadOnlyDictionary<string, string> Levels { get; init; }
    public double Weight { get; init; } = 1;
}

public sealed record Block
{
    public required string Key { get; init; }
    /// <summary>"pages" (a run of questionnaire pages), "shop", "valuation" or "listings" (BlockTypes).</summary>
    public required string Type { get; init; }
    public IReadOnlyList<string> Pages { get; init; } = [];
}

public sealed record Page
{
    public required string Key { get; init; }
    public required Text Title { get; init; }
    public Text? Intro { get; init; }
    public required IReadOnlyList<Item> Items { get; init; }
}

public static class ItemTypes
{
    public const string Likert = "likert", YesNo = "yesno", Choice = "choice", Number = "number", Text = "text";
    public static readonly string[] All = [Likert, YesNo, Choice, Number, Text];
}

public sealed record Item
{
    public required string Key { get; init; }
    public required string Type { get; init; }
    public required Text Text { get; init; }
    public string? Construct { get; init; }
    public bool Reverse { get; init; }
    public bool Required { get; init; } = true;
    /// <summary>Likert: number of points (scale 1..Points) and the labels of both ends.</summary>
    public int? Points { get; init; }
    public Text? MinLabel { get; init; }
    public Text? MaxLabel { get; init; }
    /// <summary>Likert: optionally a label for every point, 1..Points; the first and last are MinLabel and MaxLabel.</summary>
    public IReadOnlyList<Text>? PointLabels { get; init; }
    /// <summary>Choice: the options, stored and exported by code.</summary>
    public IReadOnlyList<ChoiceOption>? Options { get; init; }
    /// <summary>Number: inclusive range.</summary>
    public double? Min { get; init; }
    public double? Max { get; init; }
    /// <summary>Text: maximum length in characters.</summary>
    public int? MaxLength { get; init; }
    /// <summary>Attention check: the stored value that counts as passing.</summary>
    public string? Expected { get; init; }

    [JsonIgnore] public bool IsAttentionCheck => Expected is not null;
}

public sealed record ChoiceOption
{
    public required string Code { get; init; }
    public required Text Text { get; init; }
    /// <summary>
    /// Checkout choice fields only: false for an answer that gives nothing away ("prefer not to say"), which
    /// counts as not disclosed and earns no discount.
    /// </summary>
    /// <remarks>Nullable (absent = true) so that stored definitions, and so their content hashes, stay as they were.</remarks>
    public bool? Discloses { get; init; }

    [JsonIgnore] public bool GivesAway => Discloses != false;
}

public sealed record Shop
{
    public required Text Name { get; init; }
    public string Currency { get; init; } = "EUR";
    public required IReadOnlyList<Product> Products { get; init; }
    /// <summary>The privacy notice of the checkout; its look per level of a factor (e.g. notice=plain|salient).</summary>
    public PrivacyNotice? Notice { get; init; }
    /// <summary>Discounts add up, to at most this.</summary>
    public double MaxDiscountPct { get; init; } = 100;
    /// <summary>
    /// "any" (accept whatever is typed in a required field) or "shop" (check it as a real shop would: Checkout.ShopChecks).
    /// Null is "any" and is not written, so the content hash of a study that does not say stays what it was.
    /// </summary>
    public string? RequiredFieldCheck { get; init; }
    [JsonIgnore] public bool ChecksLikeAShop => RequiredFieldCheck == Checkout.RequiredFieldCheck.Shop;
    public required IReadOnlyList<CheckoutField> Fields { get; init; }
    /// <summary>The storefront's identity (name, logo, colours, footer); absent: a plain shop named by Name.</summary>
    public ShopBrand? Brand { get; init; }
    /// <summary>The product the design fixes: the product page shows only it, and the cart starts with one of it.</summary>
    public string? FixedProduct { get; init; }
    /// <summary>Shipping costs by the study's rule; absent: shipping is free.</summary>
    public ShippingRule? Shipping { get; init; }
    /// <summary>Working days (Monday to Saturday) from the order to its delivery date; absent: 1.</summary>
    public int? DeliveryDays { get; init; }
    /// <summary>The delivery promise shown with the products, e.g. "Voor 23:59 besteld, morgen in huis".</summary>
    public Text? DeliveryPromise { get; init; }
    /// <summary>
    /// May the browser autofill the checkout? true: each field carries its <c>autocomplete</c> token (a field
    /// without one gets "off"); absent or false: every field says autocomplete="off". Exported (autofill), because
    /// a value the browser fills in is a different disclosure from one the participant types.
    /// </summary>
    public bool? Autofill { get; init; }
    /// <summary>How the optional fields measure disclosure (DisclosureModes); null is "server". A field can override it.</summary>
    public string? DisclosureMode { get; init; }
    /// <summary>The shop's own privacy statement (its page, linked from the notice and the footer); absent: none is linked.</summary>
    public PrivacyStatement? PrivacyStatement { get; init; }

    /// <summary>The mode an optional field uses: its own, else the shop's, else server. Required fields are always typed (server).</summary>
    public string ModeOf(CheckoutField field) =>
        !field.IsOptional ? DisclosureModes.Server : field.DisclosureMode ?? DisclosureMode ?? DisclosureModes.Server;
}

/// <summary>
/// A brand that is not translated (a Dutch shop keeps its name in English). Logo and Favicon are files under
/// Survey.Web/wwwroot/shop/; colours are #rrggbb and must keep white text readable (WCAG AA, checked on import).
/// </summary>
public sealed record ShopBrand
{
    public required string Name { get; init; }
    public Text? Tagline { get; init; }
    public string? Logo { get; init; }
    public string? Favicon { get; init; }
    public string? Colour { get; init; }
    public string? AccentColour { get; init; }
    /// <summary>Customer service as the footer shows it; fictitious, the shop is not real.</summary>
    public string? Phone { get; init; }
    public string? Email { get; init; }
    public Text? Hours { get; init; }
    /// <summary>A fictitious Chamber of Commerce (KvK) number, 8 digits.</summary>
    public string? Kvk { get; init; }
}

/// <summary>Shipping costs Cost, free from a goods subtotal (before the discount) of FreeFrom; an empty cart ships nothing.</summary>
public sealed record ShippingRule
{
    public required decimal Cost { get; init; }
    public decimal? FreeFrom { get; init; }
}

/// <summary>
/// How a checkout field measures disclosure (docs/ethics.md says what each sends): <c>server</c> the value is typed,
/// sent and classified in memory on the server; <c>browser</c> typed and classified in the participant's browser
/// (checkout.js), only the class is sent, and without JavaScript it falls back to choice; <c>choice</c> nothing is
/// typed, the participant ticks "share my ... for N% discount".
/// </summary>
public static class DisclosureModes
{
    public const string Server = "server", Browser = "browser", Choice = "choice";
    public static readonly string[] All = [Server, Browser, Choice];
}

public sealed record Product
{
    public required string Key { get; init; }
    public required Text Name { get; init; }
    public Text? Description { get; init; }
    public required decimal Price { get; init; }
    /// <summary>A file under Survey.Web/wwwroot/shop/, e.g. "headphones.svg".</summary>
    public required string Image { get; init; }
    /// <summary>Average review score, 1 to 5, and the number of reviews it is said to come from (both shown, both fictitious).</summary>
    public double? Rating { get; init; }
    public int? Reviews { get; init; }
    /// <summary>Units in stock: at most this many can be put in the cart; absent: plenty (the cart's maximum).</summary>
    public int? Stock { get; init; }
}

public sealed record PrivacyNotice
{
    public required string Factor { get; init; }
    /// <summary>level to notice; Style is "plain" or "salient".</summary>
    public required IReadOnlyDictionary<string, NoticeLevel> Levels { get; init; }
}

/// <summary>
/// The shop's fictitious privacy statement. Text: paragraphs separated by a blank line, a paragraph starting "## " is a
/// heading; {shop}, {kvk} and {email} become the brand's name, KvK number and e-mail (the brand is not translated).
/// Absent Text: the label privacyStatementText. RequireScroll: offer keys of the cells whose checkout shows the
/// statement inline and takes the order only after it was scrolled to its end.
/// </summary>
public sealed record PrivacyStatement
{
    public Text? Text { get; init; }
    public IReadOnlyList<string>? RequireScroll { get; init; }

    /// <summary>Must the participant of this cell scroll past the statement before the order is taken?</summary>
    public bool RequiresScrollIn(Cell cell) => RequireScroll?.Any(k => StudyDesign.OfferKeyMatches(k, cell)) == true;
}

public sealed record NoticeLevel
{
    public required string Style { get; init; }
    public required Text Text { get; init; }
}

public static class FieldTypes
{
    public const string Text = "text", Email = "email", Date = "date", Mobile = "mobile", Bsn = "bsn",
        Income = "income", EmailList = "email_list", Choice = "choice", FreeText = "freetext";
    public static readonly string[] All = [Text, Email, Date, Mobile, Bsn, Income, EmailList, Choice, FreeText];
    /// <summary>A year of birth: only for the two shops' fields (server or choice mode), so the browser's classify.js need not know it.</summary>
    public const string Year = "year";
}

public sealed record CheckoutField
{
    public required string Key { get; init; }
    public required string Type { get; init; }
    public required Text Label { get; init; }
    public Text? Help { get; init; }
    /// <summary>"required" (needed to deliver) or "optional".</summary>
    public required string Necessity { get; init; }
    /// <summary>1 (harmless) to 5 (most sensitive).</summary>
    public required int Sensitivity { get; init; }
    /// <summary>Discount percent per cell: keys are cell specs like "discount=5" or "discount=5;notice=plain"; "*" matches all.</summary>
    public IReadOnlyDictionary<string, double> Offers { get; init; } = new Dictionary<string, double>();
    /// <summary>Key of the stated-willingness item this field pairs with.</summary>
    public string? PairedItem { get; init; }
    public IReadOnlyList<ChoiceOption>? Options { get; init; }
    /// <summary>A GDPR art. 9 category the field asks about, e.g. "health"; it needs texts.explicitConsent.</summary>
    public string? SpecialCategory { get; init; }
    /// <summary>The HTML autocomplete token the browser may fill the field with (e.g. "postal-code", "email"), used when Shop.Autofill is true.</summary>
    public string? Autocomplete { get; init; }

    /// <summary>The autocomplete attribute the checkout renders for this field in <paramref name="shop"/>.</summary>
    public string AutocompleteIn(Shop shop) => shop.Autofill == true && Autocomplete is { Length: > 0 } t ? t : "off";
    /// <summary>Overrides shop.disclosureMode for this (optional) field.</summary>
    public string? DisclosureMode { get; init; }
    /// <summary>
    /// Choice mode: what the participant shares, as it reads after "Deel mijn" / "Share my" (e.g. "geboortedatum",
    /// "date of birth"); absent: the label with its first letter in lower case.
    /// </summary>
    public Text? ShareName { get; init; }
    /// <summary>The kind of shop check of a required field (Checkout.ShopChecks: "name", "email", "postcode"); by default from its type.</summary>
    public string? Check { get; init; }
    /// <summary>
    /// Optional fields only: offer keys of the cells in which the field is required instead (the framing paradigm,
    /// Framing/Framing.cs). Null when absent, so the content hash of a study without it stays what it was.
    /// </summary>
    public IReadOnlyList<string>? RequiredIn { get; init; }

    [JsonIgnore] public bool IsOptional => Necessity == "optional";
}
