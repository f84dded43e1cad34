"""Render an evaluation report (the dict `evaluation.report_json` builds) as Markdown tables."""

from __future__ import annotations

from typing import Sequence

LEGEND = (
    "Retrieval figures count items with evidence (unanswerable items excluded); MRR is cut at rank 10. "
    "`correct` in the group tables is the right answer for answerable items and a refusal for unanswerable ones; "
    "`answer_correctness` counts answerable items only. `false_refusal_rate` is lower-is-better. "
    "`words@5` is how many words the top 5 hold: recall bought with long chunks costs reading. "
    "`hoog_right` is the share of answers shown with \"Hoog\" that were right. `*_has_gold`: the share of answerable "
    "items whose must_contain strings all stand in the composed answer, the top retrieved paragraph, the top 3. "
    "'overall' is the tuned question sets together; 'holdout' the blind sets, reported as figures only."
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


def _scopes(report: dict) -> dict[str, dict]:
    """Column name -> headline figures: each set, then overall (tuned), holdout and variants when present."""
    figures = {n: s["headline"] for n, s in report["sets"].items()}
    if len(report["sets"]) > 1:
        figures["overall"] = report["overall"]
    for scope in ("holdout", "variants"):
        if report.get(scope):
            figures[scope] = report[scope]
    return figures


def headline_lines(report: dict) -> list[str]:
    """Headline figures (one column per gold set), consistency, calibration and the retrieval comparison."""
    headline = report["headline_figures"]
    figures = _scopes(report)
    rows = {name: {s: _fmt(name, f.get(name)) for s, f in figures.items()} for name in ["n"] + headline}
    lines = table(rows, list(figures), "figure")
    lines += consistency_lines(report) + calibration_lines(report)
    for name, s in report["sets"].items():
        if s["baselines"]:
            lines += ["", f"Retrieval on {name} (product = the paragraphs ask() retrieved; llama-index sees only "
                          "the gold set's documents):", ""]
            lines += table(s["baselines"], ["n"] + report["retrieval_figures"], "pipeline")
    return lines


def consistency_lines(report: dict) -> list[str]:
    """Per set with variants: right in all / any / one wording, and consistency (all as a share of any)."""
    rows = {n: s["consistency"] for n, s in report["sets"].items() if s.get("consistency")}
    if report.get("variants"):
        rows["all"] = report["variants"]
    if not rows:
        return []
    columns = ["items", "wordings", *report["consistency_figures"], "variant_correctness"]
    return ["", "Paraphrase consistency (each item with its other wordings):", ""] + table(rows, columns, "set")


def calibration_lines(report: dict) -> list[str]:
    """Share of answers right per confidence label, over the tuned sets and over the holdout."""
    rows = {}
    for scope in ("overall", "holdout"):
        for label, c in (report.get(f"{scope}_calibration") or {}).items():
            rows.setdefault(label, {})[f"{scope} n"] = c["n"]
            rows[label][f"{scope} right"] = c["right"]
    if not rows:
        return []
    columns = list(dict.fromkeys(c for r in rows.values() for c in r))
    return ["", "Calibration (share of answers right per confidence label):", ""] + table(rows, columns, "label")


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
        lines += ["", "## Tuned sets together"] + overall
    if report.get("holdout"):
        held = groups(report["holdout_by_category"], report["holdout_by_difficulty"], report)
        lines += ["", "## Holdout together (figures only)"] + held
    for name, s in report["sets"].items():
        lines += ["", f"## {name} (`{s['path']}`)"] + groups(s["by_category"], s["by_difficulty"], report)
        if s["aggregate"]:
            continue  # figures only
        lines += ["", f"### Failures ({len(s['failures'])})", ""]
        for f in s["failures"]:
            lines += [f"- **{f['id']}** {f['question']}", f"  - expected: {f['expected']}",
                      f"  - got: {' '.join(f['got'].split()) or '(empty)'}", f"  - why: {'; '.join(f['why'])}"]
    return "\n".join(lines) + "\n"
