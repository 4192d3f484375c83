using MathNet.Numerics;

namespace Analysis.Statistics;

/// <summary>Pearson chi-square test of independence; <see cref="FisherP"/> only for 2x2 tables.</summary>
public sealed record ChiSquareResult(double Chi2, int Df, double P, double CramersV, double? FisherP);

public static class ChiSquareIndependence
{
    /// <summary>
    /// Pearson chi-square without continuity correction, df = (r-1)(c-1), Cramer's V = sqrt(chi2 / (N (min(r,c) - 1))).
    /// For a 2x2 table also Fisher's exact two-sided p (R's fisher.test): the sum of the probabilities of all tables
    /// with the observed margins that are no more likely than the observed one, up to a relative 1e-7 so that
    /// tables equally likely in exact arithmetic are not lost to rounding.
    /// Rows and columns must each have at least one observation (drop empty arms or categories first).
    /// </summary>
    public static ChiSquareResult Test(int[,] table)
    {
        ArgumentNullException.ThrowIfNull(table);
        int rows = table.GetLength(0), cols = table.GetLength(1);
        if (rows < 2 || cols < 2)
            throw new ArgumentException($"Chi-square: the table must be at least 2x2, got {rows}x{cols}.", nameof(table));
        var rowSums = new double[rows];
        var colSums = new double[cols];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < cols; j++)
            {
                if (table[i, j] < 0)
                    throw new ArgumentException($"Chi-square: cell ({i}, {j}) is {table[i, j]}; counts cannot be negative.", nameof(table));
                rowSums[i] += table[i, j];
                colSums[j] += table[i, j];
            }
        for (var i = 0; i < rows; i++)
            if (rowSums[i] == 0) throw new ArgumentException($"Chi-square: row {i} has no observations; drop empty rows first.", nameof(table));
        for (var j = 0; j < cols; j++)
            if (colSums[j] == 0) throw new ArgumentException($"Chi-square: column {j} has no observations; drop empty columns first.", nameof(table));

        var total = rowSums.Sum();
        var chi2 = 0.0;
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < cols; j++)
            {
                var expected = rowSums[i] * colSums[j] / total;
                chi2 += (table[i, j] - expected) * (table[i, j] - expected) / expected;
            }
        var df = (rows - 1) * (cols - 1);
        var v = Math.Sqrt(chi2 / (total * (Math.Min(rows, cols) - 1)));
        double? fisher = rows == 2 && cols == 2 ? FisherExact2x2(table[0, 0], table[0, 1], table[1, 0], table[1, 1]) : null;
        return new ChiSquareResult(chi2, df, Distributions.ChiSquareUpper(chi2, df), v, fisher);
    }

    /// <summary>Fisher's exact two-sided p for [[a, b], [c, d]], hypergeometric probabilities in log space.</summary>
    public static double FisherExact2x2(int a, int b, int c, int d)
    {
        int row1 = a + b, col1 = a + c, n = a + b + c + d;
        double LogP(int x) => SpecialFunctions.BinomialLn(col1, x) + SpecialFunctions.BinomialLn(n - col1, row1 - x)
                              - SpecialFunctions.BinomialLn(n, row1);
        var observed = LogP(a);
        var threshold = observed + Math.Log(1 + 1e-7);
        var sum = 0.0;
        for (var x = Math.Max(0, row1 + col1 - n); x <= Math.Min(row1, col1); x++)
        {
            var lp = LogP(x);
            if (lp <= threshold) sum += Math.Exp(lp);
        }
        return Math.Min(1.0, sum);
    }
}
