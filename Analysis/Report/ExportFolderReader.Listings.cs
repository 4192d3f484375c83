namespace Analysis.Report;

public static partial class ExportFolderReader
{
    /// <summary>The listings columns, read when participants.csv has listings_condition (the study has the block).</summary>
    private sealed class ListingsReader(int condition, int premium, int topRated)
    {
        readonly List<string> conditions = [];
        readonly List<double> premiums = [];
        readonly List<sbyte> top = [];

        public static ListingsReader? Open(CsvInput csv) => csv.Optional("listings_condition") is { } c
            ? new ListingsReader(c, csv.Require("listings_premium"), csv.Require("listings_top_rated")) : null;

        public void Read(CsvInput csv)
        {
            var c = csv.Text(condition);
            if (c.Length > 0 && !Experiment.Engine.Listings.Listings.Modes.Contains(c))
                throw csv.Bad(condition, $"{string.Join(", ", Experiment.Engine.Listings.Listings.Modes)} or empty");
            conditions.Add(c.Length == 0 ? "" : Experiment.Engine.Listings.Listings.Modes.First(m => m == c));
            var v = csv.Number(premium, "an amount (0 or more) or empty");
            if (v < 0) throw csv.Bad(premium, "an amount (0 or more) or empty");
            var flag = csv.Flag(topRated);
            if (double.IsNaN(v) != (flag < 0)) throw csv.Bad(topRated, "1 or 0 exactly when listings_premium is given");
            premiums.Add(v);
            top.Add(flag);
        }

        public ListingsColumns Finish() => new(conditions.ToArray(), premiums.ToArray(), top.ToArray());
    }
}

/// <summary>
/// Per participant: listings_condition ("" when none), listings_premium (NaN when no merchant was chosen, or its
/// use was refused) and listings_top_rated (-1 then).
/// </summary>
public sealed record ListingsColumns(string[] Conditions, double[] Premiums, sbyte[] TopRated);
