"""The names every corpus client exposes, pinned in tests/corpus/names/<tree>.txt so a change shows in review.

Each file lists the spec's operationIds with the client function each becomes (variants of a merged
METHOD + path on their own lines) and the model names. After a naming change, rewrite them with
`python -m generator.devtools.names --write tests/corpus/names` and review the diff.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.devtools.corpus import TreeBuild
from generator.devtools.names import names_text
from generator.docs.naming import snake_name

from .conftest import tree_params

pytestmark = pytest.mark.corpus  # never skipped: without the corpus these fail (tests/conftest.py)

Build = Callable[[str], TreeBuild]
NAMES = Path(__file__).parent / "names"
REWRITE = "rewrite with: python -m generator.devtools.names --write tests/corpus/names"


@pytest.mark.parametrize("tree", tree_params())
def test_names_are_pinned(corpus_build: Build, tree: str) -> None:
    pinned = NAMES / f"{tree}.txt"
    if not pinned.is_file():
        pytest.fail(f"{tree} has no pinned names ({pinned}); {REWRITE}")
    got = names_text(corpus_build(tree).result.spec)
    want = pinned.read_text(encoding="utf-8")
    moved = sorted(set(want.splitlines()) ^ set(got.splitlines()))
    assert got == want, f"{tree}: names moved ({len(moved)} lines, first: {moved[:6]}); {REWRITE}"


@pytest.mark.parametrize("tree", tree_params())
def test_function_names_unique_and_never_anchors(corpus_build: Build, tree: str) -> None:
    """Every page (variants included) is a distinct function; no model is named after an RST anchor."""
    spec = corpus_build(tree).result.spec
    ops = [op for item in spec["paths"].values() for op in item.values() if isinstance(op, dict)]
    page_ids = [v["operationId"] for op in ops for v in (op.get("x-otc-variants") or [op])]
    functions = [snake_name(i) for i in page_ids]
    assert len(set(functions)) == len(functions), sorted({f for f in functions if functions.count(f) > 1})
    anchors = [m for m in spec["components"]["schemas"] if re.search(r"\d{6,}|[0-9a-f]{20,}", m, re.I)]
    assert anchors == []
