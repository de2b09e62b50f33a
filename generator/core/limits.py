"""Bounds on what one input may cost, and the strict JSON reader for documented examples.

A docs tree is written by many hands and this tool runs unattended in its CI: a page, an example or
a number that would take unbounded time or memory, or that has no JSON/YAML spelling (`1e999999`
is `inf`), is refused at the smallest scope with a diagnostic instead of taking the run with it.
"""

from __future__ import annotations

import json
import math
from typing import Any

# pages above this are not parsed (`page.too_large`); the largest corpus page (an error-code appendix)
# is 1.2 MB, and docutils needs about 50 times a page's size in memory
DEFAULT_MAX_PAGE_BYTES = 4 * 1024 * 1024
# documented examples nest about 10 levels; the emitted YAML/JSON and the validators recurse per level
MAX_EXAMPLE_DEPTH = 64
# longer integers or decimals are not numbers a client can hold (an int64 has 19 digits)
MAX_NUMBER_CHARS = 100


class ExampleRefused(ValueError):
    """A documented example that is JSON, but not one the spec can carry."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def json_depth(text: str) -> int:
    """Deepest bracket nesting of JSON text, strings skipped: known before parsing, which recurses."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def _int(text: str) -> int:
    if len(text) > MAX_NUMBER_CHARS:
        raise ExampleRefused("example.number_too_long", f"a number of {len(text)} digits")
    return int(text)


def _float(text: str) -> float:
    if len(text) > MAX_NUMBER_CHARS:
        raise ExampleRefused("example.number_too_long", f"a number of {len(text)} characters")
    value = float(text)
    if not math.isfinite(value):
        raise ExampleRefused("example.number_not_finite", f"the number {text} is beyond any float (overflow)")
    return value


def _constant(text: str) -> Any:
    raise ExampleRefused("example.number_not_finite", f"{text} is not a JSON number")


def load_example_json(text: str) -> Any:
    """`json.loads`, refusing what the spec cannot carry; `json.JSONDecodeError` for what is not JSON."""
    depth = json_depth(text)
    if depth > MAX_EXAMPLE_DEPTH:
        raise ExampleRefused("example.too_deep", f"nested {depth} levels deep (limit {MAX_EXAMPLE_DEPTH})")
    try:
        return json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_constant)
    except RecursionError as exc:  # json_depth counts brackets; this is the decoder's own guard
        raise ExampleRefused("example.too_deep", "nested too deep for the JSON decoder") from exc
