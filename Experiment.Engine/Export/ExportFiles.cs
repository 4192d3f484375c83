using CsvHelper;
using Experiment.Engine.Participants;
using Experiment.Engine.Studies;
using Npgsql;

namespace Experiment.Engine.Export;

/// <summary>A file being written: its CSV writer and what to call after each data row (progress).</summary>
sealed record CsvTarget(CsvWriter Csv, Action Row);

/// <summary>
/// The data files. participants.csv, disclosures.csv and responses.csv all come from one merge of participants
/// with their answers and checkout rows (server cursors ordered by participant id), so when the caller can
/// write them side by side (a folder) the big tables are read once, not once per file.
/// </summary>
sealed class ExportFiles(ExportSnapshot snapshot, ExportLayout layout, CancellationToken ct) : IAsyncDisposable
{
    readonly bool hasValuation = ValuationColumns.In(layout);
    readonly bool hasTwoShops = TwoShopsColumns.In(layout);
    readonly bool hasListings = ListingsColumns.In(layout);
    readonly bool hasPrivacy = PrivacyColumns.In(layout);
    readonly IReadOnlyList<CheckoutField>? framed = FramingColumns.In(layout) ? FramingColumns.Framed(layout) : null;
    Task<ServerCursor<PageTimeRow>>? pageTimes;
    Task<ServerCursor<PanelRow>>? panels;

    /// <summary>
    /// Declares the cursors of page_times.csv and panel_ids.csv now, so the server sorts those tables while the
    /// participant merge is being written instead of after it.
    /// </summary>
    public void OpenEarly()
    {
        pageTimes = Open(PageTimeRow.Sql, PageTimeRow.Read);
        panels = Open(PanelRow.Sql, PanelRow.Read);
    }

    /// <summary>The files <see cref="MergedAsync"/> writes, in export order.</summary>
    public static readonly string[] Merged = ["participants.csv", "disclosures.csv", "responses.csv"];

    Task<ServerCursor<T>> Open<T>(string sql, Func<NpgsqlDataReader, T> read) =>
        ServerCursor<T>.OpenAsync(snapshot, sql, layout.StudyId, read, ct);

    /// <summary>One pass over the participants, writing whichever of the three merged files is given.</summary>
    public async Task MergedAsync(CsvTarget? participants, CsvTarget? disclosures, CsvTarget? responses)
    {
        await using var people = await Open(ParticipantRow.Sql, ParticipantRow.Read);
        await using var answerRows = await Open(ResponseRow.Sql, ResponseRow.Read);
        // responses.csv alone needs no checkout rows.
        await using var checkoutRows = participants is null && disclosures is null ? null : await Open(DisclosureRow.Sql, DisclosureRow.Read);
        // The listings' time to choose is the page's own time, read beside the merge in the same participant order.
        await using var listingTimes = participants is not null && hasListings ? await Open(ListingsTimeRow.Sql, ListingsTimeRow.Read) : null;
        if (participants is not null) await Csv.RowAsync(participants.Csv, layout.ParticipantColumns());
        if (disclosures is not null) await Csv.RowAsync(disclosures.Csv, ExportLayout.DisclosureColumns);
        if (responses is not null) await Csv.RowAsync(responses.Csv, ExportLayout.ResponseColumns);
        var byItem = new Dictionary<string, ResponseRow>(StringComparer.Ordinal);
        var byField = new Dictionary<string, DisclosureRow>(StringComparer.Ordinal);
        await foreach (var p in people.AllAsync())
        {
            var answers = await answerRows.TakeAsync(p.Id, r => r.ParticipantId);
            var behaviour = checkoutRows is null ? [] : await checkoutRows.TakeAsync(p.Id, d => d.ParticipantId);
            byItem.Clear();
            foreach (var a in answers) byItem.Add(a.Item, a);
            byField.Clear();
            foreach (var d in behaviour) byField.Add(d.Field, d);
            var listingTime = listingTimes is null ? null : (await listingTimes.TakeAsync(p.Id, t => t.ParticipantId)).LastOrDefault()?.Milliseconds;
            if (participants is not null) await ParticipantAsync(participants, p, byItem, byField, listingTime);
            if (disclosures is not null) await DisclosuresAsync(disclosures, p, byItem, byField);
            if (responses is not null) await ResponsesAsync(responses, p.BehaviourConsent == false ? ListingsColumns.Without(TwoShopsColumns.Without(ValuationColumns.Without(answers))) : answers);
        }
    }

