using Experiment.Engine.Studies;

namespace Survey.Web.Tests.Participation;

/// <summary>
/// A study built in code that uses every item type, every checkout field type, a panel, both block orders and a
/// discount x notice design, so the HTTP tests do not depend on the wording of the seed files.
/// </summary>
static class WebStudies
{
    public const string Id = "webflow";

    static Text T(string nl, string en) => new() { ["nl"] = nl, ["en"] = en };

    public static StudyDefinition Flow(string id = Id, string? completionUrl = null) => new()
    {
        Id = id,
        Version = 1,
        Languages = ["nl", "en"],
        DefaultLanguage = "nl",
        Title = T("Winkelonderzoek", "Shopping study"),
        Texts = new()
        {
            Consent = T("Toestemmingstekst.", "Consent text."),
            Instructions = T("Uitleg.", "Instructions."),
            Debrief = T("De winkel was nep.", "The shop was not real."),
        },
        AllowForcedCell = true,
        Panel = new() { Name = "prolific", ParticipantParam = "PROLIFIC_PID", StudyParam = "STUDY_ID", SessionParam = "SESSION_ID",
                        CompletionCode = "WEBDONE1", CompletionUrl = completionUrl },
        Factors = [new() { Key = "discount", Levels = ["0", "15"] }, new() { Key = "notice", Levels = ["plain", "salient"] }],
        Blocks = [new() { Key = "questionnaire", Type = "pages", Pages = ["concern", "about"] }, new() { Key = "shop", Type = "shop" }],
        BlockOrders = [["questionnaire", "shop"], ["shop", "questionnaire"]],
        Pages =
        [
            new()
            {
                Key = "concern", Title = T("Privacy", "Privacy"),
                Items =
                [
                    new() { Key = "c1", Type = ItemTypes.Likert, Text = T("Privacy is belangrijk.", "Privacy matters."), Points = 7,
                            MinLabel = T("Oneens", "Disagree"), MaxLabel = T("Eens", "Agree") },
                    new() { Key = "w_bsn", Type = ItemTypes.YesNo, Text = T("BSN voor korting?", "BSN for a discount?") },
                    new() { Key = "attn", Type = ItemTypes.Choice, Text = T("Kies b.", "Choose b."), Expected = "b",
                            Options = [new() { Code = "a", Text = T("A", "A") }, new() { Code = "b", Text = T("B", "B") }] },
                ],
            },
            new()
            {
                Key = "about", Title = T("Over u", "About you"),
                Items =
                [
                    new() { Key = "age", Type = ItemTypes.Number, Text = T("Leeftijd", "Age"), Min = 16, Max = 99 },
                    new() { Key = "remark", Type = ItemTypes.Text, Text = T("Opmerking", "Remark"), Required = false, MaxLength = 20 },
                ],
            },
        ],
        Shop = new()
        {
            Name = T("Koptelefoonwinkel", "Headphone shop"),
            Products = [new() { Key = "h", Name = T("Koptelefoon", "Headphones"), Price = 49.95m, Image = "headphones.svg" }],
            MaxDiscountPct = 25,
            Notice = new()
            {
                Factor = "notice",
                Levels = new Dictionary<string, NoticeLevel>
                {
                    ["plain"] = new() { Style = "plain", Text = T("Wij gebruiken uw gegevens.", "We use your data.") },
                    ["salient"] = new() { Style = "salient", Text = T("LET OP: wij verkopen uw gegevens.", "NOTE: we sell your data.") },
                },
            },
            Fields =
            [
                new() { Key = "name", Type = FieldTypes.Text, Label = T("Naam", "Name"), Necessity = "required", Sensitivity = 1 },
                new() { Key = "address", Type = FieldTypes.Text, Label = T("Adres", "Address"), Necessity = "required", Sensitivity = 2 },
                new() { Key = "email", Type = FieldTypes.Email, Label = T("E-mail", "E-mail"), Necessity = "required", Sensitivity = 1 },
                new() { Key = "birthdate", Type = FieldTypes.Date, Label = T("Geboortedatum", "Date of birth"), Necessity = "optional",
                        Sensitivity = 2, Offers = new Dictionary<string, double> { ["discount=15"] = 5 } },
                new() { Key = "mobile", Type = FieldTypes.Mobile, Label = T("Mobiel", "Mobile"), Necessity = "optional",
                        Sensitivity = 3, Offers = new Dictionary<string, double> { ["discount=15"] = 10 } },
                new() { Key = "bsn", Type = FieldTypes.Bsn, Label = T("BSN", "BSN"), Necessity = "optional",
                        Sensitivity = 5, Offers = new Dictionary<string, double> { ["discount=15"] = 15 } },
                new() { Key = "friends", Type = FieldTypes.EmailList, Label = T("Vrienden", "Friends"), Necessity = "optional",
                        Sensitivity = 4, Offers = new Dictionary<string, double> { ["discount=15"] = 5 } },
                new() { Key = "adhd", Type = FieldTypes.Choice, Label = T("Kind met ADHD?", "Child with ADHD?"), Necessity = "optional",
                        Sensitivity = 5, Offers = new Dictionary<string, double> { ["discount=15"] = 5 },
                        Options = [new() { Code = "yes", Text = T("Ja", "Yes") }, new() { Code = "no", Text = T("Nee", "No") }] },
            ],
        },
    };

    /// <summary>Cell indexes of the full factorial discount x notice.</summary>
    public const int NoDiscountPlain = 0, NoDiscountSalient = 1, DiscountPlain = 2, DiscountSalient = 3;
}
