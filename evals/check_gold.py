"""Mechanically verify gold-question files against the raw text of the corpus documents.

Usage: python evals/check_gold.py [FILES...] [--corpus DIR]
Without FILES every gold file is checked: evals/*.jsonl, evals/holdout/*.jsonl, evals/conversations/*.jsonl
(turns: two more fields, `conversation` and `turn`, consecutive from 1) and evals/variants/*.jsonl (other
wordings: `id`, `variant_of` naming an item of evals/<same name>, `style`, `question`). Prints one line per problem and a summary;
exits 1 when any problem is found. Uses only pypdf and the standard library.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pypdf

EVALS_DIR = Path(__file__).resolve().parent
DEFAULT_CORPUS = EVALS_DIR.parent / "corpus"

REQUIRED_FIELDS = ("id", "question", "category", "answer", "must_contain", "evidence", "difficulty", "doc")
TURN_FIELDS = ("conversation", "turn")
VARIANT_FIELDS = ("id", "variant_of", "style", "question")
VARIANT_STYLES = frozenset({"reworded", "terse"})
GOLD_DIRS = ("", "holdout", "conversations")
CATEGORIES = frozenset(
    {"budget", "timeline", "action", "actor", "indicator", "unanswerable", "false_premise", "figure_check"}
)
DIFFICULTIES = frozenset({"lookup", "paraphrase", "multi_hop", "computation"})
VERDICT = re.compile(r"^(Ja|Nee)\b")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one gold item (or with a file as a whole)."""

    path: str
    line: int
    item_id: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line} {self.item_id}: {self.message}"


@dataclass
class CheckReport:
    """Everything found while checking a set of gold files."""

    files: int = 0
    items: int = 0
    problems: list[Problem] = field(default_factory=list)


def collapse_whitespace(text: str) -> str:
    """Collapse every run of whitespace (newlines included) into one space: the evidence normalisation."""
    return " ".join(text.split())


def normalise_figure_text(text: str) -> str:
    """Answer-matching normalisation: lowercase, 3,8≡3.8, mln≡miljoen, mld≡miljard, €/euro ignored."""
    text = text.lower().replace(",", ".").replace("€", " ")
    text = re.sub(r"\bmln\b\.?", "miljoen", text)
    text = re.sub(r"\bmld\b\.?", "miljard", text)
    text = re.sub(r"\beuro\b", " ", text)
    return collapse_whitespace(text)


def raw_extraction(path: Path) -> str:
    """Raw text of a corpus document: default pypdf extraction with pages joined by newlines, else the file text.

    A scan without a text layer is read the way its gold items were written: each page rendered at 300 dpi
    (pdftoppm) and read by Tesseract's Dutch model with its default settings.
    """
    if path.suffix.lower() != ".pdf":
        return path.read_text(encoding="utf-8")
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    reader = pypdf.PdfReader(path)
    text = "\n".join(page.extract_text() for page in reader.pages)
    return text if text.strip() else ocr_extraction(path)


