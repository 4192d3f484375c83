#!/usr/bin/python3
"""Reference cases for the participant-clustered logistic inference (Vectors/clustered.json).

Each case is long data shaped like the report's model: several rows per participant (cluster), participant-level
predictors (discount, notice, their interaction, concern_z) and a row-level one (sensitivity), with a participant
random effect so that rows of one participant are correlated and the clustered SE differs from the model-based one.
Fitted with statsmodels' GLM (Binomial, logit) and cov_type='cluster' (its default small-sample correction
G/(G-1) (N-1)/(N-K), normal reference distribution): z, p and the 95% interval all come from the clustered SE.

Run with Debian's python3-statsmodels (apt-get install python3-statsmodels):
    /usr/bin/python3 tests/Analysis.Tests/Vectors/make_clustered.py > tests/Analysis.Tests/Vectors/clustered.json
The tests only read the JSON; they never run this script.
"""
import json
import sys

import numpy as np
import scipy
import statsmodels
import statsmodels.api as sm


def make_case(name, seed, participants, rows_each, sigma, beta):
    rng = np.random.default_rng(seed)
    columns = ["intercept", "discount_pct", "notice_salient", "discount_pct:notice_salient", "concern_z", "sensitivity"]
    X, y, cluster = [], [], []
    for g in range(participants):
        discount = [0.0, 5.0, 15.0][g % 3]
        notice = float((g // 3) % 2)
        concern = float(np.round(rng.normal(), 6))
        u = rng.normal(0, sigma)
        for _ in range(rows_each):
            sensitivity = float(rng.integers(1, 6))
            row = [1.0, discount, notice, discount * notice, concern, sensitivity]
            eta = float(np.dot(beta, row)) + u
            X.append(row)
            y.append(float(rng.random() < 1 / (1 + np.exp(-eta))))
            cluster.append(f"p{g:04d}")
    Xa, ya = np.array(X), np.array(y)
    groups = np.unique(cluster, return_inverse=True)[1]
    model = sm.GLM(ya, Xa, family=sm.families.Binomial())
    naive = model.fit()
    robust = model.fit(cov_type="cluster", cov_kwds={"groups": groups})
    ci = robust.conf_int(alpha=0.05)
    return {
        "kind": "logistic_clustered",
        "name": name,
        "input": {"columns": columns, "X": X, "y": y, "cluster": cluster},
        "expected": {
            "coef": robust.params.tolist(),
            "se": naive.bse.tolist(),
            "p_model": naive.pvalues.tolist(),
            "se_cluster": robust.bse.tolist(),
            "z_cluster": robust.tvalues.tolist(),
            "p_cluster": robust.pvalues.tolist(),
            "ci_low": ci[:, 0].tolist(),
            "ci_high": ci[:, 1].tolist(),
            "odds_ratio_ci_low": np.exp(ci[:, 0]).tolist(),
            "odds_ratio_ci_high": np.exp(ci[:, 1]).tolist(),
        },
    }


cases = [
    # Strong within-participant correlation, 7 rows each as in the seed study: the clustered SEs are much larger.
    make_case("clustered_7_rows_strong_icc", 16, 120, 7, 1.5, [-0.5, 0.04, 0.6, -0.03, -0.15, -0.35]),
    # Mild correlation, fewer rows per participant.
    make_case("clustered_4_rows_mild_icc", 1987, 200, 4, 0.5, [0.2, 0.02, -0.3, 0.02, -0.3, -0.2]),
    # Small study: 30 participants, the small-sample correction matters.
    make_case("clustered_small_30", 7, 30, 7, 1.0, [0.0, 0.05, 0.0, 0.0, -0.4, -0.3]),
]

# Does some term of the first case have a model-based p below 0.05 and a clustered p above it (the example)?
first = cases[0]["expected"]
flips = [cases[0]["input"]["columns"][j] for j in range(len(first["coef"]))
         if (first["p_model"][j] < 0.05) != (first["p_cluster"][j] < 0.05)]
json.dump({
    "generator": f"tests/Analysis.Tests/Vectors/make_clustered.py: statsmodels {statsmodels.__version__}, "
                 f"numpy {np.__version__}, scipy {scipy.__version__}; GLM Binomial, cov_type='cluster'",
    "terms_where_model_and_cluster_p_disagree_in_first_case": flips,
    "cases": cases,
}, sys.stdout, indent=1)
sys.stdout.write("\n")
