"""figures.notation against babel's nl_NL number formatting, on the figures the answers write: every
amount the corpus states (the "Bedragen" label, a term of a sum), every sum and difference of two
figures of one kind stated in one paragraph, and seeded random values; plus import and call times.

Usage: .venv/bin/python benchmarks/number_format.py
Needs `pip install babel==2.18.0` (not a dependency of the product; see docs/text.md).
"""

from __future__ import annotations

import itertools
import random
import subprocess
import sys
import time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from babel.numbers import format_compact_decimal, format_decimal

from assistant.errors import IngestError
from assistant.figures import notation
from assistant.figures.compare import by_kind
from assistant.parsing.ingest import iter_source_files, load_document

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def babel_number(value, decimals: int | None = None) -> str:
    """notation.dutch_number done by babel: free decimals, or a fixed count rounded half up."""
    exact = value if isinstance(value, Decimal) else Decimal(repr(value))
    if decimals is None:
        return format_decimal(exact, locale="nl_NL", decimal_quantization=False)
    exact = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return format_decimal(exact, format="#,##0" + ("." + "0" * decimals if decimals else ""), locale="nl_NL")


def corpus_figures() -> tuple[list, list[tuple[str, float, object]]]:
    """Stated amounts, and (kind, value, like) for each sum and difference of two figures in one paragraph."""
    stated, computed = [], []
    for path in iter_source_files([CORPUS]):
        try:
            paragraphs = load_document(path).paragraphs
        except IngestError:
            continue
        for p in paragraphs:
            kinds = by_kind(p.text)
            stated += kinds.get("amount", [])
            for kind in ("amount", "percentage", "count"):
                for a, b in itertools.combinations(kinds.get(kind, []), 2):
                    computed += [(kind, a.value + b.value, a), (kind, abs(a.value - b.value), a)]
    return stated, computed


def compare(label: str, ours, theirs, inputs) -> None:
    differ = [(x, o, t) for x in inputs if (o := ours(x)) != (t := theirs(x))]
    print(f"{label}: {len(inputs) - len(differ)} of {len(inputs)} equal")
    for x, o, t in differ[:5]:
        print(f"    {x!r}: ours {o!r}, babel {t!r}")


def timings() -> None:
    code = "import time; t = time.perf_counter(); import babel.numbers as b; b.format_decimal(1.5, locale='nl_NL'); " \
           "print(time.perf_counter() - t)"
    seconds = sorted(float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout)
                     for _ in range(5))[2]
    values = [random.uniform(0, 1e9) for _ in range(20_000)]
    for name, function in (("ours", notation.dutch_number), ("babel", babel_number)):
        started = time.perf_counter()
        for v in values:
            function(v, 2)
        print(f"  {name}: {1e6 * (time.perf_counter() - started) / len(values):.1f} µs per number")
    print(f"  babel first import and first nl_NL call: {1e3 * seconds:.0f} ms (median of 5)")


def main() -> None:
    random.seed(3)
    stated, computed = corpus_figures()
    # The same writers with their digits written by babel: does anything an answer writes change?
    compare("stated amounts, format_amount", lambda a: notation.format_amount(a.value, a.currency),
            lambda a: _with_babel(notation.format_amount, a.value, a.currency), stated)
    compare("sums and differences, format_computed", lambda c: notation.format_computed(*c),
            lambda c: _with_babel(notation.format_computed, *c), computed)
    samples = [round(random.uniform(-1e7, 1e10), random.choice((0, 1, 2, 3))) for _ in range(20_000)]
    samples += [k / 100 for k in range(-500, 500)] + [k + 0.05 for k in range(100)]  # ties for one decimal
    for decimals in (None, 0, 1, 2):
        compare(f"seeded values, {'all' if decimals is None else decimals} decimals",
                lambda v: notation.dutch_number(v, decimals), lambda v: babel_number(v, decimals), samples)
    compare("babel's own compact form ('111,5 miljoen') against format_amount without a currency",
            lambda a: notation.format_amount(abs(a.value), None),
            lambda a: format_compact_decimal(abs(a.value), format_type="long", locale="nl_NL", fraction_digits=3),
            stated)
    print("time:")
    timings()


def _with_babel(writer, *args):
    """Run a notation writer with babel_number standing in for notation.dutch_number."""
    original = notation.dutch_number
    notation.dutch_number = babel_number
    try:
        return writer(*args)
    finally:
        notation.dutch_number = original


if __name__ == "__main__":
    main()
