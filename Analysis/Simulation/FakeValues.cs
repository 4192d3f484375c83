using System.Globalization;
using Experiment.Engine.Studies;

namespace Analysis.Simulation;

/// <summary>
/// What a bot types into a checkout field: something that passes the engine's plausibility rules
/// (DisclosureClassifier: e-mail syntax, a real birth date, a Dutch mobile number, the BSN eleven-test...) or
/// something obviously fake. These values only ever travel to the web app, which classifies and drops them.
/// </summary>
public static class FakeValues
{
    static readonly string[] Names = ["Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Bos"];
    static readonly string[] Streets = ["Kerkstraat 12", "Dorpsweg 3", "Stationsplein 7", "Molenlaan 44", "Schoolstraat 9"];

    static readonly string[] Postcodes = ["3511 AB", "1012 JS", "9711 LM", "5611 EW", "2511 CV"];

    public static string For(CheckoutField field, bool fake, Random rng, DateOnly today, int listCount = 1) => field.Check switch
    {
        // A postcode or house number field is classified by its shop check (DisclosureClassifier).
        Experiment.Engine.Checkout.ShopChecks.Postcode => fake ? "0000 XX" : Postcodes[rng.Next(Postcodes.Length)],
        Experiment.Engine.Checkout.ShopChecks.HouseNumber => fake ? "x" : (1 + rng.Next(200)).ToString(CultureInfo.InvariantCulture) + (rng.Next(4) == 0 ? "a" : ""),
        _ => ByType(field, fake, rng, today, listCount),
    };

    static string ByType(CheckoutField field, bool fake, Random rng, DateOnly today, int listCount) => field.Type switch
    {
        FieldTypes.Email => fake ? "asdf" : Email(rng),
        FieldTypes.Date => fake ? "31-02-1990" : BirthDate(rng, today),
        FieldTypes.Mobile => fake ? "0612345678" : Mobile(rng),
        FieldTypes.Bsn => fake ? "123456789" : Bsn(rng),
        FieldTypes.Income => fake ? "veel" : (1200 + 50 * rng.Next(100)).ToString(CultureInfo.InvariantCulture),
        FieldTypes.EmailList => fake ? "test@test" : string.Join(", ", Enumerable.Range(0, Math.Max(1, listCount)).Select(i => Email(rng, i))),
        // A bot that discloses picks an answer that does (never "prefer not to say").
        FieldTypes.Choice => field.Options?.Where(o => o.GivesAway).ToList() is { Count: > 0 } o ? o[rng.Next(o.Count)].Code : "",
        _ => fake ? "asdf" : rng.Next(2) == 0 ? Names[rng.Next(Names.Length)] : Streets[rng.Next(Streets.Length)],
    };

    static string Email(Random rng, int i = 0) =>
        $"{Names[rng.Next(Names.Length)].Replace(" ", "").ToLowerInvariant()}{rng.Next(1000)}x{i}@example.nl";

    static string BirthDate(Random rng, DateOnly today) =>
        today.AddYears(-(18 + rng.Next(55))).AddDays(-rng.Next(360)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    static string Mobile(Random rng)
    {
        while (true)
        {
            var digits = string.Concat(Enumerable.Range(0, 8).Select(_ => (char)('0' + rng.Next(10))));
            if (digits.Distinct().Count() > 1 && digits is not ("12345678" or "87654321")) return "06" + digits;
        }
    }

    /// <summary>Nine digits passing the eleven-test (the last digit makes the weighted sum divisible by 11).</summary>
    static string Bsn(Random rng)
    {
        while (true)
        {
            var d = Enumerable.Range(0, 8).Select(_ => rng.Next(10)).ToArray();
            if (d[0] == 0) continue;
            var sum = 0;
            for (var i = 0; i < 8; i++) sum += (9 - i) * d[i];
            var check = sum % 11;
            if (check > 9) continue;
            return string.Concat(d) + check.ToString(CultureInfo.InvariantCulture);
        }
    }
}
