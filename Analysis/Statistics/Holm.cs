namespace Analysis.Statistics;

/// <summary>Holm's step-down adjustment of a family of p values (R's p.adjust(method = "holm")).</summary>
public static class Holm
{
    /// <summary>
    /// Adjusted p values in the input order: sort ascending, multiply the i-th smallest (0-based) by m - i,
    /// carry the running maximum forward so the adjusted values keep the order of the raw ones, cap at 1.
    /// </summary>
    public static double[] Adjust(IReadOnlyList<double> p)
    {
        ArgumentNullException.ThrowIfNull(p);
        for (var i = 0; i < p.Count; i++)
            if (!(p[i] >= 0 && p[i] <= 1))
                throw new ArgumentException($"Holm: p value {i} is {p[i]}, not a probability in [0, 1].", nameof(p));

        var m = p.Count;
        var order = Enumerable.Range(0, m).OrderBy(i => p[i]).ThenBy(i => i).ToArray();
        var adjusted = new double[m];
        var running = 0.0;
        for (var rank = 0; rank < m; rank++)
        {
            running = Math.Max(running, Math.Min(1.0, (m - rank) * p[order[rank]]));
            adjusted[order[rank]] = running;
        }
        return adjusted;
    }
}
