"""The Type-cell grammar: every spelling the OTC docs use, folded into a `TypeExpr`.

The cell is first flattened by the extractor into text in which each `:ref:` is a token
`\x00N\x00` (N indexes `refs`), so the grammar never has to look at docutils nodes. A spelling the
grammar does not know returns None; the caller turns that into a `type.unknown` diagnostic.

    String | Integer | Long | Float | Double | Number | Boolean | Object   (any case; Int, Bool, Dict, ...)
    String(255)                       -> string, maxLength 255
    X object | X                      -> reference to the table X (by :ref: or by caption name)
    Array of X[s] | Array<X> | Array[X] | List<X> | X Array | X structure array | Array of X objects
    Map<K,V> | Map of V | Map from K to V   -> object with additionalProperties V
    Dictionary data structure. For details, see X.   /  List data structure. ...

The forms compose: wherever an element or value stands, any form stands (plural heads inside an "of":
"Array of arrays of :ref:`Dimension` objects", "Map<String,List<X>>", "Array of Map<String,String> objects").

`Kind` and `TypeExpr` are the type model every later stage reads; their helpers (`refs`,
`is_free`, `replace_free`, `has`) are the one place that walks a type's item chain.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from enum import StrEnum


class Kind(StrEnum):
    STRING = "string"
    INTEGER = "integer"
    NUMBER = "number"
    BOOLEAN = "boolean"
    OBJECT = "object"  # free-form object (no documented fields)
    ANY = "any"  # no type stated at all (AnyType, XML element, missing Type column)
    ARRAY = "array"
    MAP = "map"
    REF = "ref"  # a named nested table
    BINARY = "binary"


@dataclass(frozen=True)
class TypeExpr:
    """A parsed Type cell.

    `ref` is the label of the nested table for REF (resolved later), `items` the element type of
    ARRAY and the value type of MAP.
    """

    kind: Kind
    format: str | None = None  # int32/int64/float/double/date-time
    items: TypeExpr | None = None
    ref: str | None = None  # label (normalised) of the nested table
    ref_text: str | None = None  # the name the docs show for it (EndpointsReq)
    max_length: int | None = None  # String(255)

    def refs(self) -> list[TypeExpr]:
        """The REF this type is or holds (array item, map value): `[]` or one element."""
        if self.kind is Kind.REF:
            return [self]
        return self.items.refs() if self.items is not None else []

    def is_free(self) -> bool:
        """Object, Any, or an array/map of them: a field whose structure a nested table may give."""
        if self.kind in (Kind.OBJECT, Kind.ANY):
            return True
        return self.kind in (Kind.ARRAY, Kind.MAP) and self.items is not None and self.items.is_free()

    def replace_free(self, ref: TypeExpr) -> TypeExpr:
        """This type with its free object (see `is_free`) replaced by `ref`."""
        if self.kind in (Kind.OBJECT, Kind.ANY):
            return ref
        assert self.items is not None
        return replace(self, items=self.items.replace_free(ref))

    def has(self, kind: Kind) -> bool:
        """Whether this type or its item/value type (at any depth) is of `kind`."""
        return self.kind is kind or (self.items is not None and self.items.has(kind))


@dataclass(frozen=True)
class RefToken:
    target: str  # normalised label
    text: str  # what the docs show


_PRIMITIVES: dict[str, TypeExpr] = {}


def _prim(names: str, expr: TypeExpr) -> None:
    for n in names.split():
        _PRIMITIVES[n] = expr


_prim("string str text char varchar uuid", TypeExpr(Kind.STRING))
_prim("integer int int32 short", TypeExpr(Kind.INTEGER, "int32"))
_prim("long int64 bigint", TypeExpr(Kind.INTEGER, "int64"))
_prim("float", TypeExpr(Kind.NUMBER, "float"))
_prim("double", TypeExpr(Kind.NUMBER, "double"))
_prim("number decimal bigdecimal percentage ratio numeric", TypeExpr(Kind.NUMBER))
_prim("boolean bool", TypeExpr(Kind.BOOLEAN))
_prim("object dict dictionary json jsonobject map hashmap struct structure", TypeExpr(Kind.OBJECT))
_prim("anytype any null xml", TypeExpr(Kind.ANY))
_prim("container", TypeExpr(Kind.OBJECT))  # OBS: an XML element that holds other elements
_prim("file binary stream", TypeExpr(Kind.BINARY))
_prim("datetime timestamp", TypeExpr(Kind.STRING, "date-time"))
_prim("date", TypeExpr(Kind.STRING, "date"))

_PLURALS = {
    "strings": "string", "integers": "integer", "ints": "int", "longs": "long", "floats": "float",
    "doubles": "double", "numbers": "number", "booleans": "boolean", "objects": "object",
    "dicts": "dict", "maps": "map",
}

# `Array of Array of ...`: the corpus nests two levels; validators and emitters recurse once per level
MAX_TYPE_DEPTH = 8
_ARRAY_WORDS = ("array", "list", "set", "jsonarray", "json array", "array_reference")
_REF_RE = re.compile(r"\x00(\d+)\x00")
_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]*$")


def parse_type(text: str, refs: list[RefToken]) -> TypeExpr | None:
    # the same few spellings fill every Type column of a tree; a TypeExpr is frozen, so one may be shared
    return _parse_type(text, tuple(refs))


@functools.lru_cache(maxsize=4096)
def _parse_type(text: str, refs_: tuple[RefToken, ...]) -> TypeExpr | None:
    refs = list(refs_)
    s = " ".join(text.replace("\\", "").split()).strip().rstrip(".").strip()
    try:
        parsed = _parse(s, refs)
    except RecursionError:  # `Array of Array of ...` nested hundreds deep: no type a client could hold
        return None
    depth, t = 0, parsed
    while t is not None and t.items is not None:
        depth, t = depth + 1, t.items
    return parsed if depth <= MAX_TYPE_DEPTH else None


def _parse(s: str, refs: list[RefToken]) -> TypeExpr | None:
    s = s.strip().strip("`*").strip()
    if not s:
        return None
    low = s.lower()

    # RDS v1 sentences
    for lead, is_list in (("dictionary data structure", False), ("list data structure", True)):
        if low.startswith(lead):
            target = _first_ref(s, refs) or _name_after_see(s)
            if target is None:  # the sentence without its link still says what shape it is
                target = TypeExpr(Kind.ANY) if is_list else TypeExpr(Kind.OBJECT)
            return TypeExpr(Kind.ARRAY, items=target) if is_list else target

    # `Array. For details, see :ref:`Table 9 <...>``: the shape, then a sentence naming its element's table
    m = re.fullmatch(r"(arrays?|lists?)\.\s+(?:for details|see|refer)\b.*", s, re.I)
    if m:
        return TypeExpr(Kind.ARRAY, items=_first_ref(s, refs) or TypeExpr(Kind.ANY))

    # a lone reference: ":ref:`X <label>`" possibly followed by "object"
    m = _REF_RE.fullmatch(s) or re.fullmatch(r"\x00(\d+)\x00\s+(object|objects|structure|struct)", s, re.I)
    if m:
        tok = refs[int(m.group(1))]
        return TypeExpr(Kind.REF, ref=tok.target, ref_text=tok.text)

    # String(255)
    m = re.fullmatch(r"(string|varchar|char)\s*\(\s*(\d+)\s*\)", low)
    if m:
        return TypeExpr(Kind.STRING, max_length=int(m.group(2)))

    # generic brackets: Array<X>, List<X>, Array[X], Map<K,V>; the head may be plural inside another generic
    m = re.fullmatch(r"([A-Za-z_]+)\s*[<\[(](.*)[>\])]", s)
    if m and _balanced(m.group(2)):
        head, inner = m.group(1).lower(), m.group(2)
        head = head[:-1] if head.endswith("s") and head not in ("dictionaries",) else head
        head = "dictionary" if head == "dictionarie" else head
        if head in ("array", "list", "set", "jsonarray"):
            items = _parse_element(inner, refs)
            if items is None and s.endswith(")") and not _REF_RE.search(inner):
                # `List (NAT gateways)`: the brackets gloss what the list holds; the row's "see Table 3" says which
                items = TypeExpr(Kind.ANY)
            return TypeExpr(Kind.ARRAY, items=items) if items else None
        if head in ("map", "dict", "hashmap", "dictionary"):
            parts = _split_top(inner)
            if len(parts) != 2:
                return None
            value = _parse_element(parts[1], refs)
            return TypeExpr(Kind.MAP, items=value) if value else None
        return None

    # Array of X / List of X / arrays of X (inside another "of"): X is any element, so the forms nest
    m = re.fullmatch(r"(?:json\s*)?(arrays?|lists?|sets?)\s+of\s+(.+)", s, re.I)
    if m:
        items = _parse_element(m.group(2), refs)
        return TypeExpr(Kind.ARRAY, items=items) if items else None

    # Map of X / map from K to V / dictionary of K to V
    m = re.fullmatch(r"(?:maps?|dict(?:s|ionary|ionaries)?|hashmaps?)\s+(?:of|from)\s+(?:(?:strings?|str|integers?|"
                     r"int|longs?)\s+to\s+)?(.+)", s, re.I)  # keys are always a primitive: "K to" is never nested
    if m:
        value = _parse_element(m.group(1), refs)
        return TypeExpr(Kind.MAP, items=value) if value else None

    # X Array / X structure array / X list (plural inside another form: "string arrays")
    m = re.fullmatch(r"(.+?)\s+(structure\s+arrays?|arrays?|lists?)", s, re.I)
    if m and m.group(1).lower() not in ("json",):
        items = _parse_element(m.group(1), refs)
        return TypeExpr(Kind.ARRAY, items=items) if items else None

    if low in _ARRAY_WORDS or (low.endswith("s") and low[:-1] in _ARRAY_WORDS):
        return TypeExpr(Kind.ARRAY, items=TypeExpr(Kind.ANY))

    if low in _PRIMITIVES:
        return _PRIMITIVES[low]

    # "Name object" / bare "Name": a table found later by its caption
    m = re.fullmatch(r"([A-Za-z_][A-Za-z0-9_.:]*)\s+(object|structure|struct)", s, re.I)
    if m:
        name = m.group(1)
        if name.lower() in _PRIMITIVES:
            return _PRIMITIVES[name.lower()]
        return TypeExpr(Kind.REF, ref_text=name)
    if low in ("yes", "no", "mandatory", "optional", "none", "n/a", "-"):
        return None  # a shifted column, not a type
    if _NAME_RE.match(s):  # a bare table name: `Volume`, `user` (resolved, or reported, by `link`)
        return TypeExpr(Kind.REF, ref_text=s)
    return None


_MANDATORY_WORDS = frozenset({"yes", "no", "mandatory", "optional", "required", "m", "o"})


def is_mandatory_word(text: str) -> bool:
    """A Mandatory-column value (`Yes`, `No`, `Optional`...): in the Type cell, the columns are swapped."""
    return " ".join(text.split()).strip(".*`").lower() in _MANDATORY_WORDS


def _parse_element(s: str, refs: list[RefToken]) -> TypeExpr | None:
    """An array element or map value: plural forms and 'X objects' allowed."""
    s = s.strip()
    low = s.lower()
    if low in _PLURALS:
        return _PRIMITIVES[_PLURALS[low]]
    m = re.fullmatch(r"(.+?)\s+(objects|object)", s, re.I)
    if m:
        inner = _parse(m.group(1), refs)
        if inner is not None and inner.kind is Kind.OBJECT and m.group(1).lower() not in _PRIMITIVES:
            return inner
        if inner is not None:
            return inner
    return _parse(s, refs)


def _first_ref(s: str, refs: list[RefToken]) -> TypeExpr | None:
    m = _REF_RE.search(s)
    if not m:
        return None
    tok = refs[int(m.group(1))]
    return TypeExpr(Kind.REF, ref=tok.target, ref_text=tok.text)


def _name_after_see(s: str) -> TypeExpr | None:
    m = re.search(r"see\s+([A-Za-z_][A-Za-z0-9_]*)", s, re.I)
    return TypeExpr(Kind.REF, ref_text=m.group(1)) if m else None


def _balanced(s: str) -> bool:
    """`Array<X>` matched whole, not `Map<A> of List<B>` whose brackets only happen to open and close the cell."""
    depth = 0
    for ch in s:
        depth += ch in "<[("
        depth -= ch in ">])"
        if depth < 0:
            return False
    return depth == 0


def _split_top(s: str) -> list[str]:
    depth = 0
    cur: list[str] = []
    out: list[str] = []
    for ch in s:
        if ch in "<[(":
            depth += 1
        elif ch in ">])":
            depth -= 1
        if ch == "," and depth == 0:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    out.append("".join(cur))
    return [p.strip() for p in out]
