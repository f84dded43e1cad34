"""Pages laid out as a form: short labels in a left column ("Doel", "Begroting", "Uitvoeringsaspecten"), each
with its text in a column to the right. Fiches, fact sheets and lists of measures are set this way; read as
running text, a label glues onto its neighbour's sentence ("... hoofdkantoren. Begroting Nader te beoordelen.").

A label becomes a heading over the text it labels, and that text starts a paragraph; a plain line in the text
column is never read as a heading of its own (a bold one, a table's caption, still is). Pure functions over a page's rows (anything with `y`, `size` and
`cells`, a list of (x, text)).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from assistant.figures.cells import is_value
from assistant.parsing import tuning as T


@dataclass(frozen=True)
class Form:
    """A form page: per labelled row (by id) its label and the text on its row ("" when the text stands in
    rows of its own beside it), and the rows (by id) set in the text column."""

    labels: dict[int, tuple[str, str]]
    text_rows: frozenset[int]
    margin: float = 0.0
    text_x: float = 0.0


def read_form(rows: list, previous: Form | None = None) -> Form | None:
    """The labels and text rows of a page set as a form, or None when the page is not one. A page after a form
    page goes on in the same columns with a single label ("Budgettaire aspecten" on the fiche's last page)."""
    pairs = [(c[0][0], c[1][0]) for c in (r.cells for r in rows) if len(c) >= 2 and _is_label(c[0][1].strip())
             and c[1][0] > c[0][0] + T.FORM_MIN_INDENT_PT]
    if not pairs:
        return None
    margin = float(Counter(round(x) for x, _ in pairs).most_common(1)[0][0])
    starts = Counter(round(text) for x, text in pairs if _at(x, margin))
    text_x = float(max(starts.items(), key=lambda kv: (kv[1], -kv[0]))[0])
    going_on = previous is not None and _at(margin, previous.margin) and _at(text_x, previous.text_x)
    in_text = [r for r in rows if r.cells and text_x - T.FORM_ALIGN_PT <= r.cells[0][0] <= text_x + T.FORM_TEXT_SLACK_PT]
    labels: dict[int, tuple[str, str]] = {}
    for row in rows:
        labelled = _labelled(row, margin, text_x, in_text)
        if labelled is not None:
            labels[id(row)] = labelled
    beside = sum(1 for _, text in labels.values() if text)
    if not going_on and (len(labels) < T.FORM_MIN_LABELS or len(in_text) + beside < T.FORM_MIN_TEXT_ROWS):
        return None
    return Form(labels, frozenset(id(r) for r in in_text), margin, text_x) if labels else None


def _labelled(row, margin: float, text_x: float, in_text: list) -> tuple[str, str] | None:
    """(label, text on its row) for a label at the margin with its text in the text column, on its own row or
    on a row beside it at the same height; None for any other row (running text, a table row)."""
    cells = row.cells
    if not cells or not _at(cells[0][0], margin) or not _is_label(cells[0][1].strip()):
        return None
    label = cells[0][1].strip()
    if len(cells) == 1:
        beside = any(abs(r.y - row.y) < 0.35 * max(row.size, 1.0) for r in in_text)
        return (label, "") if beside else None
    if not text_x - T.FORM_ALIGN_PT <= cells[1][0] <= text_x + T.FORM_TEXT_SLACK_PT:
        return None
    text = " ".join(t.strip() for _, t in cells[1:]).strip()
    if not text or all(is_value(w) for w in text.split()):
        return None  # a label with figures is a table row
    return label, text


def _at(x: float, column: float) -> bool:
    return abs(x - column) <= T.FORM_ALIGN_PT


def _is_label(text: str) -> bool:
    """A name, not a sentence, a list item or a figure: a few words, the first a letter, none a figure, no closing
    full stop."""
    words = text.split()
    return (0 < len(words) <= T.FORM_LABEL_WORDS and text[:1].isalpha() and bool(re.search(r"[^\W\d_]{2}", text))
            and not text.endswith((".", ",", ";", ":")) and not any(is_value(w) for w in words))
