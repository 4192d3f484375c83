using System.Globalization;
using Dapper;
using Experiment.Engine.Checkout;
using Experiment.Engine.Studies;
using Npgsql;

namespace Survey.Web.Participation;

/// <summary>One checkout field with the discount this participant's cell offers for it.</summary>
public sealed record CheckoutLine(CheckoutField Field, double OfferPct);

/// <summary>One disclosure row: never the value, only whether, how plausible and how long.</summary>
public sealed record DisclosureRow(string Field, double OfferPct, bool Disclosed, bool? Plausible, int? ListCount, int? TimeOnFieldMs);

/// <summary>
/// The mock checkout's rules: offers per cell, the total (discounts add up, capped at Shop.MaxDiscountPct), and
/// turning a submitted form into disclosure rows. The typed values live only in the request's form collection
/// and in the classifier call; they are not copied into anything that outlives the request.
/// </summary>
public static class Checkout
{
    public const int MaxValueLength = 500;
    const int MaxFieldTimeMs = 24 * 60 * 60 * 1000;

    public static IReadOnlyList<CheckoutLine> Lines(StudyDefinition study, int cellIdx)
    {
        var cell = StudyDesign.Cells(study)[cellIdx];
        return study.Shop!.Fields.Select(f => new CheckoutLine(f, f.IsOptional ? StudyDesign.OfferFor(f, cell) : 0)).ToList();
    }

    public static decimal Subtotal(Shop shop) => shop.Products.Sum(p => p.Price);

    public static double DiscountPct(Shop shop, IEnumerable<CheckoutLine> lines, Func<string, bool> disclosed) =>
        Math.Min(lines.Where(l => l.Field.IsOptional && disclosed(l.Field.Key)).Sum(l => l.OfferPct), shop.MaxDiscountPct);

    public static decimal Total(decimal subtotal, double discountPct) =>
        Math.Round(subtotal * (100m - (decimal)discountPct) / 100m, 2, MidpointRounding.AwayFromZero);

    public static string Value(IFormCollection form, string key) => form["f_" + key].FirstOrDefault() ?? "";

    /// <summary>Required fields filled and nothing too long; the messages never quote the value.</summary>
    public static List<FieldError> Validate(IFormCollection form, IEnumerable<CheckoutLine> lines, PageBase labels)
    {
        var errors = new List<FieldError>();
        foreach (var l in lines)
        {
            var v = Value(form, l.Field.Key);
            if (!l.Field.IsOptional && string.IsNullOrWhiteSpace(v)) errors.Add(new(l.Field.Key, labels.L("required")));
            else if (v.Length > MaxValueLength) errors.Add(new(l.Field.Key, string.Format(CultureInfo.InvariantCulture, labels.L("tooLong"), MaxValueLength)));
        }
        return errors;
    }

    /// <summary>The rows of a placed order (values classified, then forgotten) or of leaving the shop (nothing disclosed).</summary>
    public static List<DisclosureRow> Disclosures(IFormCollection form, IEnumerable<CheckoutLine> lines, bool ordered, DateOnly today) =>
        lines.Select(l =>
        {
            var time = TimeOnField(form, l.Field.Key);
            if (!ordered)
                return new DisclosureRow(l.Field.Key, l.OfferPct, false, null, l.Field.Type == FieldTypes.EmailList ? 0 : null, time);
            var c = DisclosureClassifier.Classify(l.Field, Value(form, l.Field.Key), today);
            var disclosed = c.Class != Plausibility.Empty;
            return new DisclosureRow(l.Field.Key, l.OfferPct, disclosed, disclosed ? c.Class == Plausibility.Plausible : null, c.ListCount, time);
        }).ToList();

    /// <summary>Milliseconds of focus that checkout.js measured; absent without JavaScript.</summary>
    static int? TimeOnField(IFormCollection form, string key) =>
        int.TryParse(form["t_" + key].FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms <= MaxFieldTimeMs ? ms : null;

    /// <summary>What the confirmation page shows, from the stored rows: the outcome and the total paid.</summary>
    public static async Task<(string? Outcome, decimal Total)> ReadOrderAsync(NpgsqlDataSource db, StudyDefinition study, ParticipantRow p, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var disclosed = (await conn.QueryAsync<string>(new CommandDefinition(
            "select field from disclosure where participant_id = @Id and disclosed", new { p.Id }, cancellationToken: ct))).ToHashSet();
        var shop = study.Shop!;
        return (p.CheckoutOutcome, Total(Subtotal(shop), DiscountPct(shop, Lines(study, p.CellIdx), disclosed.Contains)));
    }
}
