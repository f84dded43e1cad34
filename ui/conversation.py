"""A chat conversation as data: its turns, the Markdown export with full citations, and answer feedback."""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from assistant.answering.references import reference
from assistant.types import Answer, Filters

VERDICTS_NL = {"ja": "Ja", "nee": "Nee", None: "Niet te bevestigen"}


@dataclass(frozen=True)
class Turn:
    """One question and the answer it got, with the filters in force when it was asked."""

    question: str
    answer: Answer
    filters: Filters = Filters()
    kind: str = "vraag"  # "vraag" or "controle" (a figure check)


def conversation_markdown(turns: list[Turn], title: str = "Gesprek over de Kamerstukken") -> str:
    """The whole conversation as Markdown: each question, answer and its numbered sources with quotes (in the
    formal reference form, "Kamerstukken II 2020/21, 32 545, nr. 143, p. 3"), then every source cited, once."""
    lines = [f"# {title}", "", f"_Geëxporteerd op {time.strftime('%Y-%m-%d %H:%M')}_", ""]
    sources: dict[str, str] = {}
    for n, turn in enumerate(turns, 1):
        label = "Controle" if turn.kind == "controle" else "Vraag"
        lines += [f"## {label} {n}: {turn.question}", "", turn.answer.text, ""]
        if turn.kind == "controle":
            lines += [f"**Oordeel:** {VERDICTS_NL.get(turn.answer.verdict, 'Niet te bevestigen')}", ""]
        if turn.answer.citations:
            lines += ["**Bronnen**", ""]
            for c in turn.answer.citations:
                lines.append(f"{c.marker}. {reference(c, formal=True)} ({c.doc}), alinea `{c.paragraph_id}`")
                lines.append("   > " + " ".join((c.quote or c.text).split()))
                whole = replace(c, pages=())
                sources.setdefault(c.doc, f"{reference(whole, formal=True)} ({c.title or c.doc})" if c.identity else c.title or c.doc)
            lines.append("")
    if sources:
        lines += ["## Bronnen", ""] + [f"- {source}" for source in sources.values()] + [""]
    return "\n".join(lines)


def feedback_path(index_dir: Path) -> Path:
    return index_dir / "feedback.jsonl"


def record_feedback(index_dir: Path, turn: Turn, rating: str, comment: str = "") -> Path:
    """Append one judgement ('goed' or 'fout') of an answer to the index's feedback.jsonl, for evaluation."""
    record = {
        "time": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "rating": rating,
        "comment": comment.strip(),
        "kind": turn.kind,
        "filters": asdict(turn.filters),
        **turn.answer.to_json(),
    }
    record.pop("retrieved", None)
    path = feedback_path(index_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as out:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path
