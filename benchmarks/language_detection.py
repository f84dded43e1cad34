"""text.language.detect_language against lingua-language-detector on short questions: 40 Dutch and 20
English/German questions written for this benchmark (not the ones the rule was tuned on), the cases of
tests/test_language.py and every gold question; then lingua's load time, memory and time per question.

Usage: .venv/bin/python benchmarks/language_detection.py
Needs `pip install lingua-language-detector==2.1.1` (not a dependency of the product; see docs/text.md).
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import time
from pathlib import Path

from lingua import Language, LanguageDetectorBuilder

from assistant.text.language import DEFAULT_LANGUAGE, detect_language

ROOT = Path(__file__).resolve().parent.parent

# Written for this benchmark: terse, lowercase, typos, about the corpus's documents and others like them.
FRESH_DUTCH = [
    "hoeveel kost de verhoging van het verlaagde btw tarief", "btw 9 naar 21 procent opbrengst",
    "wat levert de vuurwerkbelasting op", "afbouwpunt heffingskorting verhogen gevolgen",
    "wanneer komt de nieuwe mia vamil lijst", "wie beoordeelt de aanvragen", "draagmoederschap verbieden?",
    "is commercieel draagmoederschap strafbaar", "hoe lang duurt de tozo", "tozo aanvragen tot wanneer",
    "wat vraagt de motie over spaarrente", "welke landen doen mee", "hoeveel ton co2 minder in 2030",
    "wat is het plafond voor schiphol", "ultrafijn stof rond schiphol maatregelen", "kerosine ontzwavelen kosten",
    "hoeveel geld voor innovatie rijkswaterstaat", "wat is een impact assessment", "instant betalingen eu regels",
    "mifid herziening wat verandert er", "wie is de toezichthouder", "wat staat er over de coronamelder",
    "is de app verplicht", "hoeveel mensen gebruiken de app", "staatsschuld 2023 procent bbp",
    "wat adviseert de studiegroep", "begrotingsreserve hoeveel", "hoeveel scholen doen mee",
    "welk bedrag is voorwaardelijk", "wanneer wordt het geld uitgekeerd", "zijn er extra middelen voor het mbo",
    "aantal aanvragen techkwadraat 2025", "klopt het dat de regeling tot 2031 loopt",
    "Kan de minister toelichten waarom dit niet eerder is gedaan?", "wat zijn de gevolgen voor gemeenten",
    "subsdie aanvragen hoe", "welke partijen zitten in het platform", "wie betaalt de rekening",
    "vanaf welk jaar structureel", "wat is het verschil met vorig jaar",
]
FRESH_OTHER = [
    ("en", "how much does the vat increase raise"), ("en", "when does the tozo end"),
    ("en", "who assesses the applications"), ("en", "is commercial surrogacy banned in the Netherlands"),
    ("en", "what is the Schiphol emissions cap"), ("en", "how many schools take part"),
    ("en", "which countries are involved"), ("en", "what does the study group advise"),
    ("en", "is the app mandatory"), ("en", "what changes under the new MiFID rules"),
    ("de", "Wie viel bringt die Feuerwerkssteuer ein?"), ("de", "Wann endet die Tozo-Regelung?"),
    ("de", "Wer prüft die Anträge?"), ("de", "Ist Leihmutterschaft in den Niederlanden verboten?"),
    ("de", "Welche Länder nehmen teil?"), ("de", "Was empfiehlt die Studiengruppe?"),
    ("de", "Ist die App Pflicht?"), ("de", "Wie hoch ist die Staatsverschuldung?"),
    ("de", "Was kostet die Erhöhung der Mehrwertsteuer?"), ("de", "Gibt es mehr Geld für Schulen?"),
]
_CODES = {Language.DUTCH: "nl", Language.ENGLISH: "en", Language.GERMAN: "de", Language.FRENCH: "fr",
          Language.AFRIKAANS: "nl"}  # Afrikaans read as Dutch, as text.language does
_FOUR = (Language.DUTCH, Language.ENGLISH, Language.GERMAN, Language.FRENCH)


def test_cases() -> list[tuple[str, str]]:
    spec = importlib.util.spec_from_file_location("test_language", ROOT / "tests" / "test_language.py")
    cases = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(cases)
    return ([("nl", q) for q in cases.DUTCH] + [("en", q) for q in cases.ENGLISH] + [("de", q) for q in cases.GERMAN]
            + [("fr", "Quel est le budget de Techkwadraat?")])


def gold_questions() -> list[tuple[str, str]]:
    return [("nl", json.loads(line)["question"]) for path in sorted((ROOT / "evals").glob("*.jsonl"))
            for line in path.open() if line.strip()]


def lingua_detector(languages):
    """lingua's guess as an ISO code, Dutch when it cannot decide (as detect_language does)."""
    detector = LanguageDetectorBuilder.from_languages(*languages).build()

    def detect(text: str) -> str:
        found = detector.detect_language_of(text)
        return _CODES.get(found, found.iso_code_639_1.name.lower()) if found else DEFAULT_LANGUAGE
    return detect


def score(detect, cases: list[tuple[str, str]]) -> tuple[int, list[str]]:
    wrong = [f"{text!r} -> {got}" for want, text in cases if (got := detect(text)) != want]
    return len(cases) - len(wrong), wrong


def load_cost(languages: str) -> str:
    """Seconds to build and first use a detector, and the memory it adds, in a fresh process."""
    code = ("import re, time; from lingua import Language as L, LanguageDetectorBuilder as B; "
            "rss = lambda: int(re.search(r'VmRSS:\\s+(\\d+)', open('/proc/self/status').read()).group(1)); "
            "before = rss(); t = time.perf_counter(); "
            f"d = B.{languages}.build(); d.detect_language_of('wanneer krijgt de Kamer de brief'); "
            "print(time.perf_counter() - t, (rss() - before) / 1024)")
    seconds, megabytes = map(float, subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                                   check=True).stdout.split())
    return f"{seconds:.2f} s, +{megabytes:.0f} MB"


def main() -> None:
    sets = {"fresh Dutch (40)": [("nl", q) for q in FRESH_DUTCH], "fresh English/German (20)": FRESH_OTHER,
            "tests/test_language.py": test_cases(), "gold questions (all Dutch)": gold_questions()}
    detectors = {
        "text.language (function words + langdetect)": detect_language,
        "lingua nl/en/de/fr": lingua_detector(_FOUR),
        "lingua all languages": lingua_detector(Language.all()),
    }
    for name, detect in detectors.items():
        print(name)
        for label, cases in sets.items():
            right, wrong = score(detect, cases)
            print(f"  {label}: {right}/{len(cases)}" + (f"   wrong: {'; '.join(wrong[:6])}" if wrong else ""))
        detect("warm up: the first call loads the models")
        started = time.perf_counter()
        for _, text in sets["gold questions (all Dutch)"]:
            detect(text)
        print(f"  {1e3 * (time.perf_counter() - started) / len(sets['gold questions (all Dutch)']):.2f} ms per question")
    print("lingua load (build + first question, fresh process):")
    print("  nl/en/de/fr:", load_cost("from_languages(L.DUTCH, L.ENGLISH, L.GERMAN, L.FRENCH)"))
    print("  all languages:", load_cost("from_all_languages()"))


if __name__ == "__main__":
    main()
