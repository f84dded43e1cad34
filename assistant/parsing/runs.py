"""Where each shown string of a PDF text fragment starts and ends, so table cells keep their columns.

pypdf hands its text visitor one fragment per line of text when strings on that line are moved with `Td`
("Openbaar bestuur 83,6 88,3 5,6 -0,7"), and the kerning inside a `TJ` array becomes a space: the column each
figure stood in is lost. The content-stream operators it sees first still carry the positions; `ShownRuns`
records them and cuts a fragment back into its positioned pieces. Duck-typed over pypdf's operand objects, so
this module does not import pypdf.
"""

from __future__ import annotations

from dataclasses import dataclass

Piece = tuple[float, float, str]  # x where the text starts, x where it ends, the text
FALLBACK_EM = 0.5  # advance of a character whose font gives no widths


@dataclass(frozen=True)
class _Run:
    x0: float  # where its first non-space character starts
    x1: float  # where its last non-space character ends
    chars: int  # characters the string decodes to (one per byte, or per two bytes in a Type0 font)


class ShownRuns:
    """Collects the strings shown since the last fragment (via pypdf's `visitor_operand_before`)."""

    def __init__(self, fonts) -> None:
        self._fonts = fonts  # the page's /Font resources
        self._font = None
        self._size = 1.0
        self._char_spacing = 0.0  # Tc and Tw, in unscaled text space units
        self._word_spacing = 0.0
        self._runs: list[_Run] = []

    def before(self, operator: bytes, operands: list, cm: list, tm: list) -> None:
        if operator == b"Tf" and len(operands) >= 2:
            self._font = _resolve(self._fonts, operands[0])
            self._size = _number(operands[1], 1.0)
        elif operator == b"Tc" and operands:
            self._char_spacing = _number(operands[0], 0.0)
        elif operator == b"Tw" and operands:
            self._word_spacing = _number(operands[0], 0.0)
        elif operator == b"Tj" and operands:
            self._show([operands[0]], cm, tm)
        elif operator == b"TJ" and operands and isinstance(operands[0], list):
            self._show(operands[0], cm, tm)

    def _show(self, items: list, cm: list, tm: list) -> None:
        scale = abs(tm[0] * cm[0]) or 1.0
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        two_byte = _two_byte(self._font)
        for item in items:
            if isinstance(item, (int, float)) or hasattr(item, "as_numeric"):
                x -= _number(item, 0.0) / 1000 * self._size * scale
                continue
            codes = _codes(item)
            if codes is None:
                continue
            step = 2 if two_byte else 1
            advances = [self._advance(codes[i:i + step]) * scale for i in range(0, len(codes), step)]
            spaces = [not two_byte and c == 32 for c in codes] if not two_byte else [False] * len(advances)
            lead = next((i for i, space in enumerate(spaces) if not space), len(spaces))
            tail = next((i for i, space in enumerate(reversed(spaces)) if not space), len(spaces))
            x0 = x + sum(advances[:lead])
            x += sum(advances)
            self._runs.append(_Run(x0, x - sum(advances[len(advances) - tail:]), len(advances)))

    def _advance(self, code: bytes) -> float:
        """Advance of one character code in text space, with character and word spacing."""
        spacing = self._char_spacing + (self._word_spacing if code == b" " else 0.0)
        try:
            widths, first = self._font["/Widths"], int(self._font["/FirstChar"])
            c = code[0] if len(code) == 1 else int.from_bytes(code, "big")
            glyph = float(widths[c - first]) if 0 <= c - first < len(widths) else 500.0
        except (KeyError, TypeError, ValueError, IndexError):
            glyph = FALLBACK_EM * 1000
        return glyph / 1000 * self._size + spacing

    def pieces(self, text: str, x: float, width: float) -> list[Piece]:
        """The fragment cut where pypdf put a space between two shown strings; one piece when they do not line up."""
        runs, self._runs = self._runs, []
        body = text.rstrip("\n")
        whole = [(x, x + width, body.strip())]
        if len(runs) < 2:
            return whole
        pieces: list[Piece] = []
        pos, begin, start = 0, 0, None
        for run in runs:
            if run.x1 > run.x0:
                start = run.x0 if start is None else start
                end = run.x1
            pos += run.chars
            if pos > len(body):
                return whole
            if start is not None and (pos == len(body) or body[pos] == " " or body[pos - 1] == " "):
                pieces.append((start, end, body[begin:pos].strip()))
                while pos < len(body) and body[pos] == " ":
                    pos += 1
                begin, start = pos, None
        if body[pos:].strip() or start is not None:
            return whole
        return [p for p in pieces if p[2]]


def _resolve(fonts, name):
    try:
        return fonts[name].get_object()
    except (KeyError, TypeError, AttributeError):
        return None


def _number(value, default: float) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return default


def _codes(item) -> bytes | None:
    if isinstance(item, bytes):
        return item
    original = getattr(item, "original_bytes", None)
    if isinstance(original, bytes):
        return original
    if isinstance(item, str):
        return item.encode("latin-1", "replace")
    return None


def _two_byte(font) -> bool:
    try:
        return font is not None and str(font.get("/Subtype")) == "/Type0"
    except AttributeError:
        return False
