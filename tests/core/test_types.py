"""The Type-cell grammar: every spelling family in the OTC docs (shared/notes/otc-corpus.md §7)."""

from __future__ import annotations

import pytest

from generator.core.types import Kind, RefToken, TypeExpr, parse_type

R = [RefToken("lbl", "EndpointsReq")]
REF = TypeExpr(Kind.REF, ref="lbl", ref_text="EndpointsReq")
S = TypeExpr(Kind.STRING)
I32 = TypeExpr(Kind.INTEGER, "int32")
I64 = TypeExpr(Kind.INTEGER, "int64")


@pytest.mark.parametrize(("cell", "expected"), [
    ("String", S), ("string", S), ("STRING", S),
    ("Integer", I32), ("Int", I32), ("INTEGER", I32), ("int", I32),
    ("Long", I64), ("LONG", I64), ("Int64", I64),
    ("Float", TypeExpr(Kind.NUMBER, "float")), ("Double", TypeExpr(Kind.NUMBER, "double")),
    ("Number", TypeExpr(Kind.NUMBER)), ("Percentage", TypeExpr(Kind.NUMBER)),
    ("Boolean", TypeExpr(Kind.BOOLEAN)), ("Bool", TypeExpr(Kind.BOOLEAN)), ("boolean", TypeExpr(Kind.BOOLEAN)),
    ("Object", TypeExpr(Kind.OBJECT)), ("Dict", TypeExpr(Kind.OBJECT)), ("JSON", TypeExpr(Kind.OBJECT)),
    ("AnyType", TypeExpr(Kind.ANY)), ("File", TypeExpr(Kind.BINARY)),
    ("String(255)", TypeExpr(Kind.STRING, max_length=255)),
    ("\x000\x00 object", REF), ("\x000\x00", REF),
    ("Array of \x000\x00 objects", TypeExpr(Kind.ARRAY, items=REF)),
    ("Array of strings", TypeExpr(Kind.ARRAY, items=S)),
    ("Array of integers", TypeExpr(Kind.ARRAY, items=I32)),
    ("Array of doubles", TypeExpr(Kind.ARRAY, items=TypeExpr(Kind.NUMBER, "double"))),
    ("Array of objects", TypeExpr(Kind.ARRAY, items=TypeExpr(Kind.OBJECT))),
    ("List<String>", TypeExpr(Kind.ARRAY, items=S)),
    ("Array[String]", TypeExpr(Kind.ARRAY, items=S)),
    ("Array<Object>", TypeExpr(Kind.ARRAY, items=TypeExpr(Kind.OBJECT))),
    ("Array<Array<Integer>>", TypeExpr(Kind.ARRAY, items=TypeExpr(Kind.ARRAY, items=I32))),
    ("JSON Array", TypeExpr(Kind.ARRAY, items=TypeExpr(Kind.ANY))),
    ("JSONArray", TypeExpr(Kind.ARRAY, items=TypeExpr(Kind.ANY))),
    ("Array", TypeExpr(Kind.ARRAY, items=TypeExpr(Kind.ANY))),
    ("Map<String,String>", TypeExpr(Kind.MAP, items=S)),
    ("Map<String, Integer>", TypeExpr(Kind.MAP, items=I32)),
    ("Map<String,Array<String>>", TypeExpr(Kind.MAP, items=TypeExpr(Kind.ARRAY, items=S))),
    ("Map<String,\x000\x00>", TypeExpr(Kind.MAP, items=REF)),
    ("Array of Map<String,String> objects", TypeExpr(Kind.ARRAY, items=TypeExpr(Kind.MAP, items=S))),
    ("list<map<String,String>>", TypeExpr(Kind.ARRAY, items=TypeExpr(Kind.MAP, items=S))),
    ("Dictionary data structure. For details, see \x000\x00.", REF),
    ("List data structure. For details, see \x000\x00.", TypeExpr(Kind.ARRAY, items=REF)),
    ("Volume", TypeExpr(Kind.REF, ref_text="Volume")),
    ("ServerGroup object", TypeExpr(Kind.REF, ref_text="ServerGroup")),
    ("user", TypeExpr(Kind.REF, ref_text="user")),
    ("jobs array", TypeExpr(Kind.ARRAY, items=TypeExpr(Kind.REF, ref_text="jobs"))),
    ("binding:profile object", TypeExpr(Kind.REF, ref_text="binding:profile")),
    ("List(Dict)", TypeExpr(Kind.ARRAY, items=TypeExpr(Kind.OBJECT))),
    ("Array(Object)", TypeExpr(Kind.ARRAY, items=TypeExpr(Kind.OBJECT))),
    ("XML", TypeExpr(Kind.ANY)), ("Container", TypeExpr(Kind.OBJECT)), ("Null", TypeExpr(Kind.ANY)),
    ("Dictionary data structure", TypeExpr(Kind.OBJECT)),
    ("List data structure", TypeExpr(Kind.ARRAY, items=TypeExpr(Kind.ANY))),
])
def test_spelling(cell: str, expected: TypeExpr) -> None:
    assert parse_type(cell, R) == expected


