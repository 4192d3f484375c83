using MathNet.Numerics.LinearAlgebra;

namespace Analysis.Statistics;

/// <summary>
/// One model term, with both standard errors and one Wald test per SE, so that a row never mixes them:
/// <see cref="Z"/>, <see cref="P"/> and <see cref="CiLow"/>/<see cref="CiHigh"/> (the 95% interval of the odds ratio,
/// exp(coef -/+ 1.96 se_cluster)) all come from the participant-clustered SE, as statsmodels' cov_type='cluster';
/// <see cref="ZModel"/>, <see cref="PModel"/>, <see cref="CiLowModel"/>/<see cref="CiHighModel"/> from the model-based SE
/// (statsmodels' default summary). The clustered values are NaN when all rows come from one cluster.
/// </summary>
public sealed record LogisticTerm(
    string Term, double Coef, double Se, double SeCluster, double Z, double P, double OddsRatio, double CiLow, double CiHigh,
    double ZModel, double PModel, double CiLowModel, double CiHighModel);

/// <summary>
/// A fitted logistic model. When <see cref="Separation"/> names a term the data are (quasi-)separated by it, the
/// estimates do not exist, and <see cref="Terms"/> is empty: report the separation, never numbers.
/// </summary>
public sealed record LogisticResult(
    int N, int Clusters, IReadOnlyList<LogisticTerm> Terms, string? Separation, int Iterations, bool Converged)
{
    /// <summary>Small-sample factor of the cluster-robust covariance, G/(G-1) (N-1)/(N-K).</summary>
    public double ClusterCorrection { get; init; } = double.NaN;
    public double Deviance { get; init; } = double.NaN;
    public double LogLikelihood { get; init; } = double.NaN;
}

public static class LogisticRegression
{
    public const int MaxIterations = 50;
    /// <summary>statsmodels' default IRLS tolerance on the deviance change; see the note in <see cref="Fit"/>.</summary>
    public const double DevianceTolerance = 1e-8;

    /// <summary>A fitted probability this close to the observed 0/1 means the likelihood is still climbing to its supremum.</summary>
    public const double PerfectFit = 1e-8;

