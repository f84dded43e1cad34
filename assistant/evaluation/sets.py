"""Gold sets as the evaluation runs them: plain question files, paraphrase variants, conversations, holdout.

- `evals/NAME.jsonl`: gold items (evals/README.md).
- `evals/variants/NAME.jsonl`: other wordings of the items of `evals/NAME.jsonl`; each line names the
  item it rewords (`variant_of`) and shares that item's gold answer.
- `evals/conversations/*.jsonl`: conversation turns, gold items with `conversation` and `turn`, asked in
  order with the earlier answers as history, as the chat asks them.
- `evals/holdout/*.jsonl`: written blind; always judged in aggregate (figures only, no items).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

from assistant.errors import AssistantError
from assistant.evaluation.judge import GoldItem

VARIANTS_DIR = "variants"
HOLDOUT_DIR = "holdout"


@dataclass(frozen=True)
class GoldSet:
    """One file's items, ready to ask; `aggregate` sets are reported as figures only."""

    name: str
    path: str
    items: tuple[GoldItem, ...]
    aggregate: bool = False
    variants: tuple[GoldItem, ...] = ()  # other wordings of `items`, judged beside them

    @property
    def is_conversation(self) -> bool:
        return any(item.conversation for item in self.items)


def read_jsonl(path: Path) -> list[dict]:
    """The JSON objects of a JSONL file; a malformed line is an error naming the file and line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise AssistantError(f"{path}: cannot read the gold file ({err.strerror}). Check the path.") from err
    rows = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as err:
            raise AssistantError(f"{path}:{number}: not JSON ({err}). See evals/README.md for the fields.") from err
        if not isinstance(row, dict):
            raise AssistantError(f"{path}:{number}: not a JSON object. See evals/README.md for the fields.")
        rows.append(row)
    return rows


def load_gold(path: Path) -> list[GoldItem]:
    """Gold items from a JSONL file; a malformed line is an error naming the file and line."""
    items = []
    for number, row in enumerate(read_jsonl(path), 1):
        try:
            items.append(GoldItem.from_dict(row))
        except (ValueError, KeyError, TypeError) as err:
            raise AssistantError(f"{path}: item {number} is not a gold item ({err}). See evals/README.md.") from err
    return items


def load_variants(path: Path, originals: list[GoldItem]) -> list[GoldItem]:
    """The variant lines of `path` as gold items: the original's gold with the variant's id and question."""
    by_id = {item.id: item for item in originals}
    variants = []
    for row in read_jsonl(path):
        original = by_id.get(str(row.get("variant_of", "")))
        if original is None or not str(row.get("question", "")).strip():
            raise AssistantError(f"{path}: variant {row.get('id', '?')} names no item of its gold file "
                                 f"(variant_of={row.get('variant_of')!r}) or has no question.")
        variants.append(replace(original, id=str(row["id"]), question=row["question"], variant_of=original.id))
    return variants


def is_holdout(path: Path) -> bool:
    return path.resolve().parent.name == HOLDOUT_DIR


def load_set(path: Path, with_variants: bool = False, aggregate: bool = False) -> GoldSet:
    """One gold file, with its variants (evals/variants/<same name>) when asked and present."""
    items = load_gold(path)
    variants_path = path.parent / VARIANTS_DIR / path.name
    variants = load_variants(variants_path, items) if with_variants and variants_path.is_file() else []
    name = f"{HOLDOUT_DIR}/{path.stem}" if is_holdout(path) else path.stem
    return GoldSet(name, str(path), tuple(items), aggregate or is_holdout(path), tuple(variants))
