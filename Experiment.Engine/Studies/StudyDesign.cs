namespace Experiment.Engine.Studies;

/// <summary>One combination of factor levels. Arm is its label ("discount=15;notice=salient"), stored and exported as arm.</summary>
public sealed record Cell(int Index, IReadOnlyDictionary<string, string> Levels, double Weight, string Arm);

public enum StepKind { Intro, Page, ShopProduct, ShopCart, ShopCheckout, ShopPayment, ShopDone, Debrief, End, Valuation, TwoShopsChoice, TwoShopsCheckout, Listings }

/// <summary>One page a participant sees, in order. Page is the questionnaire page key for StepKind.Page.</summary>
public sealed record Step(int Index, StepKind Kind, string Name, string? Page = null);

/// <summary>What follows from a study file: its cells, block orders, offers and page sequence.</summary>
public static class StudyDesign
{
    /// <summary>
    /// The study's cells, derived once per definition (init-only records never change once read): the participant
    /// pages, the checkout rules and the bots ask for them on every request.
    /// </summary>
    public static IReadOnlyList<Cell> Cells(StudyDefinition study) => CellsOf.GetValue(study, static s => DeriveCells(s));

    static readonly System.Runtime.CompilerServices.ConditionalWeakTable<StudyDefinition, IReadOnlyList<Cell>> CellsOf = new();

    static Cell[] DeriveCells(StudyDefinition study)
    {
        if (study.Cells is { Count: > 0 } listed)
            return listed.Select((c, i) => new Cell(i, c.Levels, c.Weight, ArmOf(study, c.Levels))).ToArray();
        IEnumerable<Dictionary<string, string>> combos = [new Dictionary<string, string>()];
        foreach (var f in study.Factors)
            combos = combos.SelectMany(c => f.Levels.Select(l => new Dictionary<string, string>(c) { [f.Key] = l })).ToList();
        return combos.Select((c, i) => new Cell(i, c, 1, ArmOf(study, c))).ToArray();
    }

    static string ArmOf(StudyDefinition study, IReadOnlyDictionary<string, string> levels) =>
        string.Join(';', study.Factors.Where(f => levels.ContainsKey(f.Key)).Select(f => $"{f.Key}={levels[f.Key]}"));

    public static IReadOnlyList<IReadOnlyList<string>> BlockOrders(StudyDefinition study) =>
        study.BlockOrders is { Count: > 0 } orders ? orders : [study.Blocks.Select(b => b.Key).ToList()];

    public static string BlockOrderName(IReadOnlyList<string> order) => string.Join('>', order);

    /// <summary>Does an offer key ("*", "discount=5", "discount=5;notice=plain") match the cell?</summary>
    public static bool OfferKeyMatches(string key, Cell cell) =>
        key == "*" || key.Split(';', StringSplitOptions.TrimEntries).All(part =>
        {
            var eq = part.IndexOf('=');
            return eq > 0 && cell.Levels.TryGetValue(part[..eq].Trim(), out var level) && level == part[(eq + 1)..].Trim();
        });

    /// <summary>
    /// The discount shown next to a field in a cell: the most specific matching key wins; none is 0. Validation
    /// refuses two equally specific keys with different offers for one cell; the ordinal tie-break only keeps
    /// the answer independent of key order (jsonb does not keep it).
    /// </summary>
    public static double OfferFor(CheckoutField field, Cell cell) =>
        field.Offers.Where(o => OfferKeyMatches(o.Key, cell))
            .OrderByDescending(o => OfferKeySpecificity(o.Key)).ThenBy(o => o.Key, StringComparer.Ordinal)
            .Select(o => o.Value).DefaultIfEmpty(0).First();

    /// <summary>How many factor conditions an offer key has ("*" has none).</summary>
    public static int OfferKeySpecificity(string key) => key == "*" ? 0 : key.Split(';').Length;

    /// <summary>The pages after consent: intro, the blocks in the given order, debrief, end.</summary>
    public static IReadOnlyList<Step> Steps(StudyDefinition study, int orderIndex)
    {
        var order = BlockOrders(study)[orderIndex];
        var steps = new List<Step>();
        void Add(StepKind kind, string name, string? page = null) => steps.Add(new Step(steps.Count, kind, name, page));
        Add(StepKind.Intro, "intro");
        foreach (var key in order)
        {
            var block = study.Blocks.First(b => b.Key == key);
            if (block.Type == "shop")
            {
                Add(StepKind.ShopProduct, "shop_product");
                Add(StepKind.ShopCart, "shop_cart");
                Add(StepKind.ShopCheckout, "shop_checkout");
                // Only after an order: leaving the shop at the checkout skips it (StepWrite.Skip).
                Add(StepKind.ShopPayment, "shop_payment");
                Add(StepKind.ShopDone, "shop_done");
            }
            else if (block.Type == BlockTypes.Valuation) Add(StepKind.Valuation, Valuation.PriceList.StepName);
            else if (block.Type == BlockTypes.TwoShops)
            {
                Add(StepKind.TwoShopsChoice, global::Experiment.Engine.TwoShops.ShopPair.ChoiceStep);
                Add(StepKind.TwoShopsCheckout, global::Experiment.Engine.TwoShops.ShopPair.CheckoutStep);
            }
            else if (block.Type == BlockTypes.Listings) Add(StepKind.Listings, Experiment.Engine.Listings.Listings.StepName);
            else
            {
                foreach (var page in block.Pages) Add(StepKind.Page, page, page);
            }
        }
        Add(StepKind.Debrief, "debrief");
        Add(StepKind.End, "end");
        return steps;
    }

    public static IEnumerable<Item> AllItems(StudyDefinition study) => study.Pages.SelectMany(p => p.Items);
}
