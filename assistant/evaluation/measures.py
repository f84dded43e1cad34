"""Figures beyond the per-item judgement: calibration per confidence label, where answers are lost
(answer vs top retrieved paragraphs), and consistency across wordings of one question."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.answering.confidence import LABELS
from assistant.evaluation.judge import GoldItem, Judgement


def _share(flags: Sequence[bool]) -> float | None:
    return sum(flags) / len(flags) if flags else None


def calibration(judgements: Sequence[Judgement]) -> dict[str, dict]:
    """Per confidence label: how many answers carried it and the share of them that were right."""
    return {
        label: {"n": len(members), "right": _share([j.correct for j in members])}
        for label in LABELS
        for members in [[j for j in judgements if j.confidence_label == label]]
    }


def ceiling(judgements: Sequence[Judgement]) -> dict:
    """Over answerable items: the share whose gold answer stands in the answer, the top paragraph, the top 3."""
    found = [j.found for j in judgements if j.found is not None]
    return {
        "n": len(found),
        "answer": _share([f.answer for f in found]),
        "top1": _share([f.top1 for f in found]),
        "top3": _share([f.top3 for f in found]),
    }


def consistency(items: Sequence[GoldItem], judgements: Sequence[Judgement],
                variants: Sequence[GoldItem], variant_judgements: Sequence[Judgement]) -> dict:
    """Per original item over all its wordings: right in all, in any, in exactly one; and all / any."""
    wordings: dict[str, list[bool]] = {item.id: [j.correct] for item, j in zip(items, judgements)}
    for variant, j in zip(variants, variant_judgements):
        wordings.setdefault(variant.variant_of, []).append(j.correct)
    grouped = [flags for flags in wordings.values() if len(flags) > 1]
    right_all = sum(all(flags) for flags in grouped)
    right_any = sum(any(flags) for flags in grouped)
    return {
        "n": len(grouped),
        "wordings": sum(len(flags) for flags in grouped),
        "all": right_all / len(grouped) if grouped else None,
        "any": right_any / len(grouped) if grouped else None,
        "exactly_one": _share([sum(flags) == 1 for flags in grouped]),
        "all_of_any": right_all / right_any if right_any else None,
        "variant_correct": _share(list(j.correct for j in variant_judgements)),
    }
