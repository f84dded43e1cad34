"""'Welke regelingen van I&M ...' over a table of words (a list of measures by department, no figures): the rows
of the table under the label the question names, each cited, or all its rows when it names none.

Pure over the retrieved hits and the table's rows (which `rows_of(row)` gives, as for the other table answers).
"""

from __future__ import annotations

import re

from assistant.answering.answer import CitationBook
from assistant.answering.question import WHICH_PLURAL, Intent
from assistant.answering.table_naming import named_share
from assistant.figures.cells import cell_number
from assistant.types import Answer, Hit, Paragraph

ROWS_READ = 5  # retrieved paragraphs searched for rows of a table of words
MIN_ROWS_RETRIEVED = 2  # ... of which at least this many rows of one table: the table is what the question is about
LABEL_NAMED = 0.6  # share of a row label's words the question must name for it to pick those rows ("van I&M")
MAX_ROWS_LISTED = 12  # a longer table is listed in part, the rest left to the cited table

# "wat zijn de regelingen" asks to name them, as "welke regelingen" does (question.WHICH_PLURAL).
_WHAT_ARE = re.compile(r"\bwat\s+zijn\s+de\b", re.I)


def list_answer(intent: Intent, hits: list[Hit], book: CitationBook, rows_of) -> Answer | None:
    """The rows of the table of words the question asks to list, or None when it asks no list of such a table."""
    asks_names = WHICH_PLURAL.search(intent.question) or _WHAT_ARE.search(intent.question)
    if rows_of is None or intent.claim or intent.operation or not asks_names:
        return None
    worded = [h.paragraph for h in hits[:ROWS_READ] if _of_words(h.paragraph)]
    if not worded:
        return None
    first = worded[0]
    key = (first.doc_id, first.table, first.section)
    if sum((p.doc_id, p.table, p.section) == key for p in worded) < MIN_ROWS_RETRIEVED:
        return None
    rows = [p for p in rows_of(first) if _of_words(p)]
    named = [p for p in rows if _names(intent.question, p.cells[0].row)]
    chosen = (named or rows)[:MAX_ROWS_LISTED]
    items = [f"{_value(p)} [{book.cite(p, p.text)}]" for p in chosen]
    under = f" staan bij ‘{chosen[0].cells[0].row}’" if named and len({p.cells[0].row for p in named}) == 1 else " staan"
    title = first.table or (first.section[-1] if first.section else "")
    more = f" De tabel noemt er nog {len(named or rows) - len(chosen)} meer." if len(named or rows) > len(chosen) else ""
    return Answer(text=f"Volgens de tabel ‘{title}’{under}: " + "; ".join(items) + "." + more, citations=book.citations())


def _names(question: str, label: str) -> bool:
    """Does the question name the row label: its words, or the label as written ("I&M", which has no words)?"""
    as_written = re.search(rf"(?<![\w&]){re.escape(label)}(?![\w&])", question, re.I)
    return bool(as_written) or named_share(label, question) >= LABEL_NAMED


def _of_words(p: Paragraph) -> bool:
    """A row of a table whose cells hold words, not figures."""
    filled = [c for c in p.cells if c.raw]
    return p.kind == "table_row" and bool(filled) and all(cell_number(c) is None for c in filled)


def _value(p: Paragraph) -> str:
    """What the row lists: its cells besides the label ('Milieu-investeringsaftrek (MIA)')."""
    label = p.cells[0].row
    values = [c.raw for c in p.cells if c.raw and c.raw != label]
    return ", ".join(values) or label
