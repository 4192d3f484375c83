using CsvHelper;
using Experiment.Engine.Studies;
using Npgsql;

namespace Analysis.Export;

/// <summary>The data files, each one pass over server cursors; participants are merged with their rows by id.</summary>
sealed class ExportFiles(NpgsqlConnection conn, ExportLayout layout, CancellationToken ct)
{
    Task<ServerCursor<T>> Open<T>(string sql, Func<NpgsqlDataReader, T> read) =>
        ServerCursor<T>.OpenAsync(conn, sql, layout.StudyId, read, ct);

    public async Task ParticipantsAsync(TextWriter text, Action row)
    {
        var participants = await Open(ParticipantRow.Sql, ParticipantRow.Read);
        var responses = await Open(ResponseRow.Sql, ResponseRow.Read);
        var disclosures = await Open(DisclosureRow.Sql, DisclosureRow.Read);
        await using var csv = Csv.Writer(text);
        await Csv.RowAsync(csv, layout.ParticipantColumns());
        await foreach (var p in participants.AllAsync(ct))
        {
            var answers = await responses.TakeAsync(p.Id, r => r.ParticipantId, ct);
            var behaviour = await disclosures.TakeAsync(p.Id, d => d.ParticipantId, ct);
            await Csv.RowAsync(csv, ParticipantFields(p, answers, behaviour));
            row();
        }
        await csv.FlushAsync(ct);
    }

