"""Letter-head facts shared by both readers: the 'Datum/Betreft/Kenmerk' labels and the letter's date."""

from __future__ import annotations

import re

from assistant.figures.periods import find_periods

LETTER_LABEL = re.compile(r"^\s*(Datum|Betreft|Onderwerp|Ons kenmerk|Kenmerk|Uw kenmerk|Uw brief)\b[:\s]+(.+)$")
# Address lines of a letter head or sidebar: 'Postbus 20401', '2500 EA  Den Haag', 'www.rijksoverheid.nl'.
ADDRESS_LINE = re.compile(
    r"^\s*(?:>\s*)?(?:Retouradres\b|Postbus\s+\d+|\d{4}\s?[A-Z]{2}\b|(?:https?://)?www\.\S+$|T\s+\+?\d|"
    r"[A-Z][a-zà-ÿ]+(?:straat|weg|plein|laan|haven|kade|gracht|hof)\s+\d+\s*$|"
    r".{0,40}\b\d{4}\s?[A-Z]{2}\s+[A-Z][\w'-]+(?:\s[A-Z][\w'-]+)?\s*$)"
)


def letter_facts(labels: dict[str, str]) -> dict[str, str]:
    """Letter labels as metadata, plus the ISO date of 'Datum 30 mei 2023' (the first day with a year in it)."""
    facts = {("Kenmerk" if k in ("Ons kenmerk", "Kenmerk") else k): v for k, v in labels.items()}
    day = next((p for p in find_periods(facts.get("Datum", "")) if p.precision == "day" and p.has_year), None)
    if day:
        facts["date"] = day.first.isoformat()
    return facts
