"""CI gate: every shipped gold set, judged over the whole corpus index, stays at or above its recorded floors."""

from __future__ import annotations

import json
from pathlib import Path

from assistant.evaluation.runner import check_floors, run_eval

ROOT = Path(__file__).resolve().parent.parent


def test_shipped_gold_sets_meet_their_floors(corpus_settings, tmp_path):
    gold = sorted((ROOT / "evals").glob("*.jsonl"))
    assert len(gold) >= 2, "the dev set and at least one set over other documents"
    report = run_eval(gold, corpus_settings, tmp_path / "eval")
    figures = {**{name: s["headline"] for name, s in report["sets"].items()}, "overall": report["overall"]}
    floors = json.loads((ROOT / "evals" / "floors.json").read_text(encoding="utf-8"))
    problems = check_floors(floors, figures)
    assert not problems, "\n".join(problems)
    assert (tmp_path / "eval" / "report.md").exists()
