using Experiment.Engine.Checkout;
using System.Text.Json;
using Dapper;
using Experiment.Engine.Studies;
using Npgsql;

namespace TestSupport;

/// <summary>
/// A small study in the shape of the seed study (two factors, two block orders, concern items, paired
/// willingness items, optional checkout fields) and direct inserts of participants, so the export tests can
/// check every value against what was put in.
/// </summary>
public static class ExportStudy
{
    public const string Id = "export-test";

    static Text T(string en, string nl) => new() { ["en"] = en, ["nl"] = nl };

    public static StudyDefinition Definition(int version = 1, bool withExtraItem = false) => new()
    {
        Id = Id,
        Version = version,
        Languages = ["nl", "en"],
        Title = T("Shopping", "Winkelen"),
        Texts = new StudyTexts { Consent = T("c", "c"), Instructions = T("i", "i"), Debrief = T("d", "d") },
        RetentionDays = 30,
        Factors = [new Factor { Key = "discount", Levels = ["0", "15"] }, new Factor { Key = "notice", Levels = ["plain", "salient"] }],
        Blocks = [new Block { Key = "questionnaire", Type = "pages", Pages = ["concern", "willing"] }, new Block { Key = "shop", Type = "shop" }],
        BlockOrders = [["questionnaire", "shop"], ["shop", "questionnaire"]],
        Pages =
        [
            new Page
            {
                Key = "concern", Title = T("Concern", "Zorg"),
                Items =
                [
                    new Item { Key = "cc1", Type = ItemTypes.Likert, Text = T("I want control, \"really\"", "Ik wil controle"), Construct = "concern.control", Points = 7,
                               MinLabel = T("strongly disagree", "helemaal oneens"), MaxLabel = T("strongly agree", "helemaal eens") },
                    new Item { Key = "cc2", Type = ItemTypes.Likert, Text = T("Companies are fine, I think", "Bedrijven zijn prima"), Construct = "concern.collection", Points = 7, Reverse = true },
                    new Item { Key = "attn", Type = ItemTypes.Choice, Text = T("Choose blue", "Kies blauw"), Expected = "blue",
                               Options = [new ChoiceOption { Code = "red", Text = T("Red", "Rood") }, new ChoiceOption { Code = "blue", Text = T("Blue", "Blauw") }] },
                    .. (withExtraItem ? [new Item { Key = "age", Type = ItemTypes.Number, Text = T("Age", "Leeftijd"), Min = 16, Max = 99 }] : Array.Empty<Item>()),
                ],
            },
            new Page
            {
                Key = "willing", Title = T("Willing", "Bereid"),
                Items =
                [
                    new Item { Key = "w_email", Type = ItemTypes.YesNo, Text = T("Give e-mail?", "E-mail geven?") },
                    new Item { Key = "w_bsn", Type = ItemTypes.YesNo, Text = T("Give BSN?", "BSN geven?") },
                ],
            },
        ],
        Shop = new Shop
        {
            Name = T("Shop", "Winkel"),
            Products = [new Product { Key = "p", Name = T("Headphones", "Koptelefoon"), Price = 49.95m, Image = "headphones.svg" }],
            Fields =
            [
                new CheckoutField { Key = "name", Type = FieldTypes.Text, Label = T("Name", "Naam"), Necessity = "required", Sensitivity = 2 },
                new CheckoutField { Key = "email", Type = FieldTypes.Email, Label = T("E-mail", "E-mail"), Necessity = "optional", Sensitivity = 1,
                                    Offers = new Dictionary<string, double> { ["*"] = 0, ["discount=15"] = 2.5 }, PairedItem = "w_email" },
                new CheckoutField { Key = "bsn", Type = FieldTypes.Bsn, Label = T("BSN", "BSN"), Necessity = "optional", Sensitivity = 5,
                                    Offers = new Dictionary<string, double> { ["discount=15"] = 15, ["discount=15;notice=salient"] = 12.5 }, PairedItem = "w_bsn" },
            ],
        },
    };

    public static async Task ImportAsync(NpgsqlDataSource db, StudyDefinition study, bool current = true)
    {
        await using var conn = await db.OpenConnectionAsync();
        await conn.ExecuteAsync("insert into study (id, version, content_hash, definition) values (@Id, @Version, 'test', @json::jsonb)",
            new { study.Id, study.Version, json = JsonSerializer.Serialize(study, StudyStore.Json) });
        await conn.ExecuteAsync(
            """
            insert into study_state (study_id, current_version) values (@Id, @Version)
            on conflict (study_id) do update set current_version = case when @current then excluded.current_version else study_state.current_version end
            """, new { study.Id, study.Version, current });
    }

    public sealed record P(string Id, int Cell, int Order, string Status = "completed", string? Outcome = "ordered",
        bool? Attention = true, bool? BehaviourConsent = true, int Version = 1, string Language = "nl",
        decimal? DiscountPct = null, decimal? AmountToPay = null);

    /// <summary>When the seeded participants started: an hour before the test's clock (TestClock), so "still busy" holds.</summary>
    public static readonly DateTime Start = TestClock.Start.AddHours(-1).UtcDateTime;

