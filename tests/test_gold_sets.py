"""The shipped gold sets pass evals/check_gold.py, and the checker catches broken items with the right message."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EVALS = ROOT / "evals"
CORPUS = ROOT / "corpus"
CHECKER_PATH = EVALS / "check_gold.py"
ANNEX = "00_bijlage-2_update-pijlers_actieplan-groene-en-digitale-banen_2025.txt"


def _load_checker():
    spec = importlib.util.spec_from_file_location("check_gold", CHECKER_PATH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


check_gold = _load_checker()

# A real item over the Tozo Kamervragen (a PDF, so the raw pypdf extraction is exercised).
TOZO_DOC = "13_aanhangsel_ah-tk-20202021-3235_kamervragen_tozo_szw.pdf"
VALID_ITEM = {
    "id": "t-001",
    "question": "waarom gaat de bbz rente niet omlaag?",
    "category": "action",
    "answer": "Een lagere, niet marktconforme rente geldt als staatssteun en kan tot concurrentievervalsing leiden.",
    "must_contain": ["staatssteun"],
    "evidence": [
        "Het structureel hanteren van een lagere, niet marktconforme rente dient te worden "
        "aange- merkt als staatssteun en kan leiden tot concurrentievervalsing."
    ],
    "difficulty": "paraphrase",
    "doc": TOZO_DOC,
}
COMPUTATION_ITEM = {
    **VALID_ITEM,
    "id": "t-002",
    "question": "verschil rente bbz en tozo?",
    "category": "budget",
    "answer": "6 procentpunt: 8 procent tegen 2%.",
    "must_contain": ["6 procentpunt"],
    "evidence": [
        "In artikel 15 van het Bbz is de hoogte van de rente marktconform vastgesteld op 8 procent.",
        "Bij de invoering van de Tozo is toegelicht waarom de hoogte van de rente is bepaald op 2% (Staatsblad 2020, 118).",
    ],
    "difficulty": "computation",
}


def _write_items(path: Path, items: list[dict]) -> Path:
    path.write_text("".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items), encoding="utf-8")
    return path


def _problems(tmp_path: Path, items: list[dict]) -> list[str]:
    report = check_gold.check_files([_write_items(tmp_path / "broken.jsonl", items)], CORPUS)
    return [str(problem) for problem in report.problems]


def _gold_items() -> list[dict]:
    return [
        json.loads(line)
        for path in sorted(EVALS.glob("gold_*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def test_shipped_sets_have_no_problems():
    paths = check_gold.default_files()
    report = check_gold.check_files(paths, CORPUS)
    assert [str(problem) for problem in report.problems] == []
    assert EVALS / "dev.jsonl" in paths and report.items >= 37 + 70


def test_holdout_variants_and_conversations_are_shipped_and_checked():
    paths = check_gold.default_files()
    by_folder = {folder: [p for p in paths if p.parent.name == folder] for folder in ("holdout", "conversations", "variants")}
    held = [json.loads(line) for p in by_folder["holdout"] for line in p.read_text(encoding="utf-8").splitlines()]
    assert len(held) >= 120
    assert {i["category"] for i in held} == check_gold.CATEGORIES and {i["difficulty"] for i in held} == check_gold.DIFFICULTIES
    for kind, least in (("multi_hop", 15), ("computation", 15)):
        assert sum(i["difficulty"] == kind for i in held) >= least, kind
    assert sum(i["category"] == "unanswerable" for i in held) >= 15
    turns = [json.loads(line) for p in by_folder["conversations"] for line in p.read_text(encoding="utf-8").splitlines()]
    assert len({t["conversation"] for t in turns}) >= 30
    tuned = [p for p in paths if p.parent == EVALS]
    assert {p.name for p in by_folder["variants"]} == {p.name for p in tuned}, "every tuned set has its variants"


def _write_turns(path: Path, turns: list[tuple[str, int]]) -> Path:
    items = [{**VALID_ITEM, "id": f"{c}-t{n}-{k}", "conversation": c, "turn": n} for k, (c, n) in enumerate(turns)]
    return _write_items(path, items)


def test_conversation_turns_must_be_consecutive_from_one(tmp_path):
    folder = tmp_path / "conversations"
    folder.mkdir()
    good = _write_turns(folder / "good.jsonl", [("c1", 1), ("c1", 2), ("c2", 1)])
    assert check_gold.check_files([good], CORPUS).problems == []
    bad = _write_turns(folder / "bad.jsonl", [("c1", 1), ("c1", 3), ("c2", 2), ("c1", 4)])
    problems = [p.message for p in check_gold.check_files([bad], CORPUS).problems]
    assert problems == ["turn 3 of c1, expected 2", "turn 2 of c2, expected 1", "conversation c1 continues after another one"]
    plain = _write_items(tmp_path / "plain.jsonl", [{**VALID_ITEM, "conversation": "c1", "turn": 1}])
    assert "unknown field 'conversation'" in str(check_gold.check_files([plain], CORPUS).problems)


def test_variants_must_name_their_item_keep_its_figures_and_differ(tmp_path):
    _write_items(tmp_path / "set.jsonl", [COMPUTATION_ITEM])
    (tmp_path / "variants").mkdir()
    variant = {"id": "t-002-v1", "variant_of": "t-002", "style": "terse", "question": "bbz vs tozo rente verschil"}
    good = _write_items(tmp_path / "variants" / "set.jsonl", [variant])
    assert check_gold.check_files([good], CORPUS).problems == []
    broken = [
        {**variant, "id": "a", "variant_of": "t-999"},
        {**variant, "id": "b", "question": COMPUTATION_ITEM["question"].upper()},
        {**variant, "id": "c", "style": "shouting"},
    ]
    _write_items(tmp_path / "variants" / "set.jsonl", broken)
    problems = [(p.item_id, p.message) for p in check_gold.check_files([good], CORPUS).problems]
    assert problems == [("a", "variant_of 't-999' is not an item of its gold file"),
                        ("b", "variant repeats its original question"), ("c", "style 'shouting' not allowed")]


def test_gold_sets_cover_six_documents_besides_the_annex_and_every_category():
    items = _gold_items()
    docs = {item["doc"] for item in items}
    assert ANNEX not in docs and len(docs) >= 6
    assert {item["category"] for item in items} == check_gold.CATEGORIES
    assert {item["difficulty"] for item in items} == check_gold.DIFFICULTIES


def test_gold_figure_checks_have_both_verdicts():
    verdicts = {item["answer"].split(".")[0] for item in _gold_items() if item["category"] == "figure_check"}
    assert verdicts == {"Ja", "Nee"}


def test_cli_passes_on_shipped_sets_and_fails_on_a_broken_file(tmp_path):
    ok = subprocess.run([sys.executable, str(CHECKER_PATH)], capture_output=True, text=True, cwd=ROOT)
    assert ok.returncode == 0, ok.stdout
    assert ok.stdout.strip().endswith(": 0 problems")
    broken = _write_items(tmp_path / "broken.jsonl", [{**VALID_ITEM, "answer": "geen idee"}])
    failed = subprocess.run(
        [sys.executable, str(CHECKER_PATH), str(broken), "--corpus", str(CORPUS)], capture_output=True, text=True
    )
    assert failed.returncode == 1
    assert "broken.jsonl:1 t-001: must_contain 'staatssteun' not in answer" in failed.stdout
    assert failed.stdout.strip().endswith(": 1 problems")


def test_valid_items_pass(tmp_path):
    assert _problems(tmp_path, [VALID_ITEM, COMPUTATION_ITEM]) == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"evidence": ["De rente op de Tozo-lening is 3%."]}, "evidence quote 1 not in raw extraction of 13_"),
        ({"answer": "Vanwege de regels."}, "must_contain 'staatssteun' not in answer"),
        ({"must_contain": ["Qredits"], "answer": "zoals bij Qredits"}, "must_contain 'Qredits' not in evidence"),
        ({"category": "figure_check"}, "figure_check answer must start with Ja or Nee"),
        ({"category": "unanswerable", "must_contain": []}, "unanswerable item has evidence"),
        ({"category": "cost"}, "category 'cost' not allowed"),
        ({"difficulty": "hard"}, "difficulty 'hard' not allowed"),
        ({"difficulty": "multi_hop"}, "multi_hop item needs at least two evidence quotes"),
        ({"doc": "99_bestaat_niet.pdf"}, "doc '99_bestaat_niet.pdf' not found"),
        ({"evidence": []}, "answerable item has no evidence"),
        ({"must_contain": "staatssteun"}, "field 'must_contain' must be a list of non-empty strings"),
        ({"source": "x"}, "unknown field 'source'"),
    ],
)
def test_broken_item_is_reported(tmp_path, change, message):
    problems = _problems(tmp_path, [{**VALID_ITEM, **change}])
    assert any(message in problem for problem in problems), problems
    assert all(problem.startswith(f"{tmp_path / 'broken.jsonl'}:1 t-001: ") for problem in problems)


def test_missing_field_is_reported(tmp_path):
    item = {key: value for key, value in VALID_ITEM.items() if key != "doc"}
    assert _problems(tmp_path, [item]) == [f"{tmp_path / 'broken.jsonl'}:1 t-001: missing field 'doc'"]


def test_duplicate_id_and_invalid_json_are_reported(tmp_path):
    path = _write_items(tmp_path / "broken.jsonl", [VALID_ITEM, VALID_ITEM])
    path.write_text(path.read_text(encoding="utf-8") + "{not json\n", encoding="utf-8")
    problems = [str(p) for p in check_gold.check_files([path], CORPUS).problems]
    assert any(":2 t-001: duplicate id" in problem for problem in problems)
    assert any(":3 ?: invalid JSON" in problem for problem in problems)


def test_computation_result_need_not_occur_in_the_evidence(tmp_path):
    assert _problems(tmp_path, [COMPUTATION_ITEM]) == []
    as_lookup = {**COMPUTATION_ITEM, "difficulty": "lookup"}
    assert any("must_contain '6 procentpunt' not in evidence" in p for p in _problems(tmp_path, [as_lookup]))


def test_evidence_matches_across_line_breaks_of_the_raw_extraction(tmp_path):
    # The source sentence spans several pypdf lines; any whitespace in the quote is collapsed.
    item = {**VALID_ITEM, "evidence": ["Het structureel hanteren van een lagere,\nniet marktconforme rente dient te worden\n"
                                        "aange- merkt als staatssteun en kan leiden tot concurrentievervalsing."]}
    assert _problems(tmp_path, [item]) == []
    dehyphenated = {**VALID_ITEM, "evidence": [VALID_ITEM["evidence"][0].replace("aange- merkt", "aangemerkt")]}
    assert any("not in raw extraction" in p for p in _problems(tmp_path, [dehyphenated]))


@pytest.mark.parametrize(
    ("expected", "answer"),
    [
        ("3.8 miljoen", "EZ geeft €3,8 mln."),
        ("351,6 miljoen", "in totaal 351.6 miljoen euro"),
        ("1,2 miljard", "€ 1.2 mld"),
        ("Nationaal Groeifonds", "uit het nationaal groeifonds"),
    ],
)
def test_figure_normalisation_matches_equivalent_writings(expected, answer):
    assert check_gold.normalise_figure_text(expected) in check_gold.normalise_figure_text(answer)


def test_figure_normalisation_keeps_different_figures_apart():
    assert check_gold.normalise_figure_text("3.8 miljoen") not in check_gold.normalise_figure_text("38 miljoen")
