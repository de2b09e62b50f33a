"""Whole corpus trees, converted and measured: pinned counts (tests/corpus/expected.py) and invariants.

A failing pinned count after an extraction change is not necessarily a regression: print the current figures
with `python -m generator.devtools.corpus --expected`, paste them into expected.py and review the diff.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from generator.devtools.corpus import MAIN_CODES, TreeBuild, figures, manifest
from generator.report import as_html, as_json, as_text, verify
from generator.report.peer import compare, field_figures

from .conftest import TREES, tree_params
from .expected import EXPECTED, TARGET_GAPS

pytestmark = pytest.mark.corpus  # never skipped: without the corpus these fail (tests/conftest.py)

Build = Callable[[str], TreeBuild]
REFRESH = "refresh with: python -m generator.devtools.corpus --expected"


def _check_pinned(corpus_build: Build, tree: str, keys: tuple[str, ...]) -> None:
    if tree not in EXPECTED:
        pytest.fail(f"{tree} has no pinned figures in tests/corpus/expected.py; {REFRESH}")
    want: dict[str, Any] = {k: EXPECTED[tree][k] for k in keys}
    got = {k: figures(corpus_build(tree).coverage)[k] for k in keys}
    flat_got, flat_want = _flat(got), _flat(want)
    moved = {k: f"{flat_want.get(k)} -> {flat_got.get(k)}" for k in sorted(set(flat_got) | set(flat_want))
             if flat_got.get(k) != flat_want.get(k)}
    assert not moved, f"{tree}: pinned figures moved (pinned -> now): {moved}; {REFRESH}"


def _flat(d: dict[str, Any]) -> dict[str, Any]:
    """{"codes": {"type.unknown": 3}} -> {"codes/type.unknown": 3}: a failure names each moved figure."""
    out: dict[str, Any] = {}
    for k, v in d.items():
        if isinstance(v, dict):
            out.update({f"{k}/{kk}": vv for kk, vv in v.items()})
        else:
            out[k] = v
    return out


def test_every_tree_is_pinned() -> None:
    assert sorted(EXPECTED) == TREES, REFRESH


@pytest.mark.parametrize("tree", tree_params())
def test_pages_and_operations(corpus_build: Build, tree: str) -> None:
    _check_pinned(corpus_build, tree, ("api_pages", "api_pages_with_operations", "operations"))


@pytest.mark.parametrize("tree", tree_params())
def test_rows_and_examples(corpus_build: Build, tree: str) -> None:
    _check_pinned(corpus_build, tree, ("rows", "rows_resolved", "rows_unknown_type", "rows_failed", "examples",
                                       "examples_invalid", "examples_unparseable"))


@pytest.mark.parametrize("tree", tree_params())
def test_diagnostic_codes(corpus_build: Build, tree: str) -> None:
    assert set(EXPECTED.get(tree, {}).get("codes", {})) == set(MAIN_CODES), REFRESH
    _check_pinned(corpus_build, tree, ("codes",))


@pytest.mark.parametrize("tree", tree_params(xfail=TARGET_GAPS))
def test_api_pages_become_operations(corpus_build: Build, tree: str) -> None:
    """Target: >= 99% of the corpus' API pages (MANIFEST.tsv) come out as operations."""
    documented = manifest().get(tree)
    assert documented, f"{tree} not in MANIFEST.tsv"
    cov = corpus_build(tree).coverage
    assert cov.api_pages_with_operations >= 0.99 * documented, (
        f"{tree}: {cov.api_pages_with_operations} of {documented} API pages became operations; without one: "
        + ", ".join(p.file for p in cov.api_pages if not p.operations)[:2000])


@pytest.mark.parametrize("tree", tree_params())
def test_counters_add_up(corpus_build: Build, tree: str) -> None:
    cov = corpus_build(tree).coverage
    verify(cov)  # raises with every broken identity
    r = cov.rows
    assert r.total == r.resolved + r.unknown_type + r.failed


@pytest.mark.parametrize("tree", tree_params())
def test_every_row_resolved_or_diagnosed(corpus_build: Build, tree: str) -> None:
    silent = [f"{p.file}: {p.rows.unknown_type + p.rows.failed} unresolved rows, {p.row_diagnostics} diagnostics"
              for p in corpus_build(tree).coverage.pages
              if p.rows.unknown_type + p.rows.failed > p.row_diagnostics]
    assert not silent


@pytest.mark.parametrize("tree", tree_params())
def test_no_page_crashes(corpus_build: Build, tree: str) -> None:
    crashes = [f"{d.source}: {d.message}" for d in corpus_build(tree).coverage.diagnostics if d.code == "page.crash"]
    assert not crashes


@pytest.mark.parametrize("tree", tree_params())
def test_spec_validates(corpus_build: Build, tree: str) -> None:
    tb = corpus_build(tree)
    broken = [f"{d.code}: {d.message}" for d in tb.findings if d.code in ("check.openapi", "check.dangling_ref")]
    assert not broken[:20]
    assert tb.spec_valid


@pytest.mark.parametrize("tree", tree_params())
def test_report_renders(corpus_build: Build, tree: str) -> None:
    cov = corpus_build(tree).coverage
    page = as_html.render(cov)
    assert "<script" not in page and page.count("<details") == len(cov.pages)
    text = as_text.render(cov)
    assert f"Documentation defects: {len(cov.defects)} findings" in text
    assert as_json.to_dict(cov)["totals"]["rows"]["total"] == cov.rows.total


@pytest.mark.parametrize("tree", tree_params(names=["modelarts@1ba1873"]))
def test_ahead_of_the_peer_where_the_notes_say(corpus_build: Build, tree: str) -> None:
    """The claims of the --compare-peer section, held against the build (peer: notes/peer-gen-sdk-toolset.md)."""
    tb = corpus_build(tree)
    cov = tb.coverage
    assert cov.api_pages_with_operations > 191  # the peer's endpoint recall on this tree
    assert cov.rows.total > 2287  # the peer counts top-level rows only
    ff = field_figures(tb.result.pages)
    assert ff.nested > 0 and ff.maps > 0 and ff.enums > 0 and ff.limits > 0
    assert not [p for p in tb.result.spec["paths"] if "?" in p]
    rows = {r.measure for r in compare(cov, tb.result.pages, tb.result.spec)}
    assert "per-status responses" in rows and "fields with an enum" in rows
