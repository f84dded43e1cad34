"""The evaluation run: figures from judgements, floors, and a real run on a slice of dev.jsonl."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.evaluation.runner import HEADLINE, check_floors, group_by, summarise
from assistant.evaluation.judge import GoldItem, judge_answer
from assistant.types import Answer, Citation, Hit, Paragraph

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "evals" / "dev.jsonl"
GOLD = {d["id"]: GoldItem.from_dict(d) for d in map(json.loads, DEV.read_text(encoding="utf-8").splitlines())}
FILLER = "Het kabinet zet in op regionale samenwerking tussen onderwijs en bedrijfsleven."
SLICE = ("q001", "q028", "q058", "q082", "q100", "q103")  # lookup, multi-hop, unanswerable, false premise, figure check


def _answer(item_id: str, text: str, cited=(), ranked=(), total=0.0, refused=False) -> Answer:
    item = GOLD[item_id]
    return Answer(
        item.question,
        text,
        citations=[Citation(n, "d", "T", (1,), f"c{n}", t, t) for n, t in enumerate(cited, 1)],
        retrieved=[Hit(Paragraph(id=f"r{n}", doc_id="d", text=t, pages=(1,)), 1.0) for n, t in enumerate(ranked, 1)],
        refused=refused,
        timings_ms={"total": total},
    )


@pytest.fixture(scope="module")
def judgements():
    ev = {k: GOLD[k].evidence for k in GOLD}
    answers = {
        "q001": _answer("q001", "€351,6 mln [1]", [ev["q001"][0]], [ev["q001"][0], FILLER], 10),
        "q058": _answer("q058", "Geen idee.", [FILLER], [FILLER, ev["q058"][1], FILLER], 30),
        "q082": _answer("q082", "Dat staat niet in de documenten.", total=20, refused=True),
        "q100": _answer("q100", "Dat staat niet in de documenten.", total=40, refused=True),
        "q103": _answer("q103", "Nee, in april 2024 [1].", [ev["q103"][0], FILLER], [FILLER] * 5 + [ev["q103"][0]], 50),
    }
    return [judge_answer(GOLD[k], a) for k, a in answers.items()]


def test_summary_figures_are_exact(judgements):
    s = summarise(judgements)
    assert (s["n"], s["n_answerable"]) == (5, 4)
    assert s["recall@1"] == 0.25 and s["recall@5"] == 0.5
    assert s["mrr"] == pytest.approx((1 + 1 / 2 + 0 + 1 / 6) / 4)
    assert s["all_evidence@5"] == 0.0  # q058 found only one of its three quotes
    assert s["answer_correctness"] == 0.5 and s["correct"] == 0.6
    assert (s["citation_precision"], s["citation_recall"], s["fully_supported"]) == (0.5, 0.5, 0.5)
    assert (s["refusal_accuracy"], s["false_refusal_rate"]) == (1.0, 0.25)
    assert (s["figure_check_verdict_accuracy"], s["false_premise_corrections"]) == (1.0, 0.0)
    assert (s["latency_p50_ms"], s["latency_p95_ms"]) == (30.0, 48.0)
    assert set(HEADLINE) <= set(s)


def test_groups_leave_figures_empty_where_they_do_not_apply(judgements):
    by_category = group_by(judgements, lambda j: j.category)
    assert list(by_category) == ["budget", "action", "unanswerable", "false_premise", "figure_check"]
    assert by_category["unanswerable"]["recall@1"] is None
    assert by_category["unanswerable"]["correct"] == 1.0
    assert by_category["budget"]["refusal_accuracy"] is None
    assert group_by(judgements, lambda j: j.difficulty)["multi_hop"]["all_evidence@5"] == 0.0


def test_floors_name_each_figure_outside_its_bound():
    figures = {"dev": {"recall@5": 0.75, "mrr": 0.9, "false_refusal_rate": 0.2, "figure_check_verdict_accuracy": None}}
    floors = {
        "_comment": "ignored",
        "dev": {"recall@5": 0.8, "mrr": 0.85, "false_refusal_rate": 0.1, "figure_check_verdict_accuracy": 0.5},
        "hidden": {"recall@5": 0.99},  # a set not run this time is skipped
    }
    assert check_floors(floors, figures) == [
        "dev: recall@5 0.750 is below its floor 0.800",
        "dev: false_refusal_rate 0.200 is above its ceiling 0.100",
    ]
    assert "not a headline figure" in check_floors({"dev": {"recall@6": 0.5}}, figures)[0]


@pytest.fixture(scope="module")
def eval_run(annex_settings, tmp_path_factory):
    """The CLI on six real gold questions against a real annex index, with the baselines."""
    from assistant.cli import main

    tmp = tmp_path_factory.mktemp("eval")
    gold = tmp / "slice.jsonl"
    lines = [ln for ln in DEV.read_text(encoding="utf-8").splitlines() if json.loads(ln)["id"] in SLICE]
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
    floors = tmp / "floors.json"
    floors.write_text(json.dumps({"slice": {"recall@5": 0.0, "false_refusal_rate": 1.0}}), encoding="utf-8")
    out = tmp / "out"
    code = main(["eval", str(gold), "--index", str(annex_settings.index_dir), "--out", str(out),
                 "--baselines", "--floors", str(floors)])
    return code, out, gold


def test_run_writes_records_and_reports_with_figures_in_range(eval_run):
    code, out, _ = eval_run
    assert code == 0
    records = [json.loads(ln) for ln in (out / "slice.records.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == list(SLICE)
    for r in records:
        assert {"question", "category", "must_contain", "evidence", "response", "judgement"} <= set(r)
        assert {"answer", "citations", "retrieved", "timings_ms", "refused"} <= set(r["response"])
        assert {"correct", "why", "citation_recall", "first_evidence_rank"} <= set(r["judgement"])
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    headline = report["sets"]["slice"]["headline"]
    for name in HEADLINE:
        value = headline[name]
        assert value is not None, name
        assert value >= 0 if name.endswith("_ms") else 0 <= value <= 1, name
    pipelines = report["sets"]["slice"]["baselines"]
    assert list(pipelines) == ["product", "hybrid", "lexical", "dense", "llama-index"]
    assert all(p["n"] == 5 and 0 <= p["mrr"] <= 1 for p in pipelines.values())
    assert set(report["sets"]["slice"]["by_category"]) == {"budget", "timeline", "action", "unanswerable",
                                                          "false_premise", "figure_check"}
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "| recall@5 |" in md and "### Per difficulty" in md and "llama-index" in md


def test_a_figure_below_its_floor_fails_the_run(eval_run, annex_settings, tmp_path, capsys):
    from assistant.cli import main

    _, _, gold = eval_run
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"overall": {"recall@1": 1.01}}), encoding="utf-8")
    code = main(["eval", str(gold), "--index", str(annex_settings.index_dir), "--out", str(tmp_path / "o"),
                 "--floors", str(floors)])
    assert code == 1
    assert "overall: recall@1" in capsys.readouterr().err


def test_floors_file_names_only_headline_figures_and_overall_is_never_stricter_than_dev():
    from assistant.evaluation.runner import LOWER_IS_BETTER

    floors = json.loads((ROOT / "evals" / "floors.json").read_text(encoding="utf-8"))
    assert {"dev", "overall"} <= set(floors)
    for scope in ("dev", "overall"):
        assert set(floors[scope]) <= set(HEADLINE), scope
        assert all(0 <= v <= 1 for v in floors[scope].values()), scope
    for name, overall in floors["overall"].items():
        dev = floors["dev"].get(name)
        if dev is not None:
            assert (overall >= dev) if name in LOWER_IS_BETTER else (overall <= dev), name