    /// <summary>
    /// Fits y ~ 1 + x by IRLS (= Newton-Raphson for the logit link) as statsmodels' GLM does, until the deviance
    /// changes by at most 1e-8 (Newton converges quadratically: the estimates are then good to ~1e-12).
    /// <paramref name="x"/> rows hold the predictors WITHOUT the intercept; the intercept is added first and named
    /// "intercept". Model-based SE from the inverse Fisher information H = X'WX; cluster-robust SE
    /// V = c H^-1 (sum_g s_g s_g') H^-1 with s_g the score summed over a cluster and c = G/(G-1) (N-1)/(N-K)
    /// (statsmodels' default). Separation (no convergence in 50 iterations, a fitted p within 1e-8 of the observed
    /// 0/1, a singular information matrix while the coefficients grow) returns the name of the runaway term.
    /// </summary>
    public static LogisticResult Fit(IReadOnlyList<double[]> x, IReadOnlyList<string> termNames, IReadOnlyList<double> y,
        IReadOnlyList<string> clusters)
    {
        var names = Validate(x, termNames, y, clusters);
        int n = y.Count, k = names.Length;
        var design = new double[n][];
        for (var i = 0; i < n; i++)
        {
            design[i] = new double[k];
            design[i][0] = 1;
            Array.Copy(x[i], 0, design[i], 1, k - 1);
        }
        var clusterIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var clusterOf = clusters.Select(c => clusterIndex.TryGetValue(c, out var g) ? g : clusterIndex[c] = clusterIndex.Count).ToArray();
        var groups = clusterIndex.Count;

        if (y.All(v => v == y[0])) // every row 0 or every row 1: the intercept alone runs to infinity
            return new LogisticResult(n, groups, [], "intercept", 0, false);

        // statsmodels' GLM IRLS, step for step: start from mu = (y + 1/2)/2, solve the weighted least squares of the
        // working response, stop when the deviance moves by at most 1e-8 (its default). The model-based covariance is
        // the inverse of X'WX with the weights of the LAST WLS step, i.e. taken at the penultimate iterate, as statsmodels
        // reports it; the reference vectors' SEs differ from the information at the final estimate by ~2e-7 relative,
        // which the Wald p amplifies beyond 1e-6, so we follow the convention rather than the textbook.
        var mu = y.Select(v => (v + 0.5) / 2).ToArray();
        var eta = mu.Select(m => Math.Log(m / (1 - m))).ToArray();
        var deviance = Deviance(y, eta);
        var beta = Vector<double>.Build.Dense(k);
        Matrix<double>? lastInformation = null;
        var iterations = 0;
        var converged = false;
        while (iterations < MaxIterations)
        {
            var information = new double[k, k];
            var right = new double[k];
            for (var i = 0; i < n; i++)
            {
                var w = mu[i] * (1 - mu[i]);
                if (!(w > 0)) return Separated(n, groups, names, design, beta, iterations);
                var working = eta[i] + (y[i] - mu[i]) / w;
                var row = design[i];
                for (var a = 0; a < k; a++)
                {
                    right[a] += w * row[a] * working;
                    for (var b = 0; b <= a; b++) information[a, b] += w * row[a] * row[b];
                }
            }
            lastInformation = Symmetric(information);
            // At the start all weights are equal, so X'WX is X'X up to a factor: a huge condition number (after scaling
            // each column to unit size) means some term is a linear combination of the others. Cholesky alone does not
            // notice, rounding keeps an exactly singular X'X barely positive.
            if (iterations == 0 && Scaled(lastInformation).ConditionNumber() > 1e12)
                throw new ArgumentException("Logistic regression: the predictors are collinear (a term is a linear combination of the others).", nameof(x));
            try { beta = lastInformation.Cholesky().Solve(Vector<double>.Build.DenseOfArray(right)); }
            catch (ArgumentException)
            {
                return Separated(n, groups, names, design, beta, iterations);
            }
            iterations++;
            for (var i = 0; i < n; i++)
            {
                eta[i] = LinearPredictor(design[i], beta);
                mu[i] = 1 / (1 + Math.Exp(-eta[i]));
            }
            var next = Deviance(y, eta);
            if (!double.IsFinite(next)) return Separated(n, groups, names, design, beta, iterations);
            var change = Math.Abs(deviance - next);
            deviance = next;
            if (change <= DevianceTolerance) { converged = true; break; }
        }
        if (!converged || !beta.All(double.IsFinite)) return Separated(n, groups, names, design, beta, iterations);
        for (var i = 0; i < n; i++)
            if (Math.Abs(y[i] - mu[i]) < PerfectFit)
                return Separated(n, groups, names, design, beta, iterations);

        var hInverse = lastInformation!.Inverse();
        // The sandwich uses the information at the final estimate (statsmodels' cluster covariance does too).
        var hFinalInverse = Information(design, beta).Inverse();
        var meat = Matrix<double>.Build.Dense(k, k);
        var scores = new double[groups][];
        for (var g = 0; g < groups; g++) scores[g] = new double[k];
        for (var i = 0; i < n; i++)
        {
            var residual = y[i] - mu[i];
            for (var j = 0; j < k; j++) scores[clusterOf[i]][j] += design[i][j] * residual;
        }
        foreach (var s in scores)
            for (var a = 0; a < k; a++)
                for (var b = 0; b < k; b++)
                    meat[a, b] += s[a] * s[b];
        var correction = groups > 1 ? groups / (groups - 1.0) * (n - 1.0) / (n - k) : double.NaN;
        var robust = hFinalInverse * meat * hFinalInverse * correction;

        var critical = Distributions.NormalQuantile(0.975);
        var terms = new LogisticTerm[k];
        for (var j = 0; j < k; j++)
        {
            var coef = beta[j];
            var se = Math.Sqrt(hInverse[j, j]);
            var seCluster = Math.Sqrt(robust[j, j]);
            double z = coef / seCluster, zModel = coef / se;
            terms[j] = new LogisticTerm(names[j], coef, se, seCluster, z, Distributions.NormalTwoSided(z), Math.Exp(coef),
                Math.Exp(coef - critical * seCluster), Math.Exp(coef + critical * seCluster),
                zModel, Distributions.NormalTwoSided(zModel), Math.Exp(coef - critical * se), Math.Exp(coef + critical * se));
        }
        return new LogisticResult(n, groups, terms, null, iterations, true)
        {
            ClusterCorrection = correction, Deviance = deviance, LogLikelihood = -deviance / 2,
        };
    }

