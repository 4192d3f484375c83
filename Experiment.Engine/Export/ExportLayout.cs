using Dapper;
using Experiment.Engine.Participants;
using Experiment.Engine.Studies;
using Npgsql;

namespace Experiment.Engine.Export;

/// <summary>One imported version of the study, with what the export needs from it precomputed.</summary>
sealed record StudyVersion(StudyDefinition Study, IReadOnlyList<Cell> Cells, IReadOnlyDictionary<string, Item> Items,
    IReadOnlyList<CheckoutField> Fields)
{
    public static readonly IReadOnlyDictionary<string, CheckoutField> NoFields = new Dictionary<string, CheckoutField>();

    public IReadOnlyDictionary<string, CheckoutField> FieldsByKey { get; } = Fields.ToDictionary(f => f.Key, StringComparer.Ordinal);

    public Cell? Cell(int index) => index >= 0 && index < Cells.Count ? Cells[index] : null;
}

/// <summary>An item column: the key in the study file, the column name, and the newest definition of the item.</summary>
sealed record ItemColumn(string Key, string Column, Item Item, int Position);

/// <summary>
/// The columns of an export. A study can have several versions and the export holds every participant of the
/// study id, so factors, items and checkout fields are the union over versions: the current version's order
/// first, then what only older versions had (newest first). Labels come from the newest version that has it.
/// </summary>
sealed class ExportLayout
{
    public required string StudyId { get; init; }
    /// <summary>The version participants now get (or the newest): names the data set in dataset_description.json.</summary>
    public required StudyVersion Current { get; init; }
    public required IReadOnlyDictionary<int, StudyVersion> Versions { get; init; }
    public required IReadOnlyList<string> Factors { get; init; }
    public required IReadOnlyList<ItemColumn> Items { get; init; }
    public required IReadOnlyDictionary<string, ItemColumn> ItemsByKey { get; init; }
    /// <summary>Checkout fields by key, each its newest definition.</summary>
    public required IReadOnlyList<CheckoutField> Fields { get; init; }
    /// <summary>Factor levels and block orders over all versions, for the codebook.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> FactorLevels { get; init; }
    public required IReadOnlyList<string> BlockOrders { get; init; }
    /// <summary>The speeder flag's yardstick (QualityFlags), from the export's snapshot; null when nobody completed.</summary>
    public required double? MedianCompletedSeconds { get; init; }
    /// <summary>The latest participant activity, the declined-consent counter and the current version: study.csv's provenance.</summary>
    public required DateTime? DataAsOf { get; init; }
    public required long? DeclinedConsent { get; init; }

    /// <summary>participants.csv columns before the item columns; an item with one of these keys gets an item_ prefix.</summary>
    public static readonly string[] FixedLeading =
        ["participant_id", "study_id", "study_version", "arm", "block_order", "language", "status",
         "started_at", "completed_at", "duration_s", "attention_passed"];

