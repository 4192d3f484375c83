using Experiment.Engine.Studies;

namespace Experiment.Engine.Tests;

/// <summary>Small study definitions built in code, for tests that need a study row but not a particular file.</summary>
static class TestStudies
{
    static Text T(string en) => new() { ["en"] = en, ["nl"] = en };

    /// <summary>discount 0/5/15 x notice plain/salient (6 cells), blocks questionnaire and shop in both orders.</summary>
    public static StudyDefinition SixCells(string id = "six", int version = 1, bool allowForcedCell = false, int? targetPerCell = null) => new()
    {
        Id = id,
        Version = version,
        Languages = ["nl", "en"],
        DefaultLanguage = "nl",
        Title = T("Six cells"),
        Texts = new() { Consent = T("Consent"), Instructions = T("Instructions"), Debrief = T("Debrief") },
        AllowForcedCell = allowForcedCell,
        TargetPerCell = targetPerCell,
        Factors = [new() { Key = "discount", Levels = ["0", "5", "15"] }, new() { Key = "notice", Levels = ["plain", "salient"] }],
        Blocks = [new() { Key = "questionnaire", Type = "pages", Pages = ["p1"] }, new() { Key = "shop", Type = "shop" }],
        BlockOrders = [["questionnaire", "shop"], ["shop", "questionnaire"]],
        Pages = [new() { Key = "p1", Title = T("Page"), Items = [new() { Key = "q1", Type = ItemTypes.YesNo, Text = T("Q?") }] }],
        Shop = new()
        {
            Name = T("Shop"),
            Products = [new() { Key = "h", Name = T("Headphones"), Price = 49.95m, Image = "headphones.svg" }],
            Fields = [new() { Key = "email", Type = FieldTypes.Email, Label = T("E-mail"), Necessity = "required", Sensitivity = 1 }],
        },
    };

    /// <summary>Two listed cells with weights 3 and 1, one block.</summary>
    public static StudyDefinition Weighted(string id = "weighted") => SixCells(id) with
    {
        Cells = [new() { Levels = new Dictionary<string, string> { ["discount"] = "0", ["notice"] = "plain" }, Weight = 3 },
                 new() { Levels = new Dictionary<string, string> { ["discount"] = "15", ["notice"] = "salient" }, Weight = 1 }],
        BlockOrders = null,
    };
}
