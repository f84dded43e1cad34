"""Pages set as a form (a column of labels, their text beside them): each label heads the text it labels, read
from the fiches in corpus/ and from rows made up here."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from assistant.parsing.forms import read_form
from assistant.parsing.ingest import load_document

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@dataclass
class _Row:
    y: float
    cells: list = field(default_factory=list)
    size: float = 9.0


def _page(*rows: tuple) -> list[_Row]:
    return [_Row(760 - 12 * i, list(cells)) for i, cells in enumerate(rows)]


def test_labels_beside_their_text_make_a_form():
    rows = _page(
        [(76, "Doelgroep"), (190, "Scholen in het primair onderwijs die meedoen.")],
        [(190, "Zij krijgen een vaste bijdrage.")],
        [(76, "Kosten"), (190, "Jaarlijks € 12 miljoen vanaf 2026.")],
        [(76, "Uitvoering"), (190, "Door DUO, met een")],
        [(190, "aanvraag per schooljaar.")],
    )
    form = read_form(rows)
    assert form is not None
    assert sorted(form.labels.values()) == [("Doelgroep", "Scholen in het primair onderwijs die meedoen."),
                                            ("Kosten", "Jaarlijks € 12 miljoen vanaf 2026."),
                                            ("Uitvoering", "Door DUO, met een")]
    assert {id(rows[1]), id(rows[4])} <= form.text_rows


def test_a_label_standing_on_its_own_row_beside_its_text():
    label, text = _Row(500, [(76, "Budgettaire")]), _Row(500, [(183, "Het beslag is € 3 miljoen per jaar.")])
    rows = [label, _Row(488, [(76, "aspecten")]), text, _Row(488, [(183, "Dat loopt op tot 2030.")]),
            _Row(470, [(76, "Overig"), (183, "Geen opmerkingen.")]), _Row(458, [(183, "Verder niets.")])]
    form = read_form(rows)
    assert form is not None and form.labels[id(label)] == ("Budgettaire", "")


def test_prose_tables_and_lists_are_no_form():
    prose = _page([(76, "De minister stuurt de Kamer voor de zomer een brief over de")],
                  [(76, "uitvoering. Daarin staat ook wat het kost.")],
                  [(94, "met een ingesprongen regel")])
    assert read_form(prose) is None
    table = _page([(76, "Zorg"), (300, "84,9"), (360, "98,0")], [(76, "Onderwijs"), (300, "41,9"), (360, "45,4")],
                  [(76, "Defensie"), (300, "11,6"), (360, "12,5")], [(300, "1,0")])
    assert read_form(table) is None  # labels with figures are table rows
    bullets = _page([(76, "•"), (94, "Eerste punt van de lijst")], [(76, "•"), (94, "Tweede punt")],
                    [(76, "•"), (94, "Derde punt")], [(94, "loopt door")])
    assert read_form(bullets) is None


@lru_cache(maxsize=None)
def _fiche(number: str):
    return load_document(next(CORPUS.glob(f"19_*fiche{number}_*.pdf")))


def _under(doc, label: str) -> list[str]:
    return [p.text for p in doc.paragraphs if p.kind == "paragraph" and p.section and p.section[-1] == label]


def test_a_fiches_labels_head_their_own_text():
    doc = _fiche("120")
    assert _under(doc, "Begroting") == ["Nader te beoordelen. Aandeelhouderskosten volgen niet uit de aangifte."]
    assert _under(doc, "Overig") == ["Samenloop met maatregel C4 moet worden bezien."]
    assert not any(p.text.startswith(("Begroting ", "Economie ")) for p in doc.paragraphs)
    # the sub-questions in the text column ("B. Effect op ...") stay inside the label's text
    assert len(_under(doc, "Economie")) == 3 and _under(doc, "Economie")[1].startswith("B. Effect op investeringen")


def test_a_label_over_two_lines_and_a_table_caption_in_the_text_column():
    doc = _fiche("040")
    assert _under(doc, "Budgettaire aspecten")[0].startswith("Hieronder is het budgettair beslag")
    caption = "Belasting op personenauto’s en motorrijwielen, kosten vrijstelling/teruggaaf"
    assert any(p.kind == "heading" and p.text == caption for p in doc.paragraphs)


def test_a_form_running_on_to_a_page_with_one_label():
    doc = _fiche("141")
    assert _under(doc, "Budgettaire aspecten")[0].startswith("In eerste jaren opbrengst van € 470 miljoen")
