"""The diagnostic codes are declared once (generator.core.codes): emitted, tested, derived and documented from there."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from textwrap import dedent

import pytest

from generator.build import pipeline
from generator.build.check import repair
from generator.core import codes
from generator.core.codes import CODES, Stage
from generator.core.config import REPO_ROOT
from generator.core.model import Severity
from generator.devtools import codes as tool
from generator.devtools.corpus import MAIN_CODES
from generator.report import as_github, census
from generator.report import model as report_model

TESTS = REPO_ROOT / "tests"
EXPECTED = TESTS / "corpus" / "expected.py"
_TOKEN = re.compile(r"(?<![\w.])[a-z][a-z0-9_]*\.[a-z0-9_]+(?![\w.])")


# ---------------------------------------------------------------- (a) the source emits declared codes only


def test_every_code_the_source_emits_is_declared() -> None:
    undeclared = {c: places for c, places in tool.emitted().items() if c not in CODES}
    assert not undeclared, f"declare these in generator/core/codes.py: {undeclared}"


def test_every_code_the_source_compares_with_is_declared() -> None:
    undeclared = {c: places for c, places in tool.compared().items() if c not in CODES}
    assert not undeclared, f"not a declared code (a typo?): {undeclared}"


def test_every_declared_code_is_emitted_by_the_source() -> None:
    assert sorted(set(CODES) - set(tool.emitted())) == [], "declared but emitted nowhere: remove or emit them"


def test_the_scan_finds_codes_where_the_source_says_so_and_nowhere_else(tmp_path: Path) -> None:
    pkg = tmp_path / "generator"
    pkg.mkdir()
    (pkg / "m.py").write_text(dedent('''
        from dataclasses import dataclass

        @dataclass
        class Diagnostic:
            source: str
            code: str

        class Refused(Exception):
            def __init__(self, code: str, message: str) -> None:
                self.code = code

        def note(where: str, what: str, code: str = "k.default") -> None: ...

        def run(level: int, d: Diagnostic) -> None:
            Diagnostic("f", "k.positional")
            Diagnostic(source="f", code="k.keyword")
            raise Refused("k.raised" if level else "k.other", "why")
            code = "k.assigned" if level > 2 else None
            problem, code = ("bad", "k.tuple") if level else (None, None)
            result.findings.append(("k.finding", "message"))
            note("a", "b.not_a_code")
            print("auth.password", "ex.invalid", {"info.title": 1}, f"x.{level}")
            if d.code == "k.compared" or d.code in ("k.listed",):
                pass
    '''), encoding="utf-8")
    assert sorted(tool.emitted(pkg)) == ["k.assigned", "k.default", "k.finding", "k.keyword", "k.other",
                                         "k.positional", "k.raised", "k.tuple"]
    assert tool.emitted(pkg)["k.positional"] == ["generator/m.py:16"]
    assert sorted(tool.compared(pkg)) == ["k.compared", "k.listed"]


# ---------------------------------------------------------------- (b) every declared code is emitted by a test


def _named_by_tests() -> set[str]:
    """Codes that a test module holds as a string (a test asserting or filtering on it), this one excepted, and
    codes the pinned corpus figures count at least once (tests/corpus/expected.py: the corpus tests emit them).

    A static proxy for "emitted by a test": recording the codes emitted at run time would need every test in one
    process (the suite runs split over xdist workers, and one file run alone would fail this test)."""
    named: set[str] = set()
    for path in TESTS.rglob("*.py"):
        if path in (Path(__file__), EXPECTED):  # expected.py names every pinned code, counted or not
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr)}
        for n in ast.walk(tree):  # a code, or output that shows one ("UNUSABLE [input.no_body]: ...")
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings:
                named |= {m for m in _TOKEN.findall(n.value) if m in CODES}
    pinned = next(n.value for n in ast.parse(EXPECTED.read_text(encoding="utf-8")).body
                  if isinstance(n, ast.AnnAssign) and getattr(n.target, "id", "") == "EXPECTED")
    figures = ast.literal_eval(pinned) if pinned is not None else {}
    return named | {c for fig in figures.values() for c, n in fig["codes"].items() if n}


def test_every_declared_code_is_named_by_a_test_or_counted_in_the_corpus_figures() -> None:
    untested = sorted(set(CODES) - _named_by_tests())
    assert untested == [], "no test emits these codes: add one that asserts each"


# ---------------------------------------------------------------- (c) the derived lists equal what they replaced


def test_invalidating_codes() -> None:
    assert codes.INVALIDATING == {"check.openapi", "check.dangling_ref", "check.path_params"}
    assert repair.INVALIDATING is codes.INVALIDATING and pipeline.INVALIDATING is codes.INVALIDATING


def test_prose_defects_and_the_severity_of_prose_findings() -> None:
    assert codes.PROSE_DEFECTS == {"enum.type_mismatch", "enum.contradicts_example", "enum.contradicts_pattern",
                                   "default.type_mismatch", "default.not_in_enum", "default.contradicts_constraints"}
    # what docs.extract.tables gave the prose findings before: a warning for these, info for the others
    warned = {"enum.inferred", "enum.unparsed"} | codes.PROSE_DEFECTS
    prose = [c for c in CODES.values() if c.stage is Stage.PROSE]
    assert {c.code for c in prose if c.severity is Severity.WARNING} == warned
    assert all(c.severity is Severity.INFO for c in prose if c.code not in warned)


def test_report_lists() -> None:
    assert census.DEFECTS_BY_CODE == {"default.contradicts_constraints", "default.out_of_range"}
    assert codes.REPORTED == census.DEFECTS_BY_CODE | {"example.schema_mismatch"}
    assert codes.DROPS_EXAMPLE == {"example.invalid_json", "example.too_deep", "example.number_too_long",
                                   "example.number_not_finite"}
    assert codes.EXPLAINS_ROW == {"type.unknown", "table.row_shape", "table.empty_name", "ref.dangling"}
    assert report_model.EXPLAINS_ROW is codes.EXPLAINS_ROW


def test_annotated_codes() -> None:
    # before: these six only; the five prose defects (value sets and defaults that contradict their own cell)
    # are annotated too now, as every documentation defect is
    before = {"type.unknown", "ref.dangling", "table.malformed", "table.row_shape", "table.empty_name",
              "example.invalid_json"}
    # `ref.self`: a row linking its own table while its description names another (a docs slip; its info case, a
    # plain recursive type, is never annotated)
    assert as_github.DEFECT_CODES == before | {"ref.self"} | (codes.PROSE_DEFECTS - codes.REPORTED)
    assert codes.ANNOTATED == as_github.DEFECT_CODES | codes.REPORTED == codes.DEFECTS


def test_pinned_corpus_codes() -> None:
    assert set(MAIN_CODES) == {"page.crash", "page.no_uri", "type.unknown", "ref.dangling", "table.row_shape",
                               "table.empty_name", "table.unknown_column", "example.invalid_json",
                               "example.schema_mismatch", "operation.merged", "section.unknown", "status.none",
                               "schema.name_conflict"}
    assert len(MAIN_CODES) == 13


def test_every_declaration_is_complete() -> None:
    for c in CODES.values():
        assert c.code == c.code.lower() and c.code.count(".") == 1 and c.meaning and "\n" not in c.meaning, c
        assert bool(c.severities) == (c.stage is not Stage.INPUT), c
        assert not c.invalidates or c.stage is Stage.CHECK, c
        assert not c.reported or c.defect, c
    with pytest.raises(ValueError, match="2 severities"):
        codes.severity("schema.name_conflict")


# ---------------------------------------------------------------- the README's table


def test_readme_table_is_the_generated_one() -> None:
    text = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert tool.replace_table(text) == text, "refresh with: python -m generator.devtools.codes --write README.md"
    assert text.index("## Diagnostics") < text.index(tool.START) < text.index("## Specs in the OpenAPI ecosystem")


def test_the_table_replaces_only_what_is_between_the_markers() -> None:
    text = f"# x\n\n{tool.START}\nold\n{tool.END}\nafter\n"
    new = tool.replace_table(text)
    assert new == f"# x\n\n{tool.START}\n{codes.markdown_table()}{tool.END}\nafter\n"
    assert new.count("\n| `") == len(CODES) and "| `page.crash` | error | docs |" in new
    with pytest.raises(ValueError, match="one"):
        tool.replace_table("no markers")
