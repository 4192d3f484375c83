namespace Experiment.Engine.Studies;

/// <summary>
/// The two-competing-shops paradigm (Beresford, Kübler &amp; Preibusch 2012): the same products in two shops that
/// differ in the personal data they ask and, by the price-gap factor, in price; the participant chooses where to
/// buy, then that shop's checkout asks exactly the data the shop said it asks. The arrangement of a cell (which shop
/// asks more, which is shown first, the gap): Experiment.Engine/TwoShops/ShopPair.cs; docs/paradigms/two-shops.md.
/// </summary>
public sealed record TwoShopsBlock
{
    public string Currency { get; init; } = "EUR";
    /// <summary>Shown above the two shops: the scenario (and whether the purchase is hypothetical).</summary>
    public Text? Intro { get; init; }
    /// <summary>The basket both shops sell, at its base price (the privacy-friendlier shop's price).</summary>
    public required IReadOnlyList<TwoShopsProduct> Products { get; init; }
    /// <summary>Exactly two shops; their names are the brands the participant sees.</summary>
    public required IReadOnlyList<TwoShopsShop> Shops { get; init; }
    /// <summary>The data items the shops may ask, typed (server) or ticked (choice) at the chosen shop's checkout.</summary>
    public required IReadOnlyList<TwoShopsField> Fields { get; init; }
    /// <summary>Keys of <see cref="Fields"/> the privacy-invasive shop asks.</summary>
    public required IReadOnlyList<string> AsksMore { get; init; }
    /// <summary>Keys of <see cref="Fields"/> the other shop asks.</summary>
    public required IReadOnlyList<string> AsksLess { get; init; }
    /// <summary>The factor whose levels are amounts ("0", "1"): how much cheaper each product is at the invasive shop.</summary>
    public required string GapFactor { get; init; }
    /// <summary>Optional factor whose levels are the two shop keys: the shop that asks more. Absent: the first shop.</summary>
    public string? InvasiveFactor { get; init; }
    /// <summary>Optional factor whose levels are the two shop keys: the shop shown first (left). Absent: the file's order.</summary>
    public string? PositionFactor { get; init; }
    /// <summary>"server" (typed, classified on the server, dropped) or "choice" (ticked, nothing typed); null is server.</summary>
    public string? DisclosureMode { get; init; }
    /// <summary>
    /// A third answer under the two shops, "I don't buy from either shop" (stored as <see cref="TwoShops.ShopPair.NoPurchase"/>),
    /// after the original, whose participants could leave without buying: without it everyone must pick a shop, and
    /// people who would buy nowhere are counted as choosing one. False: the choice between the two shops is forced.
    /// </summary>
    public bool AllowNoPurchase { get; init; }

    public string Mode => DisclosureMode ?? DisclosureModes.Server;
}

public sealed record TwoShopsShop
{
    public required string Key { get; init; }
    public required Text Name { get; init; }
}

public sealed record TwoShopsProduct
{
    public required Text Name { get; init; }
    public required decimal Price { get; init; }
}

public sealed record TwoShopsField
{
    public required string Key { get; init; }
    /// <summary>A checkout field type the classifier knows (FieldTypes): date, income, text, ...</summary>
    public required string Type { get; init; }
    public required Text Label { get; init; }
    public Text? Help { get; init; }
    /// <summary>As it reads after "this shop asks your": "geboortedatum", "date of birth"; absent: the label.</summary>
    public Text? ShareName { get; init; }

    /// <summary>The field as the checkout's classifier sees it: required, so a blank value is refused, not counted.</summary>
    public CheckoutField AsCheckoutField() => new()
    {
        Key = Key, Type = Type, Label = Label, Help = Help, Necessity = "required", Sensitivity = 1, ShareName = ShareName,
    };
}
