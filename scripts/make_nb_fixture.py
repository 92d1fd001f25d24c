#!/usr/bin/env python3
"""Writes Tests/Fixtures/nb_sklearn_parity.json: scikit-learn MultinomialNB on fixed random
token counts, so `swift test` can check our NaiveBayes against it without Python.

Run once (needs scikit-learn): python3 scripts/make_nb_fixture.py
Re-running with the same scikit-learn gives the same file (fixed seed)."""
import json
import os
import sys

import numpy as np
import sklearn
from sklearn.naive_bayes import MultinomialNB

rng = np.random.default_rng(20261123)
n_train, n_test, n_features = 40, 12, 25
# Sparse-ish counts like bag-of-words rows: mostly zeros, a few small counts.
def counts(n):
    x = rng.poisson(0.6, size=(n, n_features))
    x[rng.random((n, n_features)) < 0.5] = 0
    return x

X_train, X_test = counts(n_train), counts(n_test)
y = (X_train[:, :5].sum(axis=1) + rng.integers(0, 3, n_train) > 3).astype(int)
assert 0 < y.sum() < n_train

cases = []
for alpha, fit_prior in [(1.0, True), (0.5, True), (1.0, False), (0.01, True)]:
    nb = MultinomialNB(alpha=alpha, fit_prior=fit_prior).fit(X_train, y)
    cases.append({
        "alpha": alpha,
        "fit_prior": fit_prior,
        "predict_proba": nb.predict_proba(X_test).tolist(),
        "predict_log_proba": nb.predict_log_proba(X_test).tolist(),
        "class_log_prior": nb.class_log_prior_.tolist(),
        "feature_log_prob": nb.feature_log_prob_.tolist(),
    })

out = {
    "generator": "scripts/make_nb_fixture.py",
    "sklearn_version": sklearn.__version__,
    "features": [f"f{i}" for i in range(n_features)],
    "X_train": X_train.tolist(),
    "y_train": y.tolist(),
    "X_test": X_test.tolist(),
    "cases": cases,
}
path = os.path.join(os.path.dirname(__file__), "..", "Tests", "Fixtures", "nb_sklearn_parity.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
print(f"wrote {os.path.normpath(path)} (scikit-learn {sklearn.__version__})", file=sys.stderr)
