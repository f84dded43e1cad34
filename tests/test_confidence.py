"""The confidence estimate: every weighted signal is produced, labels follow the estimate, and the fitting script
recovers a known model. Calibration itself is measured by `assistant eval` on the holdout, not asserted here."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np

from assistant.answering import tuning as T
from assistant.answering.confidence import HIGH, MIDDLE, calibrated, confidence_label

ROOT = Path(__file__).resolve().parent.parent


def _fitter():
    spec = importlib.util.spec_from_file_location("fit_confidence", ROOT / "evals" / "fit_confidence.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_weight_names_a_signal_the_answerer_produces(corpus_assistant):
    answer = corpus_assistant.ask("Hoeveel extra geld gaat naar praktijkgericht onderzoek?")
    assert not answer.refused
    assert set(T.CONFIDENCE_WEIGHTS) == set(answer.signals), "a misspelt weight would silently count as 0"
    assert all(0.0 <= value <= 1.0 for value in answer.signals.values())
    assert answer.confidence == calibrated(answer.signals)
    assert answer.to_json()["signals"].keys() == answer.signals.keys()


def test_a_refusal_has_no_confidence(corpus_assistant):
    answer = corpus_assistant.ask("Hoeveel kost de nieuwe kazerne van de marechaussee in Zeeland?")
    assert answer.refused and answer.confidence == 0.0 and confidence_label(answer.confidence) == "Laag"


def test_the_estimate_rises_with_each_positively_weighted_signal():
    base = {name: 0.5 for name in T.CONFIDENCE_WEIGHTS}
    for name, weight in T.CONFIDENCE_WEIGHTS.items():
        more = calibrated({**base, name: 1.0})
        assert (more > calibrated(base)) if weight > 0 else (more <= calibrated(base)), name


def test_labels_follow_the_thresholds():
    assert MIDDLE < HIGH
    assert [confidence_label(v) for v in (HIGH, (HIGH + MIDDLE) / 2, MIDDLE - 0.01)] == ["Hoog", "Middel", "Laag"]


def test_the_fitting_script_recovers_a_known_model_from_eval_records(tmp_path):
    rng = np.random.default_rng(7)
    truth = {"alpha": 3.0, "beta": -2.0}
    lines = []
    for n in range(3000):
        signals = {"alpha": float(rng.random()), "beta": float(rng.random())}
        chance = 1 / (1 + np.exp(-(truth["alpha"] * signals["alpha"] + truth["beta"] * signals["beta"] - 0.5)))
        right = bool(rng.random() < chance)
        lines.append(json.dumps({"id": f"q{n}", "response": {"refused": False, "signals": signals},
                                 "judgement": {"correct": right}}))
    lines.append(json.dumps({"id": "refused", "response": {"refused": True, "signals": {}}, "judgement": {"correct": True}}))
    (tmp_path / "set.records.jsonl").write_text("\n".join(lines), encoding="utf-8")
    fitter = _fitter()
    names, x, y, groups = fitter.load(tmp_path)
    assert names == ["alpha", "beta"] and len(y) == 3000, "refusals carry no confidence and are left out"
    weights = fitter.fit(x, y)
    assert abs(weights[0] - 3.0) < 0.5 and abs(weights[1] + 2.0) < 0.5 and abs(weights[2] + 0.5) < 0.4
