"""Write golden fixtures for a few real documents; run once, read them by eye, then commit.

Usage: .venv/bin/python tests/golden/regenerate.py
"""

from __future__ import annotations

import json
from pathlib import Path

from assistant.parsing.ingest import load_document

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = {
    "annex_txt": "00_bijlage-2_update-pijlers_actieplan-groene-en-digitale-banen_2025.txt",
    "kamerbrief_sidebar": "01_kamerbrief_ezk_2023-05-30_herijkte_missies_innovatiebeleid.pdf",
    "kamerstuk": "12_kamerstuk_35538-4_2020_advies_raad_van_state_nader_rapport.pdf",
    "budget_table": "17_begroting_kst-35000-I-2_p12_uitsnede_tabellen_euro.pdf",
}


def sample(doc) -> list[dict]:
    """Every fourth paragraph plus every footnote and table row: boundaries, pages, sections, links."""
    picked = [p for i, p in enumerate(doc.paragraphs) if i % 4 == 0 or p.kind in ("footnote", "table_row")]
    return [{"id": p.id, "kind": p.kind, "pages": list(p.pages), "section": list(p.section), "text": p.text,
             "footnotes": list(p.footnotes), "refers_to": p.refers_to} for p in picked]


# Documents whose tables are kept cell by cell (tests/test_tables.py): row, column, value and unit, empty cells included.
TABLE_DOCUMENTS = (
    "17_begroting_kst-35000-I-2_p12_uitsnede_tabellen_euro.pdf",
    "18_studiegroep-begrotingsruimte_fin_2020-10_16e_koers_bepalen.pdf",
    "19_bouwstenen-belastingstelsel_fin_2020-05_fiche005_verhoging-verlaagd-btw-tarief.pdf",
    "19_bouwstenen-belastingstelsel_fin_2020-05_fiche017_afbouwpunt-algemene-heffingskorting.pdf",
    "19_bouwstenen-belastingstelsel_fin_2020-05_fiche040_teruggaaf-bpm-mrb-overheidsvoertuigen.pdf",
    "19_bouwstenen-belastingstelsel_fin_2020-05_fiche080_belasting-consumentenvuurwerk.pdf",
    "19_bouwstenen-belastingstelsel_fin_2020-05_fiche120_aftrekbeperking-aandeelhouderskosten.pdf",
)


def tables(doc) -> list[dict]:
    """Each table of a document (its rows in a run under one title and header) with every cell."""
    found: list[dict] = []
    key = None
    for p in doc.paragraphs:
        if p.kind != "table_row":
            key = None
            continue
        if (p.table, p.section[-1:]) != key:
            key = (p.table, p.section[-1:])
            found.append({"file": doc.path, "pages": list(p.pages), "title": p.table, "rows": []})
        found[-1]["rows"].append({"label": p.cells[0].row if p.cells else p.text, "text": p.text,
                                  "cells": [[c.column, c.raw, c.unit, c.group] for c in p.cells]})
    return found


def main() -> None:
    for name, file_name in DOCUMENTS.items():
        doc = load_document(ROOT / "corpus" / file_name)
        golden = {"file": file_name, "title": doc.title, "date": doc.date, "doc_type": doc.doc_type,
                  "metadata": doc.metadata, "paragraph_count": len(doc.paragraphs), "paragraphs": sample(doc)}
        out = Path(__file__).parent / f"{name}.json"
        out.write_text(json.dumps(golden, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(out.name, len(golden["paragraphs"]))
    found = [t for name in TABLE_DOCUMENTS for t in tables(load_document(ROOT / "corpus" / name))]
    out = Path(__file__).parent / "tables" / "tables.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(found, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(out.name, len(found), "tables")


if __name__ == "__main__":
    main()
