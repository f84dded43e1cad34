"""The evaluation run: figures from judgements, floors, and a real run on a slice of dev.jsonl."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dataclasses import replace

from assistant.evaluation.judge import GoldItem, Judgement, judge_answer
from assistant.evaluation.measures import calibration, ceiling, consistency
from assistant.evaluation.runner import HEADLINE, ask_all, check_floors, group_by, summarise
from assistant.evaluation.sets import load_gold, load_set
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
        if name == "hoog_right" and not headline["hoog_share"]:
            continue  # no answer carried "Hoog": nothing to be right about
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


# ---------------------------------------------------------------- calibration, ceiling, consistency


def _judged(item_id: str, correct: bool, label: str = "Hoog", variant_of: str = "") -> Judgement:
    base = judge_answer(GOLD["q001"], _answer("q001", "€351,6 mln" if correct else "Geen idee."))
    return replace(base, id=item_id, correct=correct, confidence_label=label)


def test_calibration_counts_each_label_and_the_share_right():
    judged = [_judged("a", True), _judged("b", False), _judged("c", True, "Middel"), _judged("d", True, "Hoog")]
    assert calibration(judged) == {
        "Hoog": {"n": 3, "right": 2 / 3}, "Middel": {"n": 1, "right": 1.0}, "Laag": {"n": 0, "right": None},
    }


def test_ceiling_shows_where_the_gold_answer_stands():
    item = GOLD["q001"]  # must_contain "351,6 miljoen"
    with_gold, without = item.evidence[0], FILLER
    found_late = judge_answer(item, _answer("q001", "Geen idee.", ranked=[without, without, with_gold]))
    found_first = judge_answer(item, _answer("q001", "€351,6 mln [1]", ranked=[with_gold]))
    unanswerable = judge_answer(GOLD["q082"], _answer("q082", "Dat staat niet in de documenten.", refused=True))
    assert (found_late.found.answer, found_late.found.top1, found_late.found.top3) == (False, False, True)
    assert (found_first.found.answer, found_first.found.top1, found_first.found.top3) == (True, True, True)
    assert unanswerable.found is None
    assert ceiling([found_late, found_first, unanswerable]) == {"n": 2, "answer": 0.5, "top1": 0.5, "top3": 1.0}


def test_consistency_over_wordings():
    items = [replace(GOLD["q001"], id=i) for i in ("a", "b", "c")]
    variants = [replace(items[0], id=f"a-v{n}", variant_of="a") for n in (1, 2)]
    variants += [replace(items[1], id=f"b-v{n}", variant_of="b") for n in (1, 2)]
    variants += [replace(items[2], id=f"c-v{n}", variant_of="c") for n in (1, 2)]
    # a: right in all three; b: right only as worded first; c: wrong in all three
    judged = [_judged("a", True), _judged("b", True), _judged("c", False)]
    variant_judged = [_judged(v.id, ok) for v, ok in zip(variants, (True, True, False, False, False, False))]
    c = consistency(items, judged, variants, variant_judged)
    assert (c["n"], c["wordings"]) == (3, 9)
    assert (c["all"], c["any"], c["exactly_one"], c["all_of_any"]) == (1 / 3, 2 / 3, 1 / 3, 0.5)


class _RecordingBot:
    """Answers every question with its own text; remembers how much history each question came with."""

    def __init__(self):
        self.calls = []

    def ask(self, question, history=None, filters=None):
        self.calls.append((question, [a.question for a in history or []]))
        return Answer(question, question, timings_ms={"total": 1.0})


def test_conversation_turns_are_asked_with_their_own_conversation_as_history():
    turns = [replace(GOLD["q001"], id=f"{c}-t{n}", question=f"{c}{n}", conversation=c, turn=n)
             for c, n in (("x", 1), ("x", 2), ("y", 1), ("x", 3), ("y", 2))]
    single = replace(GOLD["q001"], id="alone", question="los")
    bot = _RecordingBot()
    ask_all(bot, turns + [single], lambda _: None)
    assert bot.calls == [("x1", []), ("x2", ["x1"]), ("y1", []), ("x3", ["x1", "x2"]), ("y2", ["y1"]), ("los", [])]


def test_variants_take_their_original_gold_and_name_it(tmp_path):
    gold = tmp_path / "set.jsonl"
    gold.write_text(DEV.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    original = load_gold(gold)[0]
    (tmp_path / "variants").mkdir()
    (tmp_path / "variants" / "set.jsonl").write_text(json.dumps(
        {"id": "v1", "variant_of": original.id, "style": "terse", "question": "geld voor x"}) + "\n", encoding="utf-8")
    loaded = load_set(gold, with_variants=True)
    assert [v.id for v in loaded.variants] == ["v1"]
    assert replace(loaded.variants[0], id=original.id, question=original.question, variant_of="") == original
    assert loaded.variants[0].variant_of == original.id
    assert load_set(gold).variants == ()


def test_a_holdout_file_is_always_judged_in_aggregate(tmp_path):
    (tmp_path / "holdout").mkdir()
    held = tmp_path / "holdout" / "h.jsonl"
    held.write_text(DEV.read_text(encoding="utf-8"), encoding="utf-8")
    assert load_set(held).aggregate and load_set(held).name == "holdout/h"
    assert not load_set(DEV).aggregate and load_set(DEV, aggregate=True).aggregate


def test_an_aggregate_run_shows_figures_and_no_question_or_answer(eval_run, annex_settings, tmp_path, capsys):
    from assistant.cli import main

    _, _, gold = eval_run
    (tmp_path / "holdout").mkdir()
    held = tmp_path / "holdout" / "slice.jsonl"
    held.write_text(gold.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    code = main(["eval", str(held), "--index", str(annex_settings.index_dir), "--out", str(out)])
    printed = capsys.readouterr()
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == ["report.json", "report.md"]  # no per-item records
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["sets"]["holdout/slice"]["failures"] == [] and report["holdout"]["n"] == len(SLICE)
    shown = printed.out + printed.err + (out / "report.md").read_text(encoding="utf-8") + json.dumps(report)
    for item_id in SLICE:
        assert item_id not in shown and GOLD[item_id].question not in shown
        assert GOLD[item_id].answer not in shown
