"""Where each shown string of a PDF text fragment starts and ends, so table cells keep their columns.

pypdf hands its text visitor one fragment per line of text when strings on that line are moved with `Td`
("Openbaar bestuur 83,6 88,3 5,6 -0,7"), and the kerning inside a `TJ` array becomes a space: the column each
figure stood in is lost. The content-stream operators it sees first still carry the positions; `ShownRuns`
records them and cuts a fragment back into its positioned pieces. Duck-typed over pypdf's operand objects, so
this module does not import pypdf.

pypdf's text matrix is where a line starts: it does not move on as strings are shown, so a string shown right
after another (a bold "Tabel 4.4: " then the regular title) is placed here from where the last one ended. The
text state (font, Tc, Tw, Tz, TL) is part of the graphics state that `q`/`Q` save and restore. A glyph may
stand for several characters (a ligature "ffi") or for a space (a no-break space in an empty table cell): the
page's `decode` says what each glyph reads as, the way pypdf reads it, so pieces and text line up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from assistant.parsing import tuning as T

Piece = tuple[float, float, str]  # x where the text starts, x where it ends, the text
Decode = Callable[[object], Callable[[bytes], list[str]] | None]  # a font to how its shown bytes read, glyph by glyph
FALLBACK_EM = 0.5  # advance of a character whose font gives no widths
_MOVES = frozenset({b"BT", b"Tm", b"Td", b"TD", b"T*"})  # operators that set where the next string starts


@dataclass(frozen=True)
class _Run:
    x0: float  # where its first non-space character starts
    x1: float  # where its last non-space character ends
    chars: int  # characters the string reads as (a ligature glyph counts its letters)
    apart: bool = False  # set apart from the glyph before it, in the same string, by character spacing


@dataclass
class _TextState:
    """The text state parameters `q` saves and `Q` restores (PDF 32000-1, 9.3)."""

    font: object = None
    size: float = 1.0
    char_spacing: float = 0.0  # Tc and Tw, in unscaled text space units
    word_spacing: float = 0.0
    scaling: float = 1.0  # Tz / 100
    leading: float = 0.0  # TL


class ShownRuns:
    """Collects the strings shown since the last fragment (via pypdf's `visitor_operand_before`)."""

    def __init__(self, fonts, decode: Decode | None = None) -> None:
        self._fonts = fonts  # the page's /Font resources
        self._decode = decode or (lambda font: None)
        self._state = _TextState()
        self._saved: list[_TextState] = []
        self._glyphs: Callable[[bytes], list[str]] | None = None
        self._pen: float | None = None  # where the last string ended, until a move sets the position again
        self._runs: list[_Run] = []

    def before(self, operator: bytes, operands: list, cm: list, tm: list) -> None:
        state = self._state
        if operator in _MOVES:
            self._pen = None
            if operator == b"TD" and len(operands) >= 2:
                state.leading = -_number(operands[1], 0.0)
        elif operator == b"Tf" and len(operands) >= 2:
            state.font = _resolve(self._fonts, operands[0])
            state.size = _number(operands[1], 1.0)
            self._glyphs = self._decode(state.font)
        elif operator in (b"Tc", b"Tw", b"Tz", b"TL") and operands:
            value = _number(operands[0], 0.0)
            if operator == b"Tc":
                state.char_spacing = value
            elif operator == b"Tw":
                state.word_spacing = value
            elif operator == b"Tz":
                state.scaling = value / 100
            else:
                state.leading = value
        elif operator == b"q":
            self._saved.append(_TextState(**vars(state)))
        elif operator == b"Q" and self._saved:
            self._state = self._saved.pop()
            self._glyphs = self._decode(self._state.font)
        elif operator == b"Tj" and operands:
            self._show([operands[0]], cm, tm)
        elif operator == b"TJ" and operands and isinstance(operands[0], list):
            self._show(operands[0], cm, tm)
        elif operator in (b"'", b'"') and operands:
            if operator == b'"' and len(operands) >= 3:
                state.word_spacing, state.char_spacing = _number(operands[0], 0.0), _number(operands[1], 0.0)
            # T* first: the next line, `leading` below where pypdf's matrix still stands
            self._pen = None
            self._show([operands[-1]], cm, [*tm[:4], tm[4] - state.leading * tm[2], tm[5] - state.leading * tm[3]])

    def _show(self, items: list, cm: list, tm: list) -> None:
        state = self._state
        scale = (abs(tm[0] * cm[0]) or 1.0) * state.scaling
        x = self._pen if self._pen is not None else tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        two_byte = _two_byte(state.font)
        step = 2 if two_byte else 1
        for item in items:
            if isinstance(item, (int, float)) or hasattr(item, "as_numeric"):
                x -= _number(item, 0.0) / 1000 * state.size * scale
                continue
            codes = _codes(item)
            if codes is None:
                continue
            glyphs = [codes[i:i + step] for i in range(0, len(codes), step)]
            texts = self._texts(codes, glyphs)
            x = self._add_runs(x, glyphs, texts, scale)
        self._pen = x

    def _texts(self, codes: bytes, glyphs: list[bytes]) -> list[str]:
        """What each glyph reads as; one character each when the font cannot say."""
        try:
            texts = self._glyphs(codes) if self._glyphs else None
        except Exception:  # a damaged font map: count one character a glyph, as before
            texts = None
        if texts is None or len(texts) != len(glyphs):
            return [" " if g == b" " else "?" for g in glyphs]
        return texts

    def _add_runs(self, x: float, glyphs: list[bytes], texts: list[str], scale: float) -> float:
        """Runs of the glyphs shown from `x`, split where character spacing sets them wide apart (an axis's
        ticks shown as one string); returns where the pen ends."""
        size = self._state.size
        x0, x1, chars, apart = None, None, 0, False
        for glyph, text in zip(glyphs, texts):
            width, spacing = self._advance(glyph)
            if text.strip():
                x0 = x if x0 is None else x0
                x1 = x + width * scale
            chars += len(text)
            x += (width + spacing) * scale
            if spacing > T.SPACED_GLYPH_EMS * size and x0 is not None and text.strip():
                self._runs.append(_Run(x0, x1, chars, apart))
                x0, x1, chars, apart = None, None, 0, True
        if chars or x0 is not None:
            # an all-space string runs backwards (x1 < x0): it has nothing to place
            self._runs.append(_Run(x0 if x0 is not None else x, x1 if x1 is not None else x - 1.0, chars, apart))
        return x

    def _advance(self, code: bytes) -> tuple[float, float]:
        """Width of one glyph and the spacing after it (Tc, and Tw after a single-byte space), in text space."""
        state = self._state
        spacing = state.char_spacing + (state.word_spacing if code == b" " else 0.0)
        try:
            widths, first = state.font["/Widths"], int(state.font["/FirstChar"])
            c = code[0] if len(code) == 1 else int.from_bytes(code, "big")
            glyph = float(widths[c - first]) if 0 <= c - first < len(widths) else 500.0
        except (KeyError, TypeError, ValueError, IndexError):
            glyph = FALLBACK_EM * 1000
        return glyph / 1000 * state.size, spacing

    def pieces(self, text: str, x: float, width: float) -> list[Piece]:
        """The fragment cut where pypdf put a space between two shown strings, or where character spacing set two
        glyphs wide apart; one piece when they do not line up."""
        runs, self._runs = self._runs, []
        body = text.rstrip("\n")
        whole = [(x, x + width, body.strip())]
        if len(runs) < 2:
            return [(runs[0].x0, runs[0].x1, body.strip())] if runs and runs[0].chars == len(body) and runs[0].x1 > runs[0].x0 else whole
        pieces: list[Piece] = []
        pos, begin, start, end = 0, 0, None, 0.0
        for k, run in enumerate(runs):
            if run.x1 > run.x0:
                start = run.x0 if start is None else start
                end = run.x1
            pos += run.chars
            if pos > len(body):
                return whole
            # set apart by character spacing, or placed back left of this piece (a chart's ticks in any order)
            apart = k + 1 < len(runs) and (runs[k + 1].apart or (start is not None and runs[k + 1].x0 < start))
            if pos == len(body) or body[pos].isspace() or body[pos - 1].isspace() or apart:
                if start is not None and body[begin:pos].strip():
                    pieces.append((start, end, body[begin:pos].strip()))
                while pos < len(body) and body[pos].isspace():
                    pos += 1
                begin, start = pos, None
        if body[pos:].strip() or start is not None:
            return whole
        return pieces or whole


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