    IEnumerable<string> ParticipantFields(ParticipantRow p, List<ResponseRow> answers, List<DisclosureRow> behaviour)
    {
        var version = layout.Versions.GetValueOrDefault(p.StudyVersion);
        var cell = version?.Cell(p.CellIdx);
        var armLevels = cell?.Levels ?? ParseArm(p.Arm);
        yield return p.Id;
        yield return layout.StudyId;
        yield return Csv.Number(p.StudyVersion);
        yield return p.Arm;
        foreach (var f in layout.Factors) yield return armLevels.GetValueOrDefault(f) ?? "";
        yield return p.BlockOrder;
        yield return p.Language;
        yield return p.Status;
        yield return Csv.Time(p.StartedAt);
        yield return Csv.Time(p.CompletedAt);
        yield return Csv.Seconds(p.StartedAt, p.CompletedAt);
        yield return Csv.Bool(p.AttentionPassed);

        var byItem = answers.ToDictionary(a => a.Item, StringComparer.Ordinal);
        foreach (var item in layout.Items)
            yield return byItem.TryGetValue(item.Key, out var a) ? ItemValue(item.Item, a.Value) : "";

        yield return p.CheckoutEnded ? p.CheckoutOutcome! : "";
        var byField = behaviour.ToDictionary(d => d.Field, StringComparer.Ordinal);
        var fieldsOfVersion = version?.Fields.ToDictionary(f => f.Key, StringComparer.Ordinal) ?? [];
        foreach (var f in layout.Fields)
            yield return byField.TryGetValue(f.Key, out var d) ? Csv.Number(d.OfferPct)
                : fieldsOfVersion.TryGetValue(f.Key, out var own) && cell is not null ? Csv.Number(StudyDesign.OfferFor(own, cell))
                : "";
        foreach (var f in layout.Fields)
            yield return p.CheckoutEnded && fieldsOfVersion.ContainsKey(f.Key) ? Csv.Bool(Disclosed(p, byField.GetValueOrDefault(f.Key))) : "";
        foreach (var f in layout.Fields)
            yield return p.CheckoutEnded && Disclosed(p, byField.GetValueOrDefault(f.Key)) ? Csv.Bool(byField[f.Key].Plausible) : "";
        yield return Csv.Bool(p.BehaviourConsent);
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

    public async Task DisclosuresAsync(TextWriter text, Action row)
    {
        var participants = await Open(ParticipantRow.Sql, ParticipantRow.Read);
        var responses = await Open(ResponseRow.Sql, ResponseRow.Read);
        var disclosures = await Open(DisclosureRow.Sql, DisclosureRow.Read);
        await using var csv = Csv.Writer(text);
        await Csv.RowAsync(csv, ExportLayout.DisclosureColumns);
        await foreach (var p in participants.AllAsync(ct))
        {
            var answers = await responses.TakeAsync(p.Id, r => r.ParticipantId, ct);
            var behaviour = await disclosures.TakeAsync(p.Id, d => d.ParticipantId, ct);
            if (!p.CheckoutEnded || !layout.Versions.TryGetValue(p.StudyVersion, out var version)) continue;
            var cell = version.Cell(p.CellIdx);
            var byField = behaviour.ToDictionary(d => d.Field, StringComparer.Ordinal);
            var byItem = answers.ToDictionary(a => a.Item, a => a.Value, StringComparer.Ordinal);
            foreach (var field in version.Fields)
            {
                var d = byField.GetValueOrDefault(field.Key);
                var disclosed = Disclosed(p, d);
                var stated = field.PairedItem is { } paired && byItem.TryGetValue(paired, out var v) ? Csv.YesNo(v) : "";
                await Csv.RowAsync(csv,
                [
                    p.Id, field.Key, field.Necessity, Csv.Number(field.Sensitivity),
                    d is not null ? Csv.Number(d.OfferPct) : cell is not null ? Csv.Number(StudyDesign.OfferFor(field, cell)) : "",
                    field.PairedItem ?? "", stated is "1" or "0" ? stated : "",
                    Csv.Bool(disclosed), disclosed ? Csv.Bool(d!.Plausible) : "", Csv.Number(d?.TimeOnFieldMs),
                ]);
                row();
            }
        }
        await csv.FlushAsync(ct);
    }

    /// <summary>One participant's answers at a time, in the order given: by time, then by the item's column.</summary>
    public async Task ResponsesAsync(TextWriter text, Action row)
    {
        var responses = await Open(ResponseRow.Sql, ResponseRow.Read);
        await using var csv = Csv.Writer(text);
        await Csv.RowAsync(csv, ExportLayout.ResponseColumns);
        var group = new List<ResponseRow>();
        async Task Flush()
        {
            foreach (var r in group.OrderBy(r => r.AnsweredAt)
                         .ThenBy(r => layout.ItemsByKey.TryGetValue(r.Item, out var c) ? c.Position : int.MaxValue)
                         .ThenBy(r => r.Item, StringComparer.Ordinal))
            {
                var value = layout.ItemsByKey.TryGetValue(r.Item, out var c) ? ItemValue(c.Item, r.Value) : r.Value;
                await Csv.RowAsync(csv, [r.ParticipantId, r.Page, r.Item, value, Csv.Time(r.AnsweredAt)]);
                row();
            }
            group.Clear();
        }
        await foreach (var r in responses.AllAsync(ct))
        {
            if (group.Count > 0 && group[0].ParticipantId != r.ParticipantId) await Flush();
            group.Add(r);
        }
        await Flush();
        await csv.FlushAsync(ct);
    }

    public async Task PageTimesAsync(TextWriter text, Action row)
    {
        var times = await Open(PageTimeRow.Sql, PageTimeRow.Read);
        await using var csv = Csv.Writer(text);
        await Csv.RowAsync(csv, ExportLayout.PageTimeColumns);
        await foreach (var t in times.AllAsync(ct))
        {
            await Csv.RowAsync(csv, [t.ParticipantId, t.Page, Csv.Time(t.ShownAt), Csv.Time(t.SubmittedAt), Csv.Seconds(t.ShownAt, t.SubmittedAt)]);
            row();
        }
        await csv.FlushAsync(ct);
    }

    public async Task PanelIdsAsync(TextWriter text, Action row)
    {
        var panels = await Open(PanelRow.Sql, PanelRow.Read);
        await using var csv = Csv.Writer(text);
        await Csv.RowAsync(csv, ExportLayout.PanelColumns);
        await foreach (var p in panels.AllAsync(ct))
        {
            await Csv.RowAsync(csv, [p.ParticipantId, p.Panel, p.PanelParticipantId, p.PanelStudyId ?? "", p.PanelSessionId ?? ""]);
            row();
        }
        await csv.FlushAsync(ct);
    }
}
