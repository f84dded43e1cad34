"""Run gold questions through the assistant, judge every answer and report the figures.

Every question goes through the same `Assistant.ask()` the chat uses (one
assistant, warmed up first); `judge.py` holds the rules. Output in --out:
`<set>.records.jsonl` (gold fields, the answer, the judgement per question),
`report.json` and `report.md`. `--floors` turns the report into a CI gate.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from assistant.config import Settings
from assistant.errors import AssistantError
from assistant.answering.conversation import ask_in_conversation
from assistant.evaluation.judge import GoldItem, Judgement, RetrievalJudgement, judge_answer, judge_retrieval
from assistant.evaluation.measures import calibration, ceiling, consistency
from assistant.evaluation.report import headline_lines, markdown
from assistant.evaluation.sets import GoldSet, load_gold, load_set  # noqa: F401  (load_gold: benchmarks use it)
from assistant.types import Answer

SEARCH_DEPTH = 10  # paragraphs asked from each baseline pipeline
RETRIEVAL_FIGURES = ("recall@1", "recall@5", "mrr", "all_evidence@5")
HEADLINE = RETRIEVAL_FIGURES + (
    "answer_correctness", "citation_precision", "citation_recall", "fully_supported", "refusal_accuracy",
    "false_refusal_rate", "figure_check_verdict_accuracy", "false_premise_corrections",
    "hoog_right", "hoog_share", "answer_has_gold", "top1_has_gold", "top3_has_gold",
    "latency_p50_ms", "latency_p95_ms",
)
CONSISTENCY_FIGURES = ("consistency", "right_in_all_wordings", "right_in_any_wording", "right_in_one_wording")
LOWER_IS_BETTER = frozenset({"false_refusal_rate", "latency_p50_ms", "latency_p95_ms"})
GROUP_FIGURES = ("correct", "recall@1", "recall@5", "mrr", "citation_precision", "citation_recall", "fully_supported")
BASELINE_MODES = ("hybrid", "lexical", "dense")


@dataclass
class GoldSetResult:
    """One gold file run end to end: answers, judgements and (optionally) baseline retrieval figures."""

    name: str
    path: str
    items: list[GoldItem]
    answers: list[Answer]
    judgements: list[Judgement]
    baselines: dict[str, dict] = field(default_factory=dict)  # pipeline -> retrieval figures
    aggregate: bool = False  # figures only: no item, question or answer leaves the run
    conversation: bool = False
    variants: list[GoldItem] = field(default_factory=list)
    variant_answers: list[Answer] = field(default_factory=list)
    variant_judgements: list[Judgement] = field(default_factory=list)


def _mean(values: Sequence[float | bool | None]) -> float | None:
    present = [float(v) for v in values if v is not None]
    return sum(present) / len(present) if present else None


def summarise_retrieval(judged: Sequence[RetrievalJudgement]) -> dict:
    """recall@1, recall@5, MRR@10, words in the top 5 over items with evidence; all-evidence@5 over multi-hop."""
    scored = [r for r in judged if r.judged]
    return {
        "n": len(scored),
        "recall@1": _mean([r.recall_at_1 for r in scored]),
        "recall@5": _mean([r.recall_at_k for r in scored]),
        "mrr": _mean([r.reciprocal_rank for r in scored]),
        "all_evidence@5": _mean([r.all_evidence_at_k for r in scored]),
        "words@5": _mean([r.words_at_k for r in scored]),
    }


def summarise(judgements: Sequence[Judgement]) -> dict:
    """Every headline figure over a group of judgements (None where the group has no such items)."""
    answerable = [j for j in judgements if j.answerable]
    latencies = [j.latency_ms for j in judgements if j.latency_ms is not None]
    of = lambda category: [j.correct for j in judgements if j.category == category]  # noqa: E731
    return {
        **summarise_retrieval([j.retrieval for j in judgements]),
        "n": len(judgements),
        "n_answerable": len(answerable),
        "correct": _mean([j.correct for j in judgements]),
        "answer_correctness": _mean([j.correct for j in answerable]),
        "citation_precision": _mean([j.citation_precision for j in judgements]),
        "citation_recall": _mean([j.citation_recall for j in judgements]),
        "fully_supported": _mean([j.fully_supported for j in judgements]),
        "refusal_accuracy": _mean([j.refused for j in judgements if not j.answerable]),
        "false_refusal_rate": _mean([j.refused for j in answerable]),
        "figure_check_verdict_accuracy": _mean([j.verdict_ok for j in judgements if j.verdict_ok is not None]),
        "false_premise_corrections": _mean(of("false_premise")),
        "hoog_right": calibration(judgements)["Hoog"]["right"],
        "hoog_share": _mean([j.confidence_label == "Hoog" for j in judgements]),
        **{f"{place}_has_gold": share for place, share in _ceiling_shares(judgements).items()},
        "latency_p50_ms": float(np.percentile(latencies, 50)) if latencies else None,
        "latency_p95_ms": float(np.percentile(latencies, 95)) if latencies else None,
    }


def _ceiling_shares(judgements: Sequence[Judgement]) -> dict:
    found = ceiling(judgements)
    return {"answer": found["answer"], "top1": found["top1"], "top3": found["top3"]}


def consistency_figures(result: "GoldSetResult") -> dict | None:
    """Right in all / any / exactly one wording, and all as a share of any ('consistency'); None without variants."""
    if not result.variants:
        return None
    c = consistency(result.items, result.judgements, result.variants, result.variant_judgements)
    return {"items": c["n"], "wordings": c["wordings"], "consistency": c["all_of_any"],
            "right_in_all_wordings": c["all"], "right_in_any_wording": c["any"],
            "right_in_one_wording": c["exactly_one"], "variant_correctness": c["variant_correct"]}


def group_by(judgements: Sequence[Judgement], key: Callable[[Judgement], str]) -> dict[str, dict]:
    """`summarise` per value of key (category, difficulty), in first-seen order."""
    groups: dict[str, list[Judgement]] = {}
    for j in judgements:
        groups.setdefault(key(j), []).append(j)
    return {name: summarise(members) for name, members in groups.items()}


def failures(result: GoldSetResult) -> list[dict]:
    """Items with any shortfall: id, question, expected, got and why (none for aggregate sets)."""
    if result.aggregate:
        return []
    return [
        {"id": item.id, "question": item.question, "expected": item.answer, "got": answer.text, "why": list(j.why)}
        for item, answer, j in zip(result.items, result.answers, result.judgements)
        if j.why
    ]


def ask_all(bot, items: Sequence[GoldItem], say: Callable[[str], None], quiet: bool = False) -> list[Answer]:
    """Each question as the chat asks it (a conversation turn with its conversation's earlier answers);
    a question the assistant rejects becomes an empty answer with a note."""
    from assistant.errors import QuestionError

    answers, earlier = [], {}
    for n, item in enumerate(items, 1):
        started = time.perf_counter()
        history = earlier.setdefault(item.conversation, []) if item.conversation else []
        try:
            answer = ask_in_conversation(bot, item.question, history)
        except QuestionError as err:
            elapsed = (time.perf_counter() - started) * 1000
            answer = Answer(item.question, "", notes=[f"QuestionError: {err}"], timings_ms={"total": elapsed})
        answers.append(answer)
        if item.conversation:
            history.append(answer)
        say(f"  [{n}/{len(items)}]" + ("" if quiet else f" {item.id} {answer.timings_ms.get('total', 0):.0f} ms"))
    return answers


def baseline_figures(bot, items: Sequence[GoldItem], settings: Settings, say: Callable[[str], None]) -> dict:
    """Retrieval figures for the retriever's own modes and the plain llama-index pipeline, same questions."""
    from assistant.evaluation.baseline import LlamaIndexBaseline

    def judged(search: Callable[[str], list[str]]) -> dict:
        return summarise_retrieval(
            [judge_retrieval(i.evidence, search(i.question), i.difficulty == "multi_hop") for i in items]
        )

    figures = {}
    for mode in BASELINE_MODES:
        figures[mode] = judged(
            lambda q, mode=mode: [h.paragraph.text for h in bot.retriever.search(q, k=SEARCH_DEPTH, mode=mode)]
        )
    docs = sorted({i.doc for i in items if i.doc})
    say(f"  llama-index baseline over {len(docs)} document(s)")
    plain = LlamaIndexBaseline.build([Path(settings.corpus_dir) / d for d in docs], settings)
    figures["llama-index"] = judged(lambda q: plain.search(q, k=SEARCH_DEPTH))
    return figures


def evaluate_set(
    bot, gold: GoldSet, settings: Settings, with_baselines: bool, say: Callable[[str], None]
) -> GoldSetResult:
    """Ask, judge and (optionally) run the baselines for one gold set, its variants too."""
    items = list(gold.items)
    say(f"{gold.path}: {len(items)} questions" + (f", {len(gold.variants)} variants" if gold.variants else "")
        + (" (aggregate: figures only)" if gold.aggregate else ""))
    answers = ask_all(bot, items, say, quiet=gold.aggregate)
    judgements = [judge_answer(i, a) for i, a in zip(items, answers)]
    result = GoldSetResult(gold.name, gold.path, items, answers, judgements, aggregate=gold.aggregate,
                           conversation=gold.is_conversation)
    if gold.variants:
        result.variants = list(gold.variants)
        result.variant_answers = ask_all(bot, result.variants, say, quiet=gold.aggregate)
        result.variant_judgements = [judge_answer(i, a) for i, a in zip(result.variants, result.variant_answers)]
    if with_baselines:
        result.baselines = {"product": summarise_retrieval([j.retrieval for j in judgements])}
        result.baselines.update(baseline_figures(bot, items, settings, say))
    return result


def check_floors(floors: dict, figures_by_scope: dict[str, dict]) -> list[str]:
    """One message per figure below its floor (above its ceiling for rates where lower is better)."""
    problems = []
    for scope, minimums in floors.items():
        if scope.startswith("_") or scope not in figures_by_scope:
            continue
        for name, bound in minimums.items():
            value = figures_by_scope[scope].get(name, "unknown")
            if value == "unknown":
                problems.append(f"{scope}: '{name}' is not a headline figure (see {', '.join(HEADLINE)})")
            elif value is None:
                continue
            elif name in LOWER_IS_BETTER and value > bound:
                problems.append(f"{scope}: {name} {value:.3f} is above its ceiling {bound:.3f}")
            elif name not in LOWER_IS_BETTER and value < bound:
                problems.append(f"{scope}: {name} {value:.3f} is below its floor {bound:.3f}")
    return problems


def tuned(results: Sequence[GoldSetResult]) -> list[GoldSetResult]:
    """The question sets that tuning may look at: not the holdout, not the conversations."""
    return [r for r in results if not r.aggregate and not r.conversation]


def holdout(results: Sequence[GoldSetResult]) -> list[GoldSetResult]:
    return [r for r in results if r.name.startswith("holdout/")]


def scopes(results: Sequence[GoldSetResult]) -> dict[str, dict]:
    """Headline figures per gold set, over the tuned question sets ('overall') and over the holdout ('holdout')."""
    figures = {r.name: summarise(r.judgements) for r in results}
    figures["overall"] = summarise([j for r in tuned(results) for j in r.judgements])
    if holdout(results):
        figures["holdout"] = summarise([j for r in holdout(results) for j in r.judgements])
    with_variants = [r for r in results if r.variants]
    if with_variants:
        figures["variants"] = summarise([j for r in with_variants for j in r.variant_judgements])
        combined = GoldSetResult("all", "", [i for r in with_variants for i in r.items], [],
                                 [j for r in with_variants for j in r.judgements],
                                 variants=[v for r in with_variants for v in r.variants],
                                 variant_judgements=[j for r in with_variants for j in r.variant_judgements])
        figures["variants"].update(consistency_figures(combined))
    return figures


def report_json(results: Sequence[GoldSetResult], settings: Settings) -> dict:
    """The whole report as one JSON-ready dict."""
    figures = scopes(results)
    everything = [j for r in tuned(results) for j in r.judgements]
    held = [j for r in holdout(results) for j in r.judgements]
    return {
        "created": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "index_dir": str(settings.index_dir),
        "headline_figures": list(HEADLINE),
        "group_figures": list(GROUP_FIGURES),
        "retrieval_figures": list(RETRIEVAL_FIGURES) + ["words@5"],
        "consistency_figures": list(CONSISTENCY_FIGURES),
        "overall": figures["overall"],
        "overall_by_category": group_by(everything, lambda j: j.category),
        "overall_by_difficulty": group_by(everything, lambda j: j.difficulty),
        "overall_calibration": calibration(everything),
        "holdout": figures.get("holdout"),
        "holdout_by_category": group_by(held, lambda j: j.category) if held else {},
        "holdout_by_difficulty": group_by(held, lambda j: j.difficulty) if held else {},
        "holdout_calibration": calibration(held) if held else {},
        "variants": figures.get("variants"),
        "sets": {
            r.name: {
                "path": r.path,
                "aggregate": r.aggregate,
                "headline": figures[r.name],
                "by_category": group_by(r.judgements, lambda j: j.category),
                "by_difficulty": group_by(r.judgements, lambda j: j.difficulty),
                "calibration": calibration(r.judgements),
                "ceiling": ceiling(r.judgements),
                "consistency": consistency_figures(r),
                "baselines": r.baselines,
                "failures": failures(r),
            }
            for r in results
        },
    }


def write_outputs(results: Sequence[GoldSetResult], report: dict, out: Path) -> None:
    """Per-question records as JSONL and the report as JSON and Markdown."""
    out.mkdir(parents=True, exist_ok=True)
    for r in results:
        if r.aggregate:
            continue  # figures only: nobody reads a holdout item's answer
        with open(out / f"{r.name}.records.jsonl", "w", encoding="utf-8") as fh:
            for item, answer, j in zip(r.items + r.variants, r.answers + r.variant_answers,
                                       r.judgements + r.variant_judgements):
                record = {**item.__dict__, "response": answer.to_json(), "judgement": j.to_json()}
                fh.write(json.dumps(record, ensure_ascii=False, default=list) + "\n")
    (out / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    (out / "report.md").write_text(markdown(report), encoding="utf-8")


def run_eval(paths: Sequence[Path], settings: Settings, out: Path, with_baselines: bool = False,
             show_progress: bool = False, with_variants: bool = False, aggregate: bool = False) -> dict:
    """Run every gold file through one warm assistant, write the outputs and return the report."""
    from assistant.llm import open_assistant

    say = (lambda msg: print(msg, file=sys.stderr, flush=True)) if show_progress else (lambda msg: None)
    bot = open_assistant(settings)
    bot.ask("Wat is het budget?")  # warm-up: model load and caches stay out of the latency figures
    sets = [load_set(Path(p), with_variants, aggregate) for p in paths]
    results = [evaluate_set(bot, s, settings, with_baselines and not s.aggregate, say) for s in sets]
    report = report_json(results, settings)
    write_outputs(results, report, out)
    return report


def floor_scopes(report: dict) -> dict[str, dict]:
    """The figures floors may name: each set, 'overall', 'holdout' and 'variants' (with consistency)."""
    figures = {name: s["headline"] for name, s in report["sets"].items()}
    figures.update({scope: report[scope] for scope in ("overall", "holdout", "variants") if report.get(scope)})
    return figures


def run_eval_cli(args, settings: Settings) -> int:
    """`assistant eval`: print the headline table; exit 1 when a figure is below its floor."""
    floors = None
    if args.floors:
        try:
            floors = json.loads(Path(args.floors).read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise AssistantError(f"{args.floors}: cannot read the floors file ({err}). Give a JSON object.") from err
    report = run_eval([Path(p) for p in args.gold], settings, Path(args.out), args.baselines, show_progress=True,
                      with_variants=args.variants, aggregate=args.aggregate)
    print("\n".join(headline_lines(report)))
    print(f"\nReport: {Path(args.out) / 'report.md'}")
    if floors is None:
        return 0
    problems = check_floors(floors, floor_scopes(report))
    for problem in problems:
        print(f"FLOOR: {problem}", file=sys.stderr)
    if problems:
        print(f"{len(problems)} figure(s) outside their floors in {args.floors}.", file=sys.stderr)
    return 1 if problems else 0
