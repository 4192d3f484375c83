using Experiment.Engine.Studies;
using Npgsql;

namespace Analysis.Tests.Simulation;

/// <summary>
/// A small study with everything the model must handle: 2x2 cells (discount x notice), two block orders,
/// concern items (one reverse-coded), paired yes/no willingness items, an attention check, a choice and a number,
/// and required plus optional checkout fields of several types and sensitivities.
/// </summary>
static class SimStudy
{
    static Text T(string s) => new() { ["en"] = s };

    static Item Likert(string key, string construct, bool reverse = false) =>
        new() { Key = key, Type = ItemTypes.Likert, Text = T(key), Construct = construct, Reverse = reverse, Points = 7 };

    public static StudyDefinition Definition(string id = "sim-test") => new()
    {
        Id = id,
        Version = 1,
        Languages = ["en", "nl"],
        Title = T("Sim test"),
        Texts = new StudyTexts { Consent = T("c"), Instructions = T("i"), Debrief = T("d") },
        Panel = new PanelSettings { Name = "prolific", ParticipantParam = "PROLIFIC_PID", StudyParam = "STUDY_ID", SessionParam = "SESSION_ID", CompletionCode = "C0DE1234" },
        Factors = [new Factor { Key = "discount", Levels = ["0", "15"] }, new Factor { Key = "notice", Levels = ["plain", "salient"] }],
        Blocks = [new Block { Key = "questionnaire", Type = "pages", Pages = ["concern", "willing"] }, new Block { Key = "shop", Type = "shop" }],
        BlockOrders = [["questionnaire", "shop"], ["shop", "questionnaire"]],
        Pages =
        [
            new Page
            {
                Key = "concern", Title = T("Concern"),
                Items =
                [
                    Likert("ctrl1", "concern.control"), Likert("ctrl2", "concern.control"), Likert("aware1", "concern.awareness"),
                    Likert("coll1", "concern.collection"), Likert("coll2", "concern.collection", reverse: true),
                    new Item { Key = "attn", Type = ItemTypes.Likert, Text = T("choose 2"), Points = 7, Expected = "2" },
                    new Item { Key = "gender", Type = ItemTypes.Choice, Text = T("g"), Options = [new ChoiceOption { Code = "f", Text = T("f") }, new ChoiceOption { Code = "m", Text = T("m") }, new ChoiceOption { Code = "x", Text = T("x") }] },
                    new Item { Key = "age", Type = ItemTypes.Number, Text = T("age"), Min = 16, Max = 99 },
                ],
            },
            new Page
            {
                Key = "willing", Title = T("Willing"),
                Items =
                [
                    new Item { Key = "will_dob", Type = ItemTypes.YesNo, Text = T("dob?"), Construct = "stated" },
                    new Item { Key = "will_mobile", Type = ItemTypes.YesNo, Text = T("mobile?"), Construct = "stated" },
                    new Item { Key = "will_bsn", Type = ItemTypes.YesNo, Text = T("bsn?"), Construct = "stated" },
                    new Item { Key = "remarks", Type = ItemTypes.Text, Text = T("remarks"), Required = false, MaxLength = 200 },
                ],
            },
        ],
        Shop = new Shop
        {
            Name = T("Shop"),
            Products = [new Product { Key = "p", Name = T("P"), Price = 20m, Image = "p.svg" }],
            Fields =
            [
                new CheckoutField { Key = "name", Type = FieldTypes.Text, Label = T("name"), Necessity = "required", Sensitivity = 2 },
                new CheckoutField { Key = "email", Type = FieldTypes.Email, Label = T("email"), Necessity = "required", Sensitivity = 1 },
                new CheckoutField { Key = "dob", Type = FieldTypes.Date, Label = T("dob"), Necessity = "optional", Sensitivity = 2, PairedItem = "will_dob",
                    Offers = new Dictionary<string, double> { ["discount=0"] = 0, ["discount=15"] = 15 } },
                new CheckoutField { Key = "mobile", Type = FieldTypes.Mobile, Label = T("mobile"), Necessity = "optional", Sensitivity = 3, PairedItem = "will_mobile",
                    Offers = new Dictionary<string, double> { ["discount=0"] = 0, ["discount=15"] = 15 } },
                new CheckoutField { Key = "bsn", Type = FieldTypes.Bsn, Label = T("bsn"), Necessity = "optional", Sensitivity = 5, PairedItem = "will_bsn",
                    Offers = new Dictionary<string, double> { ["discount=0"] = 0, ["discount=15"] = 15 } },
                new CheckoutField { Key = "friends", Type = FieldTypes.EmailList, Label = T("friends"), Necessity = "optional", Sensitivity = 4,
                    Offers = new Dictionary<string, double> { ["*"] = 5 } },
            ],
        },
    };

    /// <summary>Imports the study the way `study import` does.</summary>
    public static async Task ImportAsync(NpgsqlDataSource db, StudyDefinition study)
    {
        var result = await StudyImport.ImportAsync(db, study);
        if (result.Outcome is not (ImportOutcome.Imported or ImportOutcome.Unchanged)) throw new InvalidOperationException(result.Message);
    }
}