    public static async Task<ExportLayout?> LoadAsync(NpgsqlConnection conn, string studyId, CancellationToken ct, bool includePilot = false)
    {
        var rows = await StudyStore.VersionsAsync(conn, studyId, ct);
        if (rows.Count == 0) return null;
        // study.csv's data_as_of is the latest recorded activity, not the clock: two exports of the same data stay
        // byte-identical (export-format.md), and the date says how current the data are.
        var state = await conn.QuerySingleOrDefaultAsync<(int? Current, long? Declined, DateTime? DataAsOf)>(new CommandDefinition(
            $"""
            select s.current_version, s.declined,
                   (select max(greatest(p.started_at, p.completed_at, p.last_seen_at)) from participant p
                    where p.study_id = @studyId and {Participants.Pilot.Filter})
            from (select 1) one left join study_state s on s.study_id = @studyId
            """,
            new { studyId, includePilot }, cancellationToken: ct));
        var current = state.Current;

        var newestFirst = rows.Select(Build).ToList();
        var currentVersion = newestFirst.FirstOrDefault(v => v.Study.Version == current) ?? newestFirst[0];
        var columnOrder = new[] { currentVersion }.Concat(newestFirst.Where(v => v != currentVersion)).ToList();

        var factors = Union(columnOrder, v => v.Study.Factors.Select(f => f.Key));
        var itemKeys = Union(columnOrder, v => StudyDesign.AllItems(v.Study).Select(i => i.Key));
        var fieldKeys = Union(columnOrder, v => v.Fields.Select(f => f.Key));
        var reserved = new HashSet<string>(FixedLeading.Concat(factors.Select(f => "arm_" + f)).Append("checkout_outcome")
            .Concat(fieldKeys.SelectMany(f => new[] { "offer_" + f, "granted_" + f, "disclosed_" + f, "plausible_" + f }))
            .Concat(SettlementColumns)
            .Concat(newestFirst.Any(v => v.Study.Shop?.PrivacyStatement is not null) ? PrivacyColumns.Names : []).Append("behaviour_consent")
            .Concat(QualityFlags.Columns)
            .Concat(newestFirst.Any(v => v.Study.Valuation is not null) ? ValuationColumns.Names : [])
            .Concat(newestFirst.Any(v => v.Study.TwoShops is not null) ? TwoShopsColumns.Names : [])
            .Concat(newestFirst.Any(v => v.Study.Listings is not null) ? ListingsColumns.Names : [])
            .Concat(newestFirst.Any(v => Framing.FieldFraming.Has(v.Study)) ? FramingColumns.Names(fieldKeys) : []).Append("pilot"), StringComparer.Ordinal);

        var items = itemKeys.Select((key, i) => new ItemColumn(key, reserved.Contains(key) ? "item_" + key : key,
            newestFirst.First(v => v.Items.ContainsKey(key)).Items[key], i)).ToList();
        var fields = fieldKeys.Select(key => newestFirst.First(v => v.Fields.Any(f => f.Key == key)).Fields.First(f => f.Key == key)).ToList();
        var levels = factors.ToDictionary(f => f, f => (IReadOnlyList<string>)Union(columnOrder,
            v => v.Study.Factors.Where(x => x.Key == f).SelectMany(x => x.Levels)), StringComparer.Ordinal);
        var orders = Union(columnOrder, v => StudyDesign.BlockOrders(v.Study).Select(StudyDesign.BlockOrderName));

        var median = await conn.QuerySingleAsync<double?>(new CommandDefinition(
            QualityFlags.MedianCompletedSecondsSql, new { studyId }, cancellationToken: ct));

        return new ExportLayout
        {
            MedianCompletedSeconds = median,
            StudyId = studyId,
            Current = currentVersion,
            Versions = newestFirst.ToDictionary(v => v.Study.Version),
            Factors = factors,
            Items = items,
            ItemsByKey = items.ToDictionary(i => i.Key, StringComparer.Ordinal),
            Fields = fields,
            FactorLevels = levels,
            BlockOrders = orders,
            DataAsOf = state.DataAsOf is { } asOf ? DateTime.SpecifyKind(asOf, DateTimeKind.Utc) : null,
            DeclinedConsent = state.Declined,
        };
    }

    static StudyVersion Build(StudyDefinition study) => new(study, StudyDesign.Cells(study),
        StudyDesign.AllItems(study).GroupBy(i => i.Key).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal),
        study.Shop?.Fields ?? []);

    static List<string> Union(IEnumerable<StudyVersion> versions, Func<StudyVersion, IEnumerable<string>> keys)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<string>();
        foreach (var v in versions)
            foreach (var k in keys(v))
                if (seen.Add(k)) list.Add(k);
        return list;
    }

    public IEnumerable<string> ParticipantColumns() =>
        FixedLeading.Take(4)
            .Concat(Factors.Select(f => "arm_" + f))
            .Concat(FixedLeading.Skip(4))
            .Concat(Items.Select(i => i.Column))
            .Append("checkout_outcome")
            .Concat(Fields.Select(f => "offer_" + f.Key))
            .Concat(Fields.Select(f => "granted_" + f.Key))
            .Concat(Fields.Select(f => "disclosed_" + f.Key))
            .Concat(Fields.Select(f => "plausible_" + f.Key))
            .Concat(SettlementColumns)
            .Concat(PrivacyColumns.In(this) ? PrivacyColumns.Names : [])
            .Append("behaviour_consent")
            .Concat(QualityFlags.Columns)
            .Concat(ValuationColumns.In(this) ? ValuationColumns.Names : [])
            .Concat(TwoShopsColumns.In(this) ? TwoShopsColumns.Names : [])
            .Concat(ListingsColumns.In(this) ? ListingsColumns.Names : [])
            .Concat(FramingColumns.In(this) ? FramingColumns.Names(FramingColumns.Framed(this).Select(f => f.Key)) : [])
            .Append("pilot");

    /// <summary>participants.csv: the discount granted and the amount to pay of the ended checkout (CheckoutRules.Settle).</summary>
    public static readonly string[] SettlementColumns = ["discount_pct", "amount_to_pay"];

    public static readonly string[] DisclosureColumns =
        ["participant_id", "field", "necessity", "sensitivity", "offer_pct", "granted_pct", "stated_item", "stated_willing", "disclosed", "plausible", "time_on_field_ms", "disclosure_mode", "autocomplete"];
    public static readonly string[] ResponseColumns = ["participant_id", "page", "item", "value", "answered_at"];
    public static readonly string[] PageTimeColumns = ["participant_id", "page", "shown_at", "submitted_at", "seconds"];
    public static readonly string[] PanelColumns = ["participant_id", "panel", "panel_participant_id", "panel_study_id", "panel_session_id"];
    public static readonly string[] CodebookColumns =
        ["file", "column", "type", "construct", "reverse_coded", "scale_min", "scale_max", "label_en", "label_nl", "values", "var_name"];
}
