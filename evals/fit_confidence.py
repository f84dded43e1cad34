"""Fit the confidence estimate on the tuned sets' eval records, never on the holdout (which writes no records).

    assistant eval evals/dev.jsonl evals/gold_*.jsonl evals/conversations/*.jsonl --variants --out evals/out
    .venv/bin/python evals/fit_confidence.py evals/out

Reads every `*.records.jsonl` in the folder (answers with their `signals` and judgements), fits a logistic
regression of "the answer was right" on the signals of every answer that was not a refusal, and prints the
weights for assistant/answering/tuning.py with the cross-validated share right above each threshold.
Grouped by original question, so a question's other wordings never sit in both the fitting and the checking fold.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

FOLDS = 5
L2 = 1.0  # ridge penalty on the weights: higher trusts the tuned sets less
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.85, 0.9)


def load(folder: Path) -> tuple[list[str], np.ndarray, np.ndarray, list[str]]:
    rows, right, groups = [], [], []
    for path in sorted(folder.glob("*.records.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            response = record["response"]
            if response["refused"] or not response.get("signals"):
                continue
            rows.append(response["signals"])
            right.append(float(record["judgement"]["correct"]))
            groups.append(record.get("variant_of") or record["id"])
    names = sorted(max(rows, key=len))
    kept = [i for i, r in enumerate(rows) if set(r) >= set(names)]  # answers from the identity carry their own estimate
    return (names, np.array([[rows[i][n] for n in names] for i in kept]), np.array([right[i] for i in kept]),
            [groups[i] for i in kept])


def fit(x: np.ndarray, y: np.ndarray, iterations: int = 50) -> np.ndarray:
    """Weights (bias last) of an L2-penalised logistic regression, by Newton's method."""
    design = np.hstack([x, np.ones((len(x), 1))])
    penalty = np.eye(design.shape[1]) * L2
    penalty[-1, -1] = 0.0  # the bias is not penalised
    w = np.zeros(design.shape[1])
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-design @ w))
        gradient = design.T @ (p - y) + penalty @ w
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + penalty
        w -= np.linalg.solve(hessian, gradient)
    return w


def predict(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-(x @ w[:-1] + w[-1])))


def main(folder: str) -> None:
    names, x, y, groups = load(Path(folder))
    keys = sorted(set(groups))
    fold_of = {g: i % FOLDS for i, g in enumerate(np.random.default_rng(0).permutation(keys))}
    folds = np.array([fold_of[g] for g in groups])
    held = np.zeros(len(y))
    for k in range(FOLDS):
        w = fit(x[folds != k], y[folds != k])
        held[folds == k] = predict(w, x[folds == k])
    print(f"{len(y)} answers, {y.mean():.3f} right; cross-validated, per threshold: answers above, share right")
    for t in THRESHOLDS:
        above = held >= t
        print(f"  >= {t:.2f}: {above.mean():.3f} of answers, {y[above].mean() if above.any() else float('nan'):.3f} right")
    w = fit(x, y)
    print("weights (fitted on all):")
    for name, weight in zip(names + ["bias"], w):
        print(f"  {name:16s} {weight:+.3f}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "evals/out")
