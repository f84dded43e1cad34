"""Letter-head facts shared by both readers: the 'Datum/Betreft/Kenmerk' labels and Dutch dates."""

from __future__ import annotations

import re

LETTER_LABEL = re.compile(r"^\s*(Datum|Betreft|Onderwerp|Ons kenmerk|Kenmerk|Uw kenmerk|Uw brief)\b[:\s]+(.+)$")
MONTHS = "januari februari maart april mei juni juli augustus september oktober november december".split()
# Address lines of a letter head or sidebar: 'Postbus 20401', '2500 EA  Den Haag', 'www.rijksoverheid.nl'.
ADDRESS_LINE = re.compile(
    r"^\s*(?:>\s*)?(?:Retouradres\b|Postbus\s+\d+|\d{4}\s?[A-Z]{2}\b|(?:https?://)?www\.\S+$|T\s+\+?\d|"
    r"[A-Z][a-zà-ÿ]+(?:straat|weg|plein|laan|haven|kade|gracht|hof)\s+\d+\s*$|"
    r".{0,40}\b\d{4}\s?[A-Z]{2}\s+[A-Z][\w'-]+(?:\s[A-Z][\w'-]+)?\s*$)"
)


def letter_facts(labels: dict[str, str]) -> dict[str, str]:
    """Letter labels as metadata, plus an ISO date parsed from 'Datum 30 mei 2023'."""
    facts = {("Kenmerk" if k in ("Ons kenmerk", "Kenmerk") else k): v for k, v in labels.items()}
    if "Datum" in facts:
        iso = dutch_date(facts["Datum"])
        if iso:
            facts["date"] = iso
    return facts


def dutch_date(text: str) -> str:
    """'1 maart 2011' → '2011-03-01'; '' when no Dutch date is found."""
    m = re.search(r"(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+(\d{4})", text.lower())
    if not m:
        return ""
    return f"{m.group(3)}-{MONTHS.index(m.group(2)) + 1:02d}-{int(m.group(1)):02d}"
