"""The confidence label an answer is shown with (Hoog / Middel / Laag), from its evidence signal in [0, 1].

The evaluation reports, per label, the share of answers that were right (calibration), so that
"Hoog" can be held to a floor.
"""

from __future__ import annotations

# Thresholds on Answer.confidence. Raising HIGH makes "Hoog" rarer and more often right; chosen by hand,
# calibration per label is measured by `assistant eval` (report: "Calibration").
HIGH = 0.66
MIDDLE = 0.33
LABELS = ("Hoog", "Middel", "Laag")


def confidence_label(confidence: float) -> str:
    """Hoog / Middel / Laag from the retrieval-evidence signal in [0, 1]."""
    if confidence >= HIGH:
        return "Hoog"
    if confidence >= MIDDLE:
        return "Middel"
    return "Laag"
