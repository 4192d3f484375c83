using Analysis.Report;

namespace Analysis.Tests.Report;

/// <summary>
/// A 3 x 2 between-subject study (discount 0/5/15 x notice plain/salient, counterbalanced block order) generated in
/// memory with a KNOWN model for each optional field:
/// logit P(disclosed) = B0 + B1 offer + B2 concern_z + B3 sensitivity + B4 salient + B5 offer x salient + B6 shop_first,
/// concern_z standardised over all participants (SD n-1) exactly as the report does. Rows of a participant are
/// independent given these covariates, so the fitted model is correctly specified and its 95% intervals should
/// cover the truth 95% of the time.
/// </summary>
public static class DesignStudy
{
    public const double B0 = 0.6, B1 = 0.06, B2 = -0.3, B3 = -0.4, Notice = -0.5, Interaction = -0.03, ShopFirst = 0.25;
    public static readonly int[] Discounts = [0, 5, 15];
    public static readonly string[] Notices = ["plain", "salient"];
    public static readonly string[] Orders = ["questionnaire>shop", "shop>questionnaire"];
    static readonly int[] Sensitivities = [2, 3, 4, 5];

    public static ReportData Generate(int participants, int seed)
    {
        var rng = new Random(seed);
        var concern = new double[participants];
        for (var i = 0; i < participants; i++) concern[i] = 4 + 1.2 * Normal(rng);
        var mean = concern.Average();
        var sd = Math.Sqrt(concern.Sum(c => (c - mean) * (c - mean)) / (participants - 1));

        var ids = new string[participants];
        var arms = new string[participants];
        var discount = new string[participants];
        var notice = new string[participants];
        var order = new string[participants];
        var rows = new List<DisclosureRow>();
        for (var i = 0; i < participants; i++)
        {
            int d = Discounts[i % 3], n = (i / 3) % 2, o = (i / 6) % 2;
            ids[i] = $"p{i:D6}";
            discount[i] = d.ToString();
            notice[i] = Notices[n];
            order[i] = Orders[o];
            arms[i] = $"discount={d};notice={Notices[n]}";
            var z = (concern[i] - mean) / sd;
            for (short f = 0; f < Sensitivities.Length; f++)
            {
                var s = Sensitivities[f];
                var eta = B0 + B1 * d + B2 * z + B3 * s + Notice * n + Interaction * d * n + ShopFirst * o;
                var disclosed = rng.NextDouble() < 1 / (1 + Math.Exp(-eta)) ? (sbyte)1 : (sbyte)0;
                var stated = rng.NextDouble() < 0.3 ? (sbyte)1 : (sbyte)0;
                rows.Add(new DisclosureRow(i, f, true, (sbyte)s, d, stated, disclosed, disclosed == 1 ? (sbyte)1 : (sbyte)-1));
            }
        }
        return new ReportData
        {
            StudyId = "design-study", ParticipantIds = ids, Arms = arms, ArmFactors = ["discount", "notice"],
            ArmFactorLevels = [discount, notice], FactorLevelOrder = [["0", "5", "15"], Notices],
            Status = Enumerable.Repeat(ParticipantStatus.Completed, participants).ToArray(),
            ReachedCheckout = Enumerable.Repeat(true, participants).ToArray(),
            ConcernItems = [new ConcernItem("concern_1", false, 1, 7)], ConcernValues = concern, Westin = null,
            Fields = ["dob", "mobile", "income", "bsn"], Disclosures = rows.ToArray(),
            BlockOrders = order, BlockOrderLevels = Orders,
            AttentionPassed = Enumerable.Repeat((sbyte)1, participants).ToArray(),
            DurationSeconds = Enumerable.Repeat(300.0, participants).ToArray(),
            BehaviourConsent = Enumerable.Repeat((sbyte)1, participants).ToArray(),
        };
    }

    static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
