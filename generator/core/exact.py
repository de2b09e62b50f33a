"""A JSON-like value's exact bytes: what memos and caches key a value by.

`marshal` format 0 (no references between objects, no flag for interned strings, so equal values give equal
bytes whatever their sharing): for the JSON types a spec holds it is deterministic, keeps key order and tells
`1`, `1.0`, `True` and `"1"` apart, which `json.dumps` does not (an integer key becomes a string), at a third of
the cost of `repr`; a value marshal refuses (a `str` subclass, any other type) is keyed by its `repr` instead.
"""

from __future__ import annotations

import marshal
from typing import Any


def value_bytes(doc: Any) -> bytes:
    """The exact value of a JSON-like document as bytes (see the module docstring)."""
    try:
        return b"m" + marshal.dumps(doc, 0)
    except ValueError:  # not made of the built-in types alone
        return b"r" + repr(doc).encode("utf-8", "surrogatepass")
