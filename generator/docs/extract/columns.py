"""A table's columns by header text, and what a Mandatory/Optional cell says about its field.

A column whose header is read as nothing is reported (`table.unknown_column`) on every table whose rows are
fields: its cells are otherwise lost without a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

NAME_HEADERS = ("parameter", "name", "element", "header", "attribute", "field", "parameter name", "key")
TYPE_HEADERS = ("type", "parameter type", "data type")
DESC_HEADERS = ("description", "remarks", "remark", "meaning", "explanation", "definition")
STATUS_HEADERS = ("status code", "returned value", "return value", "http status code", "status", "code")

# the words a required-or-not header is made of: "Mandatory", "Is Required", "Required?", "Mandatory (Yes/No)",
# "Mandatory or Not", "M/O", "Optional"; the first of mandatory/required/m/optional says what "Yes" means
_REQUIRED_WORDS = frozenset({"mandatory", "required", "m", "optional"})
_FILLER_WORDS = frozenset({"is", "or", "not", "yes", "no", "y", "n", "o"})

# cell values the required column understands; anything else is kept as the field's note
_KNOWN_VALUES = ("yes", "no", "mandatory", "optional", "true", "false", "required", "m", "o", "")
_REQUIRED_VALUES = ("mandatory", "true", "required", "m")


@dataclass
class Columns:
    name: int | None = None
    type: int | None = None
    mandatory: int | None = None
    optional: bool = False  # the required column is headed "Optional": its "Yes" means not required
    description: int | None = None
    status: int | None = None
    headers: list[str] = field(default_factory=list)
    unknown: list[int] = field(default_factory=list)  # columns given no meaning, in order

    def is_fields(self) -> bool:
        """Rows are fields: a name column, or a type or required column under a name header not understood."""
        return self.name is not None or self.type is not None or self.mandatory is not None


def required_column(header: str) -> bool | None:
    """True for a Mandatory-style header, False for an Optional one (a "Yes" is then optional), None otherwise."""
    if header.startswith("mandatory"):
        return True
    words: list[str] = re.findall(r"[a-z]+", header)
    if not words or not set(words) <= _REQUIRED_WORDS | _FILLER_WORDS:
        return None
    first = next((w for w in words if w in _REQUIRED_WORDS), None)
    if first is None:
        return None
    return first != "optional"


def read_columns(headers: list[str]) -> Columns:
    """`headers`: the header row's cell texts, lower case, white space collapsed."""
    cols = Columns(headers=headers)
    for i, h in enumerate(headers):
        h_clean = h.strip().rstrip(":")
        required = required_column(h_clean) if cols.mandatory is None else None
        if h_clean in NAME_HEADERS and cols.name is None:
            cols.name = i
        elif h_clean in TYPE_HEADERS and cols.type is None:
            cols.type = i
        elif required is not None:
            cols.mandatory = i
            cols.optional = not required
        elif h_clean in DESC_HEADERS and cols.description is None:
            cols.description = i
        elif h_clean in STATUS_HEADERS and cols.status is None:
            cols.status = i
        else:
            cols.unknown.append(i)
    return cols


def unknown_column_messages(cols: Columns, caption: str) -> list[str]:
    """One message per column given no meaning, on a table whose rows are fields."""
    if not cols.is_fields():
        return []
    where = f"table '{caption}'" if caption else f"table {cols.headers}"
    out = []
    for i in cols.unknown:
        head = cols.headers[i]
        if head in cols.headers[:i]:
            why = "a second column of that header"
        elif required_column(head.strip().rstrip(":")) is not None:
            why = "a second Mandatory/Optional column"
        else:
            why = "header not understood"
        if cols.name is None:
            why += "; no column is headed by a name header, so no row of the table is read"
        out.append(f"{where}: column {i + 1} {head!r} is not read ({why})")
    return out


def read_required(cols: Columns, text: str) -> tuple[bool, str | None]:
    """Whether a cell of the required column makes its field required, and the text kept as a note when the
    cell is more than a plain yes/no."""
    low = text.lower()
    if cols.optional:
        first = re.match(r"[a-z]+", low)
        required = (first is not None and first.group() in ("no", "false")) or low in _REQUIRED_VALUES
    else:
        required = low.startswith("yes") or low in _REQUIRED_VALUES
    return required, (text if low not in _KNOWN_VALUES else None)
