"""`generator.speed.patches.docutils_fast` and the read path (`read.parse`) give exactly stock docutils' doctree.

The corpus test parses every page of two trees both ways: `read.parse` (settings computed once, the
fast paths installed) and stock `publish_doctree(settings_overrides=...)` with docutils' own functions
put back, and compares the trees node by node, line numbers included. modelarts@1ba1873 has the widest
grid tables of the corpus (the reason for the fast paths); object-storage-service@b9835f8 has non-ASCII
table lines (em dashes), which take docutils' own path.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import docutils
import pytest
from docutils import nodes
from docutils.core import publish_doctree
from docutils.statemachine import StringList
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.build.pipeline import rst_files
from generator.docs import read
from generator.speed.layer import patches_in_place
from generator.speed.patches import VERIFIED, docutils_fast
from tests.conftest import CORPUS

TREES = ["modelarts@1ba1873", "object-storage-service@b9835f8"]


@pytest.fixture
def stock() -> Iterator[None]:
    """docutils' own functions for the test's duration, then as they were."""
    was = docutils_fast.installed()
    docutils_fast.uninstall()
    try:
        yield
    finally:
        docutils_fast.uninstall()
        if was:
            docutils_fast.install()


def _stock_tree(text: str, file: str) -> nodes.document:
    """What `read_text` parsed with before: a fresh settings object per call, stock docutils."""
    assert not docutils_fast.installed()
    read._register()
    overrides = dict(read._SETTINGS, warning_stream=io.StringIO())
    return publish_doctree(text, source_path=file, settings_overrides=overrides)


def _fingerprint(doc: nodes.document) -> tuple[str, list[tuple[str, object, object, str]]]:
    """The tree as text, and what `pformat` leaves out: each element's line, source and raw source."""
    return doc.pformat(), [(n.tagname, n.line, n.source, str(n.rawsource)) for n in doc.findall(nodes.Element)]


@pytest.mark.corpus
@pytest.mark.parametrize("tree", TREES)
def test_read_path_gives_stock_doctree_on_every_page(tree: str) -> None:
    root = CORPUS / tree
    files = rst_files(root)
    assert len(files) > 100, f"{root}: too few pages for this test to mean anything"
    different = []
    non_ascii_pages = 0
    for path in files:
        text = path.read_bytes().decode("utf-8", errors="replace")
        rel = path.relative_to(root).as_posix()
        non_ascii_pages += not text.isascii()
        with patches_in_place():  # as the speed layer parses
            fast = _fingerprint(read.parse(text, rel))
            assert docutils_fast.installed()
        assert not docutils_fast.installed()  # stock again after the speed layer's run
        slow = _fingerprint(_stock_tree(text, rel))
        if fast != slow:
            different.append(rel)
    assert different == []
    if tree.startswith("object-storage-service"):
        assert non_ascii_pages > 0  # docutils' own path is exercised too


def test_parse_matches_stock_on_tables_with_wide_and_combining_characters(stock: None) -> None:
    # a grid table whose cells hold East-Asian wide and combining characters, and a title whose underline
    # is only long enough in columns (wide characters count twice, combining ones not at all)
    text = (
        "T\u0306itl\u0115\n"
        "=====\n\n"
        "中文标题\n"
        "--------\n\n"
        "+--------+-----------+\n"
        "| 名前   | Value     |\n"
        "+========+===========+\n"
        "| a\u0301b\u0301c    | ｶﾀｶﾅ      |\n"
        "+--------+-----------+\n"
        "| plain  | ＡＢ      |\n"
        "+--------+-----------+\n"
    )
    slow = _fingerprint(_stock_tree(text, "t.rst"))
    docutils_fast.install()
    fast = _fingerprint(read.parse(text, "t.rst"))
    assert fast == slow
    assert "名前" in fast[0] and "ＡＢ" in fast[0] and "<table" in fast[0]
    assert "system_message" not in fast[0]


def test_installed_by_the_speed_layer_for_the_verified_docutils_only(monkeypatch: pytest.MonkeyPatch) -> None:
    read.parse("Title\n=====\n", "x.rst")
    assert not docutils_fast.installed()  # the read path alone is stock docutils
    assert docutils.__version__ == docutils_fast.PATCHED_VERSION == VERIFIED["docutils"]
    with patches_in_place():
        assert docutils_fast.installed()
        assert docutils.parsers.rst.tableparser.strip_combining_chars is docutils_fast.strip_combining_chars
    assert not docutils_fast.installed()
    for where, value in ((docutils, "0.99"), (VERIFIED, "0.99")):  # another docutils, or a table not updated
        with monkeypatch.context() as m:
            if where is VERIFIED:
                m.setitem(VERIFIED, "docutils", value)
            else:
                m.setattr(docutils, "__version__", value)
            with patches_in_place():
                assert not docutils_fast.installed()
                assert docutils.utils.strip_combining_chars is docutils_fast._strip_combining_chars
                assert StringList.pad_double_width is docutils_fast._pad_double_width


# Text from the whole of Unicode, with ASCII, combining marks and wide / full-width / ambiguous characters
# drawn often enough that the mixtures the tables meet come up.
_SPECIAL = "\u0300\u0301\u0306\u0327\u20d7\u302a中文名前ｶﾀｶﾅＡＢ\u3000한글→—é\u00a0\t"
_TEXT = st.text(alphabet=st.one_of(st.characters(codec="utf-8"), st.sampled_from(_SPECIAL),
                                   st.characters(min_codepoint=32, max_codepoint=126)), max_size=80)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_strip_combining_chars_equals_docutils(text: str) -> None:
    assert docutils_fast.strip_combining_chars(text) == docutils_fast._strip_combining_chars(text)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_column_indices_equals_docutils(text: str) -> None:
    assert docutils_fast.column_indices(text) == docutils_fast._column_indices(text)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_column_width_equals_docutils(text: str) -> None:
    assert docutils_fast.column_width(text) == docutils_fast._column_width(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(_TEXT, max_size=6), st.sampled_from(["\x00", " ", "\\"]))
def test_pad_double_width_equals_docutils(lines: list[str], pad: str) -> None:
    fast, slow = StringList(list(lines), "x.rst"), StringList(list(lines), "x.rst")
    docutils_fast.pad_double_width(fast, pad)
    docutils_fast._pad_double_width(slow, pad)
    assert fast.data == slow.data
    assert fast.items == slow.items


def test_ascii_is_never_combining_nor_wide() -> None:
    """The premise of every fast path, over all 128 ASCII characters."""
    import unicodedata

    for c in map(chr, range(128)):
        assert unicodedata.combining(c) == 0
        assert unicodedata.east_asian_width(c) in ("Na", "N")
        assert docutils.utils.east_asian_widths[unicodedata.east_asian_width(c)] == 1

