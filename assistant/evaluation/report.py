"""Render an evaluation report (the dict `evaluation.report_json` builds) as Markdown tables."""

from __future__ import annotations

from typing import Sequence

LEGEND = (
    "Retrieval figures count items with evidence (unanswerable items excluded); MRR is cut at rank 10. "
    "`correct` in the group tables is the right answer for answerable items and a refusal for unanswerable ones; "
    "`answer_correctness` counts answerable items only. `false_refusal_rate` is lower-is-better. "
    "`words@5` is how many words the top 5 hold: recall bought with long chunks costs reading."
)


def _fmt(name: str, value) -> str:
    """A figure as table text: 3 decimals, whole milliseconds and words, '–' when not measured."""
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    if name.endswith("_ms") or name == "words@5":
        return f"{value:.0f}"
    return str(value) if isinstance(value, int) else f"{value:.3f}"


def table(rows: dict[str, dict], columns: Sequence[str], first: str) -> list[str]:
    """A Markdown table: one row per key of `rows`, one column per figure."""
    lines = [f"| {first} | " + " | ".join(columns) + " |", "|---" * (len(columns) + 1) + "|"]
    lines += [f"| {k} | " + " | ".join(_fmt(c, v.get(c)) for c in columns) + " |" for k, v in rows.items()]
    return lines


def headline_lines(report: dict) -> list[str]:
    """Headline figures (one column per gold set) and the retrieval comparison per set."""
    headline = report["headline_figures"]
    scope_names = list(report["sets"]) + (["overall"] if len(report["sets"]) > 1 else [])
    figures = {**{n: s["headline"] for n, s in report["sets"].items()}, "overall": report["overall"]}
    rows = {name: {s: _fmt(name, figures[s].get(name)) for s in scope_names} for name in ["n"] + headline}
    lines = table(rows, scope_names, "figure")
    for name, s in report["sets"].items():
        if s["baselines"]:
            lines += ["", f"Retrieval on {name} (product = the paragraphs ask() retrieved; llama-index sees only "
                          "the gold set's documents):", ""]
            lines += table(s["baselines"], ["n"] + report["retrieval_figures"], "pipeline")
    return lines


def groups(by_category: dict, by_difficulty: dict, report: dict) -> list[str]:
    """Per-category and per-difficulty tables."""
    columns = ["n"] + report["group_figures"]
    lines = ["", "### Per category", ""] + table(by_category, columns, "category")
    return lines + ["", "### Per difficulty", ""] + table(by_difficulty, columns, "difficulty")


def markdown(report: dict) -> str:
    """The human report: headline, baselines, per category and difficulty, failures."""
    lines = [f"# Evaluation report ({report['created']})", "", f"Index: `{report['index_dir']}`", ""]
    lines += headline_lines(report) + ["", LEGEND]
    if len(report["sets"]) > 1:
        overall = groups(report["overall_by_category"], report["overall_by_difficulty"], report)
        lines += ["", "## All sets together"] + overall
    for name, s in report["sets"].items():
        lines += ["", f"## {name} (`{s['path']}`)"] + groups(s["by_category"], s["by_difficulty"], report)
        lines += ["", f"### Failures ({len(s['failures'])})", ""]
        for f in s["failures"]:
            lines += [f"- **{f['id']}** {f['question']}", f"  - expected: {f['expected']}",
                      f"  - got: {' '.join(f['got'].split()) or '(empty)'}", f"  - why: {'; '.join(f['why'])}"]
    return "\n".join(lines) + "\n"
