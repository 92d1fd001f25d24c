#!/usr/bin/env python3
"""Writes Tests/Fixtures/metrics_sklearn.json: ROC-AUC, average precision, F1, precision,
recall and Brier computed by scikit-learn on fixed random scores (with ties, like priorities
rounded to one decimal), so `swift test` checks escalate's metrics without Python.
Run once (needs scikit-learn): python3 scripts/make_metrics_fixture.py"""
import json
import os

import numpy as np
import sklearn
from sklearn.metrics import (average_precision_score, brier_score_loss, f1_score, precision_score,
                             recall_score, roc_auc_score)

rng = np.random.default_rng(7)
cases = []
for n, rate in [(50, 0.3), (400, 0.1), (1000, 0.5)]:
    labels = rng.random(n) < rate
    scores = np.round(np.clip(rng.normal(40 + 25 * labels, 18), 0, 100), 1)  # 0..100, ties
    threshold = 50.0
    pred = scores >= threshold
    cases.append({
        "scores": scores.tolist(), "labels": labels.tolist(), "threshold": threshold,
        "roc_auc": roc_auc_score(labels, scores),
        "average_precision": average_precision_score(labels, scores),
        "f1": f1_score(labels, pred, zero_division=0),
        "precision": precision_score(labels, pred, zero_division=0),
        "recall": recall_score(labels, pred, zero_division=0),
        "brier": brier_score_loss(labels, scores / 100),
    })
path = os.path.join(os.path.dirname(__file__), "..", "Tests", "Fixtures", "metrics_sklearn.json")
json.dump({"generator": "scripts/make_metrics_fixture.py", "sklearn_version": sklearn.__version__, "cases": cases},
          open(path, "w"))
print("wrote", os.path.normpath(path))
