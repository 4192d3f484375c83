namespace Analysis.Tests.Report;

/// <summary>
/// A synthetic study with a KNOWN data-generating process for the optional checkout fields:
/// logit P(disclosed) = B0 + B1 * offer_pct + B2 * concern_z + B3 * sensitivity, where concern_z is the concern
/// score standardised (SD n-1) over the participants who reached the checkout, exactly as the report defines it.
/// Arms vary the discount (0, 5, 15, 25 %); 8% of participants never reach the checkout.
/// </summary>
public sealed class SyntheticStudy
{
    public const double B0 = 0.8, B1 = 0.08, B2 = -0.2, B3 = -0.45;
    public static readonly int[] Discounts = [0, 5, 15, 25];
    public static readonly (string Field, string Necessity, int Sensitivity)[] Fields =
        [("email", "required", 2), ("birth_date", "optional", 2), ("mobile", "optional", 3), ("income", "optional", 4), ("bsn", "optional", 5)];

    public List<SynParticipant> Participants { get; } = [];
    public List<SynDisclosure> Disclosures { get; } = [];

    public static SyntheticStudy Generate(int n, int seed)
    {
        var rng = new Random(seed);
        var s = new SyntheticStudy();
        var concernScores = new double[n];
        var reached = new bool[n];
        for (var i = 0; i < n; i++)
        {
            var latent = Normal(rng);
            var items = new int?[4];
            for (var j = 0; j < 4; j++)
            {
                var v = Math.Clamp((int)Math.Round(4 + 1.3 * latent + 0.9 * Normal(rng)), 1, 7);
                items[j] = ExportFolderWriter.ConcernReversed[j] ? 8 - v : v;
            }
            // The report reverses the reverse-coded item back: the score is the mean of the un-reversed answers.
            concernScores[i] = items.Select((v, j) => ExportFolderWriter.ConcernReversed[j] ? 8 - v!.Value : v!.Value).Average();
            reached[i] = rng.NextDouble() >= 0.08;
            var discount = Discounts[i % Discounts.Length];
            s.Participants.Add(new SynParticipant(
                $"p{i:D6}", $"discount={discount}", discount.ToString(),
                reached[i] ? "completed" : (rng.NextDouble() < 0.5 ? "abandoned" : "in_progress"),
                reached[i] ? "ordered" : "",
                items, [rng.Next(1, 8), rng.Next(1, 8), rng.Next(1, 8)]));
        }

        var inModel = Enumerable.Range(0, n).Where(i => reached[i]).Select(i => concernScores[i]).ToArray();
        var mean = inModel.Average();
        var sd = Math.Sqrt(inModel.Sum(v => (v - mean) * (v - mean)) / (inModel.Length - 1));
        for (var i = 0; i < n; i++)
        {
            if (!reached[i]) continue;
            var z = (concernScores[i] - mean) / sd;
            var offer = Discounts[i % Discounts.Length];
            foreach (var (field, necessity, sensitivity) in Fields)
            {
                int disclosed;
                double fieldOffer = necessity == "optional" ? offer : 0;
                if (necessity == "required") disclosed = 1;
                else disclosed = rng.NextDouble() < 1 / (1 + Math.Exp(-(B0 + B1 * offer + B2 * z + B3 * sensitivity))) ? 1 : 0;
                // Stated willingness: lower with concern and sensitivity, not tied to the offer (people under-state).
                var stated = rng.NextDouble() < 1 / (1 + Math.Exp(-(0.6 - 0.6 * z - 0.5 * (sensitivity - 2)))) ? 1 : 0;
                int? plausible = disclosed == 1 ? (rng.NextDouble() < 0.9 ? 1 : 0) : null;
                s.Disclosures.Add(new SynDisclosure($"p{i:D6}", field, necessity, sensitivity, fieldOffer, stated, disclosed, plausible));
            }
        }
        return s;
    }

    public void WriteTo(string directory) => ExportFolderWriter.Write(directory, Participants, Disclosures);

    private static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
