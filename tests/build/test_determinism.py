"""Same docs, same bytes; a change to one page touches only that page's operation and schemas."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.build.pipeline import build_spec
from generator.core.emit import dump_yaml
from tests.rst_snippets import page, table


def _page(op: str, path: str, field: str, desc: str) -> str:
    body = ("Request Parameters\n------------------\n\n"
            + table("Request body parameters", [["Parameter", "Mandatory", "Type", "Description"],
                                                ["spec", "Yes", f":ref:`{op}Spec <{op}_spec>` object", "It."]])
            + table(f"{op}Spec", [["Parameter", "Mandatory", "Type", "Description"], [field, "No", "String", desc]],
                    label=f"{op}_spec"))
    return page(f"Doing {op}", f"POST {path}", body, name=op)


def test_same_docs_same_bytes(make_tree: Callable[[dict[str, str]], Path]) -> None:
    root = make_tree({"a/one.rst": _page("One", "/v1/one", "alpha", "A."),
                      "a/two.rst": _page("Two", "/v1/two", "beta", "B.")})
    assert dump_yaml(build_spec(root, "svc").spec) == dump_yaml(build_spec(root, "svc").spec)


def test_one_page_change_is_local(make_tree: Callable[[dict[str, str]], Path]) -> None:
    pages = {"a/one.rst": _page("One", "/v1/one", "alpha", "A."),
             "a/two.rst": _page("Two", "/v1/two", "beta", "B."),
             "a/three.rst": _page("Three", "/v1/three", "gamma", "C.")}
    before = build_spec(make_tree(pages), "svc").spec
    pages["a/two.rst"] = _page("Two", "/v1/two", "beta", "B, now with a maximum of 10 characters.")
    after = build_spec(make_tree(pages), "svc").spec
    changed_paths = {p for p in before["paths"] if before["paths"][p] != after["paths"][p]}
    changed_schemas = {n for n in before["components"]["schemas"]
                       if before["components"]["schemas"][n] != after["components"]["schemas"].get(n)}
    assert changed_paths == set()  # the operation object only points at its schemas
    assert changed_schemas == {"TwoSpec"}
    assert after["components"]["schemas"]["TwoSpec"]["properties"]["beta"]["maxLength"] == 10