    async Task ParticipantAsync(CsvTarget target, ParticipantRow p, Dictionary<string, ResponseRow> byItem,
        Dictionary<string, DisclosureRow> byField, long? listingTime)
    {
        var csv = target.Csv;
        var version = layout.Versions.GetValueOrDefault(p.StudyVersion);
        var cell = version?.Cell(p.CellIdx);
        var armLevels = cell?.Levels ?? ParseArm(p.Arm);
        csv.WriteField(p.Id);
        csv.WriteField(layout.StudyId);
        csv.Number(p.StudyVersion);
        csv.WriteField(p.Arm);
        foreach (var f in layout.Factors) csv.WriteField(armLevels.GetValueOrDefault(f) ?? "");
        csv.WriteField(p.BlockOrder);
        csv.WriteField(p.Language);
        csv.WriteField(p.Status);
        csv.Time(p.StartedAt);
        csv.Time(p.CompletedAt);
        csv.Seconds(p.StartedAt, p.CompletedAt);
        csv.Bool(p.AttentionPassed);

        foreach (var item in layout.Items)
            csv.WriteField(byItem.TryGetValue(item.Key, out var a) ? ItemValue(item.Item, a.Value) : "");

        csv.WriteField(p.CheckoutEnded ? p.CheckoutOutcome! : "");
        var fieldsOfVersion = version?.FieldsByKey ?? StudyVersion.NoFields;
        foreach (var f in layout.Fields)
        {
            if (byField.TryGetValue(f.Key, out var d)) csv.Number(d.OfferPct);
            else if (fieldsOfVersion.TryGetValue(f.Key, out var own) && cell is not null) csv.Number(StudyDesign.OfferFor(own, cell));
            else csv.WriteField("");
        }
        foreach (var f in layout.Fields)
            csv.Number(p.CheckoutEnded ? byField.GetValueOrDefault(f.Key)?.GrantedPct : null);
        foreach (var f in layout.Fields)
            csv.WriteField(p.CheckoutEnded && fieldsOfVersion.ContainsKey(f.Key) ? Csv.Bool(Disclosed(p, byField.GetValueOrDefault(f.Key))) : "");
        foreach (var f in layout.Fields)
            csv.WriteField(p.CheckoutEnded && Disclosed(p, byField.GetValueOrDefault(f.Key)) ? Csv.Bool(byField[f.Key].Plausible) : "");
        csv.Number(p.CheckoutEnded ? p.DiscountPct : null);
        csv.Number(p.CheckoutEnded ? p.AmountToPay : null);
        if (hasPrivacy) PrivacyColumns.Write(csv, p);
        csv.Bool(p.BehaviourConsent);
        csv.Bool(QualityFlags.AttentionFailed(p.AttentionPassed));
        csv.Bool(QualityFlags.Speeder(p.StartedAt, p.CompletedAt, layout.MedianCompletedSeconds, version?.Study));
        csv.Bool(version is null ? null : QualityFlags.StraightLined(version.Study, key => byItem.TryGetValue(key, out var r) ? r.Value : null));
        csv.Number(p.RepeatEntries);
        // Like the checkout's, the price list's answers are left out when the debrief's use of them was refused.
        if (hasValuation) ValuationColumns.Write(csv, version, cell, key => p.BehaviourConsent != false && byItem.TryGetValue(key, out var r) ? r.Value : null);
        if (hasTwoShops) TwoShopsColumns.Write(csv, version, cell, key => p.BehaviourConsent != false && byItem.TryGetValue(key, out var r) ? r.Value : null);
        // So are the listings' choice and its scoring: they are behaviour measured like the checkout's.
        if (hasListings) ListingsColumns.Write(csv, version, cell,
            p.BehaviourConsent != false && byItem.TryGetValue(Listings.Listings.ChoiceKey, out var choice) ? choice.Value : null, listingTime);
        if (framed is not null)
            FramingColumns.Write(csv, framed, version, cell, p.CheckoutEnded && p.CheckoutOutcome == "ordered", key => Disclosed(p, byField.GetValueOrDefault(key)));
        csv.Bool(p.Pilot);
        await csv.EndRecordAsync(ct);
        target.Row();
    }

    /// <summary>Leaving the shop discloses nothing, whatever had been typed before.</summary>
    static bool Disclosed(ParticipantRow p, DisclosureRow? d) => p.CheckoutOutcome == "ordered" && d is { Disclosed: true };

    static string ItemValue(Item item, string stored) => item.Type == ItemTypes.YesNo ? Csv.YesNo(stored) : stored;