    // The runaway term: the largest coefficient in units of its predictor's SD (the intercept if nothing else moves).
    static LogisticResult Separated(int n, int groups, string[] names, double[][] design, Vector<double> beta, int iterations)
    {
        var worst = 0;
        var worstSize = 0.0;
        for (var j = 1; j < names.Length; j++)
        {
            var column = design.Select(r => r[j]).ToArray();
            var mean = column.Average();
            var sd = Math.Sqrt(column.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, n - 1));
            var size = double.IsFinite(beta[j]) ? Math.Abs(beta[j]) * sd : double.PositiveInfinity;
            if (size > worstSize) { worst = j; worstSize = size; }
        }
        return new LogisticResult(n, groups, [], names[worst], iterations, false);
    }

    static double Probability(double[] row, Vector<double> beta) => 1 / (1 + Math.Exp(-LinearPredictor(row, beta)));

    // -2 log-likelihood from the linear predictor, log(1 + e^eta) computed without overflow.
    static double Deviance(IReadOnlyList<double> y, double[] eta)
    {
        var sum = 0.0;
        for (var i = 0; i < eta.Length; i++)
        {
            var softplus = eta[i] > 0 ? eta[i] + Math.Log(1 + Math.Exp(-eta[i])) : Math.Log(1 + Math.Exp(eta[i]));
            sum += softplus - y[i] * eta[i];
        }
        return 2 * sum;
    }

    static double LinearPredictor(double[] row, Vector<double> beta)
    {
        var eta = 0.0;
        for (var j = 0; j < row.Length; j++) eta += row[j] * beta[j];
        return eta;
    }

    static Matrix<double> Scaled(Matrix<double> h) =>
        Matrix<double>.Build.Dense(h.RowCount, h.ColumnCount, (a, b) => h[a, b] / Math.Sqrt(h[a, a] * h[b, b]));

    static Matrix<double> Symmetric(double[,] lower)
    {
        var k = lower.GetLength(0);
        for (var a = 0; a < k; a++)
            for (var b = a + 1; b < k; b++) lower[a, b] = lower[b, a];
        return Matrix<double>.Build.DenseOfArray(lower);
    }

    // H = X'WX with W = p(1-p) at beta; rows are summed directly so a million rows need no N x N matrix.
    static Matrix<double> Information(double[][] design, Vector<double> beta)
    {
        var k = beta.Count;
        var h = new double[k, k];
        foreach (var row in design)
        {
            var p = Probability(row, beta);
            var w = p * (1 - p);
            for (var a = 0; a < k; a++)
                for (var b = 0; b <= a; b++) h[a, b] += w * row[a] * row[b];
        }
        return Symmetric(h);
    }

    static string[] Validate(IReadOnlyList<double[]> x, IReadOnlyList<string> termNames, IReadOnlyList<double> y, IReadOnlyList<string> clusters)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(termNames);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(clusters);
        if (y.Count == 0) throw new ArgumentException("Logistic regression: no rows.", nameof(y));
        if (x.Count != y.Count)
            throw new ArgumentException($"Logistic regression: x has {x.Count} rows but y has {y.Count}.", nameof(x));
        if (clusters.Count != y.Count)
            throw new ArgumentException($"Logistic regression: {clusters.Count} cluster ids for {y.Count} rows.", nameof(clusters));
        if (termNames.Any(t => t == "intercept"))
            throw new ArgumentException("Logistic regression: 'intercept' is added automatically; do not pass it as a term.", nameof(termNames));
        if (termNames.Distinct(StringComparer.Ordinal).Count() != termNames.Count)
            throw new ArgumentException("Logistic regression: term names must be distinct.", nameof(termNames));
        var names = new[] { "intercept" }.Concat(termNames).ToArray();
        if (y.Count <= names.Length)
            throw new ArgumentException($"Logistic regression: {y.Count} rows cannot fit {names.Length} coefficients.", nameof(y));
        for (var i = 0; i < y.Count; i++)
        {
            if (y[i] is not (0 or 1))
                throw new ArgumentException($"Logistic regression: y[{i}] is {y[i]}; the outcome must be 0 or 1.", nameof(y));
            if (x[i] is null || x[i].Length != termNames.Count)
                throw new ArgumentException($"Logistic regression: row {i} has {x[i]?.Length ?? 0} values for {termNames.Count} terms.", nameof(x));
            for (var j = 0; j < termNames.Count; j++)
                if (!double.IsFinite(x[i][j]))
                    throw new ArgumentException($"Logistic regression: row {i}, term '{termNames[j]}' is {x[i][j]}; drop incomplete rows first.", nameof(x));
            if (clusters[i] is null)
                throw new ArgumentException($"Logistic regression: row {i} has no cluster id.", nameof(clusters));
        }
        for (var j = 0; j < termNames.Count; j++)
            if (x.All(r => r[j] == x[0][j]))
                throw new ArgumentException($"Logistic regression: term '{termNames[j]}' is constant ({x[0][j]}) and cannot be estimated beside the intercept.", nameof(x));
        return names;
    }
}
