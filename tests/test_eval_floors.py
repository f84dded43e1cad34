"""CI gate: every shipped gold set, judged over the whole corpus index, stays at or above its recorded floors.

The holdout is judged in aggregate (figures only); the variants of dev and gold_* are asked beside them.
"""

from __future__ import annotations

import json
from pathlib import Path

from assistant.evaluation.runner import check_floors, floor_scopes, run_eval

ROOT = Path(__file__).resolve().parent.parent
EVALS = ROOT / "evals"


def test_shipped_gold_sets_meet_their_floors(corpus_settings, tmp_path):
    gold = sorted(EVALS.glob("*.jsonl")) + sorted((EVALS / "conversations").glob("*.jsonl"))
    gold += sorted((EVALS / "holdout").glob("*.jsonl"))
    assert len(gold) >= 2 + 1 + 5, "dev, tuning sets, the conversations and the holdout"
    report = run_eval(gold, corpus_settings, tmp_path / "eval", with_variants=True)
    floors = json.loads((EVALS / "floors.json").read_text(encoding="utf-8"))
    assert {"dev", "overall", "holdout", "conversations", "variants"} <= set(floors)
    problems = check_floors(floors, floor_scopes(report))
    assert not problems, "\n".join(problems)
    assert (tmp_path / "eval" / "report.md").exists()
    assert not (tmp_path / "eval" / "holdout").exists(), "holdout items never leave the run"
