"""Cost bounded by the input: `:ref:`-linked tables of any depth or fan-in, YAML aliases, recursion.

Nothing here asserts time (see `benchmarks/bench_depth.py`); memory is asserted where it used to explode.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build.link import link
from generator.build.pipeline import build_and_check, extract_page, rst_files
from generator.build.render.openapi import render_spec
from generator.build.render.shapes import MAX_CYCLE_STATES, shape_digests
from generator.core.config import REPO_ROOT, default_service
from generator.core.model import Field, Schema, Source
from generator.core.types import Kind, TypeExpr
from generator.core.untrusted import Limits, UntrustedInput, parse_yaml
from robust.nested_pages import chain_page, diamond_page
from tests.rst_snippets import page, table

Tree = Callable[[dict[str, str]], Path]


def test_500_levels_of_nested_tables_build(make_tree: Tree, tmp_path: Path) -> None:
    root = make_tree({"deep.rst": chain_page(500)})
    out = tmp_path / "svc.yaml"
    proc = subprocess.run([sys.executable, "-m", "generator", "build", str(root), "--service", "svc", "-o", str(out)],
                          capture_output=True, text=True, cwd=REPO_ROOT)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    assert (tmp_path / "svc.diagnostics.json").is_file()
    assert "T500:" in out.read_text(encoding="utf-8")  # the deepest table is a component of its own


def test_diamond_of_nested_tables_costs_linear_memory(make_tree: Tree) -> None:
    # 18 levels, each table's two fields both pointing at the next: 2**18 paths. Re-encoding nested
    # signatures took 3.1 GB at 14 levels; digests of each table once take a few MB
    root = make_tree({"diamond.rst": diamond_page(18)})
    pages = [extract_page(p, root) for p in rst_files(root)]
    tracemalloc.start()
    try:
        spec = render_spec(default_service("svc"), pages, link(pages)).spec
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 50 * 2**20, peak
    assert sorted(n for n in spec["components"]["schemas"] if re.fullmatch(r"D\d+", n)) == sorted(
        f"D{i}" for i in range(1, 19))


def _schema(name: str, fields: list[tuple[str, TypeExpr]]) -> Schema:
    return Schema(name, [Field(n, t, False, "", Source("p.rst", 1)) for n, t in fields], Source("p.rst", 1))


def ref(key: str) -> TypeExpr:
    return TypeExpr(Kind.REF, ref=key)


def test_digests_equal_exactly_when_shapes_are() -> None:
    s = {
        "a": _schema("A", [("x", TypeExpr(Kind.STRING)), ("c", ref("c"))]),
        "b": _schema("B", [("x", TypeExpr(Kind.STRING)), ("c", ref("d"))]),
        "c": _schema("C", [("id", TypeExpr(Kind.INTEGER, "int32"))]),
        "d": _schema("D", [("id", TypeExpr(Kind.INTEGER, "int32"))]),
        "e": _schema("E", [("x", TypeExpr(Kind.STRING)), ("c", ref("f"))]),
        "f": _schema("F", [("id", TypeExpr(Kind.INTEGER, "int64"))]),
    }
    d: dict[str, str] = {}
    for key in s:
        d = shape_digests(s, key, [], d)
    assert d["a"] == d["b"] and d["c"] == d["d"]  # same shape through different tables
    assert d["a"] != d["e"]  # a difference two levels down


def test_cycles_compare_by_shape_and_a_huge_cycle_stays_bounded() -> None:
    # tree nodes that hold their children: a self-reference, and a two-table cycle
    s = {
        "n": _schema("Node", [("children", TypeExpr(Kind.ARRAY, items=ref("n")))]),
        "m": _schema("Node", [("children", TypeExpr(Kind.ARRAY, items=ref("m")))]),
        "p": _schema("P", [("q", ref("q"))]),
        "q": _schema("Q", [("p", ref("p"))]),
    }
    d: dict[str, str] = {}
    for key in s:
        d = shape_digests(s, key, [], d)
    assert d["n"] == d["m"] and d["p"] != d["q"]
    # every table of a 40-table cycle also points at every other: the exact comparison is exponential
    keys = [f"k{i}" for i in range(40)]
    big = {k: _schema(k, [(f"f{j}", ref(keys[j])) for j in range(40)]) for k in keys}
    diags: list = []
    digests = shape_digests(big, "k0", diags)
    assert set(digests) == set(keys)
    assert [d.code for d in diags] == ["schema.cycle_budget"] and MAX_CYCLE_STATES > 0


def test_type_cell_nested_past_recursion_is_unknown_not_a_crash(make_tree: Tree) -> None:
    rows = [["Parameter", "Mandatory", "Type", "Description"], ["x", "No", "Array of " * 600 + "String", "X."]]
    text = page("Creating a Thing", "POST /v1/things",
                "Request Parameters\n------------------\n\n" + table("Request body parameters", rows))
    built = build_and_check(make_tree({"a.rst": text}), default_service("svc"))
    result, valid = built.result, built.valid
    assert valid and "/v1/things" in result.spec["paths"]
    assert [d.code for d in result.diagnostics if d.code in ("type.unknown", "page.crash")] == ["type.unknown"]


# ---------------------------------------------------------------- YAML loading


def _laughs(levels: int, fan: int) -> str:
    text = "a: &a [" + ",".join(["lol"] * fan) + "]\n"
    for i in range(1, levels):
        prev, cur = chr(96 + i), chr(97 + i)
        text += f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * fan) + "]\n"
    return text


def test_yaml_alias_bomb_is_refused() -> None:
    # one loader for every YAML this tool reads from outside: generator.core.untrusted
    with pytest.raises(UntrustedInput) as err:
        parse_yaml(_laughs(9, 9))  # 72 aliases, 9**9 nodes once expanded
    assert err.value.code == "input.yaml_aliases"
    with pytest.raises(UntrustedInput) as err:
        parse_yaml(_laughs(8, 8), Limits(max_yaml_nodes=1_000_000))  # 56 aliases, 8**8 nodes
    assert err.value.code == "input.yaml_aliases"


def test_yaml_recursive_and_deep_documents_are_refused() -> None:
    with pytest.raises(UntrustedInput):
        parse_yaml("a: &a\n  b: *a\n")
    with pytest.raises(UntrustedInput) as err:
        parse_yaml("x: " + "[" * 20000 + "]" * 20000)
    assert err.value.code == "input.too_deep"


def test_yaml_with_a_few_aliases_loads() -> None:
    assert parse_yaml("base: &b {type: string}\nother: *b\n") == {"base": {"type": "string"},
                                                                  "other": {"type": "string"}}
    assert parse_yaml("openapi: 3.1.0\n") == {"openapi": "3.1.0"}


def test_type_nested_past_the_type_depth_is_unknown(make_tree: Tree) -> None:
    # found by the mutation suite: 400 levels parsed, and jsonschema-rs then refused the schema in `check`
    rows = [["Parameter", "Mandatory", "Type", "Description"], ["x", "No", "Array of " * 9 + "String", "X."],
            ["y", "No", "Array of Array of String", "Y."]]
    text = page("Creating a Thing", "POST /v1/things",
                "Request Parameters\n------------------\n\n" + table("Request body parameters", rows))
    built = build_and_check(make_tree({"a.rst": text}), default_service("svc"))
    result, valid = built.result, built.valid
    assert valid
    props = result.spec["components"]["schemas"]["DoThingRequest"]["properties"]
    assert props["y"]["items"]["items"] == {"type": "string"} and "type" not in props["x"]
    assert [d.message.split(":")[0] for d in result.diagnostics if d.code == "type.unknown"] == ["'x'"]