def ocr_extraction(path: Path) -> str:
    """Tesseract (nld) over pdftoppm's 300 dpi page images; needs poppler-utils, tesseract-ocr, tesseract-ocr-nld."""
    missing = [tool for tool in ("pdftoppm", "tesseract") if shutil.which(tool) is None]
    if missing:
        raise SystemExit(f"{path.name} is a scan; reading it needs {', '.join(missing)}: "
                         "apt-get install poppler-utils tesseract-ocr tesseract-ocr-nld")
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["pdftoppm", "-r", "300", "-png", str(path), f"{folder}/page"], check=True)
        pages = sorted(Path(folder).glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        return "\n".join(
            subprocess.run(["tesseract", str(page), "-", "-l", "nld"], check=True, capture_output=True, text=True).stdout
            for page in pages
        )


class CorpusTexts:
    """Lazily extracted, whitespace-collapsed document texts, one extraction per document."""

    def __init__(self, corpus_dir: Path) -> None:
        self.corpus_dir = corpus_dir
        self._texts: dict[str, str] = {}

    def exists(self, doc: str) -> bool:
        return bool(doc) and "/" not in doc and (self.corpus_dir / doc).is_file()

    def text(self, doc: str) -> str:
        if doc not in self._texts:
            self._texts[doc] = collapse_whitespace(raw_extraction(self.corpus_dir / doc))
        return self._texts[doc]


def field_problems(item: dict, extra: tuple[str, ...] = ()) -> list[str]:
    """Missing or mistyped fields and disallowed category/difficulty values."""
    allowed = REQUIRED_FIELDS + extra
    messages = [f"missing field '{name}'" for name in allowed if name not in item]
    messages += [f"unknown field '{name}'" for name in item if name not in allowed]
    for name in ("id", "question", "answer", "doc"):
        if name in item and (not isinstance(item[name], str) or not item[name].strip()):
            messages.append(f"field '{name}' must be a non-empty string")
    for name in ("must_contain", "evidence"):
        value = item.get(name, [])
        if not isinstance(value, list) or not all(isinstance(s, str) and s.strip() for s in value):
            messages.append(f"field '{name}' must be a list of non-empty strings")
    if "category" in item and item["category"] not in CATEGORIES:
        messages.append(f"category '{item['category']}' not allowed")
    if "difficulty" in item and item["difficulty"] not in DIFFICULTIES:
        messages.append(f"difficulty '{item['difficulty']}' not allowed")
    return messages


def shape_problems(item: dict) -> list[str]:
    """Rules tying category and difficulty to answer, evidence and must_contain."""
    category, difficulty = item["category"], item["difficulty"]
    evidence, must_contain = item["evidence"], item["must_contain"]
    messages = []
    if category == "unanswerable":
        if evidence:
            messages.append("unanswerable item has evidence")
        if must_contain:
            messages.append("unanswerable item has must_contain")
        return messages
    if not evidence:
        messages.append("answerable item has no evidence")
    if not must_contain:
        messages.append("answerable item has no must_contain")
    if difficulty == "multi_hop" and len(evidence) < 2:
        messages.append("multi_hop item needs at least two evidence quotes")
    if category == "figure_check" and not VERDICT.match(item["answer"]):
        messages.append("figure_check answer must start with Ja or Nee")
    return messages


def content_problems(item: dict, corpus: CorpusTexts) -> list[str]:
    """Evidence quotes verbatim in the document; must_contain in the answer and (non-computation) the evidence."""
    if not corpus.exists(item["doc"]):
        return [f"doc '{item['doc']}' not found in {corpus.corpus_dir}"]
    document = corpus.text(item["doc"])
    messages = [
        f"evidence quote {number} not in raw extraction of {item['doc']}: {quote[:80]!r}"
        for number, quote in enumerate(item["evidence"], start=1)
        if collapse_whitespace(quote) not in document
    ]
    answer = normalise_figure_text(item["answer"])
    evidence = normalise_figure_text(" | ".join(item["evidence"]))
    for expected in item["must_contain"]:
        wanted = normalise_figure_text(expected)
        if wanted not in answer:
            messages.append(f"must_contain {expected!r} not in answer")
        if item["difficulty"] != "computation" and wanted not in evidence:
            messages.append(f"must_contain {expected!r} not in evidence")
    return messages


def check_item(item: dict, corpus: CorpusTexts, extra: tuple[str, ...] = ()) -> list[str]:
    """All problems of one parsed item, as messages."""
    messages = field_problems(item, extra)
    if messages:
        return messages
    return shape_problems(item) + content_problems(item, corpus)


def turn_problems(items: list[dict]) -> list[tuple[int, str, str]]:
    """Conversation turns: each conversation's lines consecutive, numbered 1, 2, ...; (line, id, message)."""
    problems, seen, previous = [], set(), (None, 0)
    for line, item in items:
        conversation, turn = item.get("conversation"), item.get("turn")
        if not isinstance(conversation, str) or not isinstance(turn, int):
            continue  # reported as a field problem
        expected = previous[1] + 1 if conversation == previous[0] else 1
        if conversation != previous[0] and conversation in seen:
            problems.append((line, item["id"], f"conversation {conversation} continues after another one"))
        elif turn != expected:
            problems.append((line, item["id"], f"turn {turn} of {conversation}, expected {expected}"))
        seen.add(conversation)
        previous = (conversation, turn)
    return problems


def variant_problems(item: dict, originals: dict[str, dict]) -> list[str]:
    """A variant line: its fields, the item it rewords, and every digit group of that question kept."""
    messages = [f"missing field '{name}'" for name in VARIANT_FIELDS if name not in item]
    messages += [f"unknown field '{name}'" for name in item if name not in VARIANT_FIELDS]
    if messages:
        return messages
    original = originals.get(item["variant_of"])
    if original is None:
        return [f"variant_of '{item['variant_of']}' is not an item of its gold file"]
    if item["style"] not in VARIANT_STYLES:
        messages.append(f"style '{item['style']}' not allowed")
    if collapse_whitespace(item["question"]).lower() == collapse_whitespace(original["question"]).lower():
        messages.append("variant repeats its original question")
    missing = [n for n in re.findall(r"\d+", original["question"]) if n not in re.findall(r"\d+", item["question"])]
    if missing:
        messages.append(f"variant drops the figures {missing} of its original")
    return messages


def parsed_lines(path: Path, shown: str, report: CheckReport) -> list[tuple[int, dict]]:
    """(line number, object) of every non-empty line; bad JSON recorded as a problem."""
    items = []
    for line_number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        report.items += 1
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            report.problems.append(Problem(shown, line_number, "?", f"invalid JSON: {error.msg}"))
            continue
        if not isinstance(item, dict):
            report.problems.append(Problem(shown, line_number, "?", "line is not a JSON object"))
            continue
        items.append((line_number, item))
    return items


def check_variants(path: Path, seen_ids: dict[str, str], report: CheckReport) -> None:
    """A variants file against the gold file of the same name one folder up."""
    shown = display_path(path)
    report.files += 1
    gold = path.parent.parent / path.name
    if not gold.is_file():
        report.problems.append(Problem(shown, 0, "?", f"no gold file {display_path(gold)} for these variants"))
        return
    originals = {str(i.get("id")): i for _, i in parsed_lines(gold, display_path(gold), CheckReport())}
    for line_number, item in parsed_lines(path, shown, report):
        item_id = str(item.get("id", "?"))
        if item_id in seen_ids:
            report.problems.append(Problem(shown, line_number, item_id, f"duplicate id (first in {seen_ids[item_id]})"))
        seen_ids.setdefault(item_id, f"{shown}:{line_number}")
        for message in variant_problems(item, originals):
            report.problems.append(Problem(shown, line_number, item_id, message))


def check_file(path: Path, corpus: CorpusTexts, seen_ids: dict[str, str], report: CheckReport) -> None:
    """Check every line of one JSONL file, recording problems and ids in place."""
    if path.resolve().parent.name == "variants":
        check_variants(path, seen_ids, report)
        return
    shown = display_path(path)
    report.files += 1
    turns = path.resolve().parent.name == "conversations"
    extra = TURN_FIELDS if turns else ()
    items = parsed_lines(path, shown, report)
    if turns:
        report.problems.extend(Problem(shown, line, item_id, message) for line, item_id, message in turn_problems(items))
    for line_number, item in items:
        item_id = str(item.get("id", "?"))
        if item_id in seen_ids:
            report.problems.append(Problem(shown, line_number, item_id, f"duplicate id (first in {seen_ids[item_id]})"))
        seen_ids.setdefault(item_id, f"{shown}:{line_number}")
        for message in check_item(item, corpus, extra):
            report.problems.append(Problem(shown, line_number, item_id, message))


def display_path(path: Path) -> str:
    """Path relative to the repository when possible, for short problem lines."""
    try:
        return str(path.resolve().relative_to(EVALS_DIR.parent))
    except ValueError:
        return str(path)


def check_files(paths: list[Path], corpus_dir: Path) -> CheckReport:
    """Check several gold files together (ids must be unique across all of them)."""
    corpus, report, seen_ids = CorpusTexts(corpus_dir), CheckReport(), {}
    for path in paths:
        check_file(path, corpus, seen_ids, report)
    return report


def default_files() -> list[Path]:
    """Every gold, holdout, conversation and variants file under evals/."""
    return [p for folder in (*GOLD_DIRS, "variants") for p in sorted((EVALS_DIR / folder).glob("*.jsonl"))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="gold JSONL files (default: evals/*.jsonl)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="corpus directory")
    args = parser.parse_args(argv)
    paths = args.files or default_files()
    report = check_files(paths, args.corpus)
    for problem in report.problems:
        print(problem)
    print(f"checked {report.items} items in {report.files} files: {len(report.problems)} problems")
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