    /// <summary>Falls back to the stored arm text ("discount=15;notice=salient") when the cell index is unknown.</summary>
    static IReadOnlyDictionary<string, string> ParseArm(string arm) =>
        arm.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .Where(kv => kv.Length == 2)
            .GroupBy(kv => kv[0].Trim(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First()[1].Trim(), StringComparer.Ordinal);

    async Task DisclosuresAsync(CsvTarget target, ParticipantRow p, Dictionary<string, ResponseRow> byItem,
        Dictionary<string, DisclosureRow> byField)
    {
        if (!p.CheckoutEnded || !layout.Versions.TryGetValue(p.StudyVersion, out var version)) return;
        var csv = target.Csv;
        var cell = version.Cell(p.CellIdx);
        foreach (var field in version.Fields)
        {
            var d = byField.GetValueOrDefault(field.Key);
            var disclosed = Disclosed(p, d);
            var stated = field.PairedItem is { } paired && byItem.TryGetValue(paired, out var a) ? Csv.YesNo(a.Value) : "";
            csv.WriteField(p.Id);
            csv.WriteField(field.Key);
            // As the participant's cell framed it: a framed field (requiredIn) is required in some cells only.
            csv.WriteField(cell is null ? field.Necessity : Framing.FieldFraming.NecessityIn(field, cell));
            csv.Number(field.Sensitivity);
            if (d is not null) csv.Number(d.OfferPct);
            else if (cell is not null) csv.Number(StudyDesign.OfferFor(field, cell));
            else csv.WriteField("");
            csv.Number(d?.GrantedPct);
            csv.WriteField(field.PairedItem ?? "");
            csv.WriteField(stated is "1" or "0" ? stated : "");
            csv.Bool(disclosed);
            csv.WriteField(disclosed ? Csv.Bool(d!.Plausible) : "");
            csv.Number(d?.TimeOnFieldMs);
            // Without a row (left the shop in an older build, or a field the participant's version lacked) the mode the study declares.
            var mode = d?.Mode ?? version.Study.Shop?.ModeOf(field) ?? DisclosureModes.Server;
            csv.WriteField(mode);
            // The autofill the study allowed this field (a typed input's autocomplete attribute); a choice types nothing.
            csv.WriteField(mode == DisclosureModes.Choice || version.Study.Shop is not { } shop ? "" : field.AutocompleteIn(shop));
            await csv.EndRecordAsync(ct);
            target.Row();
        }
    }

    /// <summary>One participant's answers, in the order given: by time, then by the item's column.</summary>
    async Task ResponsesAsync(CsvTarget target, List<ResponseRow> answers)
    {
        var csv = target.Csv;
        answers.Sort((x, y) =>
        {
            var c = x.AnsweredAt.CompareTo(y.AnsweredAt);
            if (c == 0) c = Position(x).CompareTo(Position(y));
            return c != 0 ? c : string.CompareOrdinal(x.Item, y.Item);
        });
        foreach (var r in answers)
        {
            layout.ItemsByKey.TryGetValue(r.Item, out var column);
            csv.WriteField(r.ParticipantId);
            csv.WriteField(r.Page);
            csv.WriteField(r.Item);
            csv.WriteField(column is not null ? ItemValue(column.Item, r.Value) : r.Value);
            csv.Time(r.AnsweredAt);
            await csv.EndRecordAsync(ct);
            target.Row();
        }
    }

    int Position(ResponseRow r) => layout.ItemsByKey.TryGetValue(r.Item, out var c) ? c.Position : int.MaxValue;

    public async Task PageTimesAsync(CsvTarget target)
    {
        var early = pageTimes;
        pageTimes = null;
        await using var times = await (early ?? Open(PageTimeRow.Sql, PageTimeRow.Read));
        var csv = target.Csv;
        await Csv.RowAsync(csv, ExportLayout.PageTimeColumns);
        await foreach (var t in times.AllAsync())
        {
            csv.WriteField(t.ParticipantId);
            csv.WriteField(t.Page);
            csv.Time(t.ShownAt);
            csv.Time(t.SubmittedAt);
            csv.Seconds(t.ShownAt, t.SubmittedAt);
            await csv.EndRecordAsync(ct);
            target.Row();
        }
    }

    public async Task PanelIdsAsync(CsvTarget target)
    {
        var early = panels;
        panels = null;
        await using var cursor = await (early ?? Open(PanelRow.Sql, PanelRow.Read));
        var csv = target.Csv;
        await Csv.RowAsync(csv, ExportLayout.PanelColumns);
        await foreach (var p in cursor.AllAsync())
        {
            csv.WriteField(p.ParticipantId);
            csv.WriteField(p.Panel);
            csv.WriteField(p.PanelParticipantId);
            csv.WriteField(p.PanelStudyId ?? "");
            csv.WriteField(p.PanelSessionId ?? "");
            await csv.EndRecordAsync(ct);
            target.Row();
        }
    }

    /// <summary>Closes cursors opened early that a failed export never reached.</summary>
    public async ValueTask DisposeAsync()
    {
        if (pageTimes is not null) await CloseAsync(pageTimes);
        if (panels is not null) await CloseAsync(panels);
    }

    static async Task CloseAsync<T>(Task<ServerCursor<T>> early)
    {
        // The export already failed with its own error; this only returns the connection.
        try { await (await early).DisposeAsync(); }
        catch (Exception) { }
    }
}