@pytest.mark.parametrize("cell", ["", "Yes", "No", "Frobnicate thing", "Map<String>", "Array of ???"])
def test_unknown_spellings_are_none(cell: str) -> None:
    assert parse_type(cell, R) is None


# ---------------------------------------------------------------- composition
# Spellings built from known parts must parse, whether or not the corpus ever wrote them.

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

# (singular spelling, plural spelling used after "of", expected)
_LEAVES = [
    ("String", "strings", S), ("Integer", "integers", I32), ("Long", "longs", I64),
    ("Boolean", "booleans", TypeExpr(Kind.BOOLEAN)), ("Double", "doubles", TypeExpr(Kind.NUMBER, "double")),
    ("Object", "objects", TypeExpr(Kind.OBJECT)),
    ("\x000\x00", "\x000\x00 objects", REF),
    ("Volume", "Volume objects", TypeExpr(Kind.REF, ref_text="Volume")),
]
Part = tuple[str, str, TypeExpr]


def _compose(inner: st.SearchStrategy[Part]) -> st.SearchStrategy[Part]:
    def arrays(p: Part) -> st.SearchStrategy[Part]:
        one, many, t = p
        arr = TypeExpr(Kind.ARRAY, items=t)
        return st.sampled_from([
            (f"Array of {many}", f"arrays of {many}", arr),
            (f"List of {many}", f"lists of {many}", arr),
            (f"Array<{one}>", f"Array<{one}>", arr),
            (f"List<{one}>", f"List<{one}>", arr),
            (f"array[{one}]", f"array[{one}]", arr),
            (f"list<{one}>", f"list<{one}>", arr),
        ])

    def maps(p: Part) -> st.SearchStrategy[Part]:
        one, many, t = p
        mp = TypeExpr(Kind.MAP, items=t)
        return st.sampled_from([
            (f"Map<String,{one}>", f"Map<String,{one}> objects", mp),
            (f"Map<String, {one}>", f"Map<String, {one}>", mp),
            (f"map<string,{one}>", f"maps of {many}", mp),
            (f"Map of {many}", f"maps of {many}", mp),
            (f"Map from String to {one}", f"maps from String to {one}", mp),
        ])

    return st.one_of(inner.flatmap(arrays), inner.flatmap(maps))


_TYPES = st.recursive(st.sampled_from(_LEAVES), _compose, max_leaves=4)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(_TYPES)
def test_composed_spellings_parse(part: Part) -> None:
    one, many, expected = part
    assert parse_type(one, R) == expected
    if expected.kind in (Kind.ARRAY, Kind.MAP):
        assert parse_type(f"Array of {many}", R) == TypeExpr(Kind.ARRAY, items=expected)


@pytest.mark.parametrize(("cell", "expected"), [
    ("Array of arrays of \x000\x00 objects", TypeExpr(Kind.ARRAY, items=TypeExpr(Kind.ARRAY, items=REF))),
    ("Array of string arrays", TypeExpr(Kind.ARRAY, items=TypeExpr(Kind.ARRAY, items=S))),
    ("Map<String,List<\x000\x00>>", TypeExpr(Kind.MAP, items=TypeExpr(Kind.ARRAY, items=REF))),
    ("Array of JSON arrays", TypeExpr(Kind.ARRAY, items=TypeExpr(Kind.ARRAY, items=TypeExpr(Kind.ANY)))),
    ("Map of arrays of integers", TypeExpr(Kind.MAP, items=TypeExpr(Kind.ARRAY, items=I32))),
    ("Arrays<Strings>", TypeExpr(Kind.ARRAY, items=S)),
])
def test_nested_spellings_outside_the_corpus(cell: str, expected: TypeExpr) -> None:
    assert parse_type(cell, R) == expected