    public static async Task AddParticipantAsync(NpgsqlDataSource db, P p)
    {
        var study = Definition(p.Version, p.Version > 1);
        var cell = StudyDesign.Cells(study)[p.Cell];
        var order = StudyDesign.BlockOrderName(StudyDesign.BlockOrders(study)[p.Order]);
        await using var conn = await db.OpenConnectionAsync();
        await conn.ExecuteAsync(
            """
            insert into participant (id, study_id, study_version, cell_idx, arm, order_idx, block_order, language, status,
                                     started_at, completed_at, last_seen_at, attention_passed, checkout_outcome, behaviour_consent, completion_code,
                                     discount_pct, amount_to_pay)
            values (@Id, @studyId, @Version, @Cell, @arm, @Order, @orderName, @Language, @Status,
                    @start, @completed, @start, @Attention, @Outcome, @BehaviourConsent, 'CODE', @DiscountPct, @AmountToPay)
            """,
            new
            {
                p.Id, studyId = Id, p.Version, p.Cell, arm = cell.Arm, p.Order, orderName = order, p.Language, p.Status, start = Start,
                completed = p.Status == "completed" ? Start.AddSeconds(312.25) : (DateTime?)null, p.Attention, p.Outcome, p.BehaviourConsent,
                p.DiscountPct, p.AmountToPay,
            });
    }

    public static async Task AnswerAsync(NpgsqlDataSource db, string participant, string page, string item, string value, int secondsAfterStart)
    {
        await using var conn = await db.OpenConnectionAsync();
        await conn.ExecuteAsync("insert into response (participant_id, page, item, value, answered_at) values (@participant, @page, @item, @value, @at)",
            new { participant, page, item, value, at = Start.AddSeconds(secondsAfterStart) });
    }

    public static async Task DiscloseAsync(NpgsqlDataSource db, string participant, string field, decimal offer, bool disclosed, bool? plausible, int? ms,
        decimal? granted = null)
    {
        await using var conn = await db.OpenConnectionAsync();
        await conn.ExecuteAsync(
            """
            insert into disclosure (participant_id, field, offer_pct, disclosed, plausible, time_on_field_ms, granted_pct)
            values (@participant, @field, @offer, @disclosed, @plausible, @ms, @granted)
            """,
            new { participant, field, offer, disclosed, plausible, ms, granted });
    }

    public static async Task PageTimeAsync(NpgsqlDataSource db, string participant, int step, string page, int shown, double? submitted)
    {
        await using var conn = await db.OpenConnectionAsync();
        await conn.ExecuteAsync(
            "insert into page_time (participant_id, step, page, shown_at, submitted_at) values (@participant, @step, @page, @shown, @submitted)",
            new { participant, step, page, shown = Start.AddSeconds(shown), submitted = submitted is { } s ? Start.AddSeconds(s) : (DateTime?)null });
    }

    public static async Task PanelAsync(NpgsqlDataSource db, string participant, string pid)
    {
        await using var conn = await db.OpenConnectionAsync();
        await conn.ExecuteAsync(
            "insert into panel_id (participant_id, study_id, panel, panel_participant_id, panel_study_id, panel_session_id) values (@participant, @studyId, 'prolific', @pid, 'STUDY1', null)",
            new { participant, studyId = Id, pid });
    }

    /// <summary>
    /// Four participants that cover every export path: ordered, still busy (<paramref name="busyStatus"/>), left the shop,
    /// refused the use of the shop data.
    /// </summary>
    public static async Task SeedAsync(NpgsqlDataSource db, string busyStatus = "in_progress")
    {
        await ImportAsync(db, Definition());
        // p-b: ordered in discount=15;notice=salient, questionnaire first.
        // It gets the e-mail's 2.5% off the 49.95 headphones.
        await AddParticipantAsync(db, new P("p-b", Cell: 3, Order: 0, DiscountPct: 2.5m, AmountToPay: CheckoutRules.Total(49.95m, 2.5)));
        await AnswerAsync(db, "p-b", "concern", "cc2", "2", 60);
        await AnswerAsync(db, "p-b", "concern", "cc1", "6", 60);
        await AnswerAsync(db, "p-b", "concern", "attn", "blue", 60);
        await AnswerAsync(db, "p-b", "willing", "w_email", "yes", 90);
        await AnswerAsync(db, "p-b", "willing", "w_bsn", "no", 90);
        await DiscloseAsync(db, "p-b", "name", 0, true, true, 4100, granted: 0);
        await DiscloseAsync(db, "p-b", "email", 2.5m, true, false, 2000, granted: 2.5m);
        await DiscloseAsync(db, "p-b", "bsn", 12.50m, false, null, 300, granted: 0);
        await PageTimeAsync(db, "p-b", 0, "intro", 0, 12.5);
        await PageTimeAsync(db, "p-b", 1, "concern", 13, 60.125);
        await PanelAsync(db, "p-b", "PROL-B");
        // p-a: still busy, never reached the shop.
        await AddParticipantAsync(db, new P("p-a", Cell: 0, Order: 1, Status: busyStatus, Outcome: null, Attention: null, BehaviourConsent: null, Language: "en"));
        await AnswerAsync(db, "p-a", "concern", "cc1", "3", 30);
        await PageTimeAsync(db, "p-a", 0, "intro", 0, null);
        // p-c: typed an e-mail address, then left the shop.
        await AddParticipantAsync(db, new P("p-c", Cell: 2, Order: 0, Outcome: "left_shop", DiscountPct: 0));
        await DiscloseAsync(db, "p-c", "email", 2.5m, true, true, 900, granted: 0);
        // p-d: ordered but refused the use of the shop data in the debrief.
        await AddParticipantAsync(db, new P("p-d", Cell: 1, Order: 1, BehaviourConsent: false, DiscountPct: 0, AmountToPay: 49.95m));
        await DiscloseAsync(db, "p-d", "name", 0, true, true, 100, granted: 0);
    }
}
