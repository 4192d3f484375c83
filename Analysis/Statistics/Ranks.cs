namespace Analysis.Statistics;

/// <summary>
/// Average ranks (1-based, ties share the mean of the ranks they span), as R's rank(ties = "average") and
/// scipy's rankdata. Shared by Spearman, Wilcoxon, Kruskal-Wallis and Mann-Whitney, which all need the
/// tie group sizes as well for their variance corrections.
/// </summary>
public static class Ranks
{
    /// <summary>Average ranks of <paramref name="values"/>, in the input order.</summary>
    public static double[] Average(IReadOnlyList<double> values) => AverageWithTies(values).Ranks;

    /// <summary>Average ranks plus the size of every tie group (groups of one included).</summary>
    public static (double[] Ranks, int[] TieGroupSizes) AverageWithTies(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        for (var i = 0; i < values.Count; i++)
            if (double.IsNaN(values[i]))
                throw new ArgumentException($"Value {i} is NaN; ranks need complete data.", nameof(values));

        var order = Enumerable.Range(0, values.Count).ToArray();
        // Stable sort so equal values keep input order; the ranks do not depend on it, the tie groups do not either.
        Array.Sort(order, (a, b) => values[a].CompareTo(values[b]) is var c and not 0 ? c : a.CompareTo(b));

        var ranks = new double[values.Count];
        var groups = new List<int>();
        var start = 0;
        while (start < order.Length)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]]) end++;
            // Positions start..end (0-based) hold ranks start+1..end+1; their mean is (start + end)/2 + 1.
            var rank = (start + end) / 2.0 + 1.0;
            for (var i = start; i <= end; i++) ranks[order[i]] = rank;
            groups.Add(end - start + 1);
            start = end + 1;
        }
        return (ranks, groups.ToArray());
    }

    /// <summary>Sum of t^3 - t over tie groups: the quantity every rank test's tie correction uses.</summary>
    public static double TieSum(IEnumerable<int> tieGroupSizes) =>
        tieGroupSizes.Sum(t => (double)t * t * t - t);
}
