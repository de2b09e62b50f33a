"""ASCII fast paths for four docutils 0.23 helpers that grid tables call once per character.

Parsing a grid table, docutils looks at every character of every table line several times: to pad
East-Asian wide characters (`StringList.pad_double_width`), to drop combining characters
(`utils.strip_combining_chars`, once per line in `isolate_grid_table` and in `TableParser.parse_table`)
and to map columns to string indices (`utils.column_indices`, once per line of *every cell* in
`StringList.get_2D_block`, so a wide table's lines are walked once per column). The OTC pages are
almost all ASCII with wide tables, and these character loops were half of the whole parse.

No ASCII character is combining (`unicodedata.combining` is 0) and none is wide or full-width
(`east_asian_width` is "Na" or "N", width 1), so for a string with `str.isascii()` each helper's
answer is known without the loop:

- `strip_combining_chars(text)` is `text`;
- `column_indices(text)` is `list(range(len(text)))`;
- `column_width(text)` is `len(text)`;
- `pad_double_width` leaves the line as it is.

Any other string goes to docutils' own function, unchanged. The replacements are installed in every
module that bound the original name at import (`docutils.utils`, `docutils.parsers.rst.states`,
`docutils.parsers.rst.tableparser`; `docutils.statemachine` calls `utils.column_indices` through the
module). What docutils produces does not change: `tests/speed/test_docutils_fast.py` compares the doctree of
every page of two corpus trees with and without them, and each replacement with the original on
arbitrary text (hypothesis).

Only for the docutils version they were written against (`generator.speed.patches.VERIFIED`): with any other
version `install()` does nothing and stock docutils runs (slower, same result).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import docutils
import docutils.parsers.rst.states as _states
import docutils.parsers.rst.tableparser as _tableparser
import docutils.statemachine as _statemachine
import docutils.utils as _utils

from generator.speed.patches import VERIFIED

PATCHED_VERSION = VERIFIED["docutils"]

_strip_combining_chars: Callable[[str], str] = _utils.strip_combining_chars
_column_indices: Callable[[str], list[int]] = _utils.column_indices
_column_width: Callable[[str], int] = _utils.column_width
_pad_double_width: Callable[[Any, str], None] = _statemachine.StringList.pad_double_width


def strip_combining_chars(text: str) -> str:
    if text.isascii():
        return text
    return _strip_combining_chars(text)


def column_indices(text: str) -> list[int]:
    if text.isascii():
        return list(range(len(text)))
    return _column_indices(text)


def column_width(text: str) -> int:
    if text.isascii():
        return len(text)
    return _column_width(text)


def pad_double_width(self: Any, pad_char: str) -> None:
    data = self.data
    if all(not isinstance(line, str) or line.isascii() for line in data):
        return
    _pad_double_width(self, pad_char)


# (module, attribute, original, replacement)
_PATCHES: list[tuple[Any, str, Any, Any]] = [
    (_utils, "strip_combining_chars", _strip_combining_chars, strip_combining_chars),
    (_states, "strip_combining_chars", _strip_combining_chars, strip_combining_chars),
    (_tableparser, "strip_combining_chars", _strip_combining_chars, strip_combining_chars),
    (_utils, "column_indices", _column_indices, column_indices),
    (_utils, "column_width", _column_width, column_width),
    (_states, "column_width", _column_width, column_width),
    (_statemachine.StringList, "pad_double_width", _pad_double_width, pad_double_width),
]


def supported() -> bool:
    """Whether the installed docutils is the one these fast paths were checked against."""
    return docutils.__version__ == VERIFIED["docutils"] and all(
        getattr(owner, name) in (original, fast) for owner, name, original, fast in _PATCHES)


def install() -> bool:
    """Put the fast paths in place (idempotent); False, and nothing changed, on another docutils."""
    if not supported():
        return False
    for owner, name, _original, fast in _PATCHES:
        setattr(owner, name, fast)
    return True


def uninstall() -> None:
    """Stock docutils again (the tests compare both)."""
    for owner, name, original, _fast in _PATCHES:
        setattr(owner, name, original)


def installed() -> bool:
    return all(getattr(owner, name) is fast for owner, name, _original, fast in _PATCHES)
