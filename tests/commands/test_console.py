"""The tool as users start it: the `otc-apigen` console command, and `build` naming the errors it counted."""

from __future__ import annotations

import importlib
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from test_generate import HOSTILE

from generator.cli import make_parser
from generator.core.config import REPO_ROOT


def _subcommands(parser: object) -> set[str]:
    action = next(a for a in parser._actions if a.dest == "command")  # type: ignore[attr-defined]
    return set(action.choices)


def _entry_point() -> Callable[..., int]:
    scripts = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    module, _, attr = scripts["otc-apigen"].partition(":")
    func: Callable[..., int] = getattr(importlib.import_module(module), attr)
    return func


def test_console_command_has_the_subcommands_of_python_m_generator(capsys: pytest.CaptureFixture[str]) -> None:
    console = _entry_point()
    assert _subcommands(make_parser("otc-apigen")) == _subcommands(make_parser()) >= {
        "build", "build-all", "generate", "report", "diff", "validate"}
    with pytest.raises(SystemExit) as exc:
        console(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: otc-apigen ") and "generate" in out
    with pytest.raises(SystemExit):
        console(["generate", "--help"])
    out = capsys.readouterr().out
    assert "--config" in out and "--specs-dir" in out and "--generated-dir" in out and "--only" in out


def _bad_tree(make_tree: Callable[[dict[str, str]], Path]) -> Path:
    qubits = HOSTILE.replace("| Boolean |", "| Qubits  |").replace("Boolean", "Qubits ")
    return make_tree({"t/c.rst": qubits, "t/d.rst": qubits.replace("CreateThing", "CreateOther")
                      .replace("/things", "/others").replace("Creating a Thing", "Creating an Other")})


def test_build_prints_the_error_diagnostics_it_counted(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                       make_tree: Callable[[dict[str, str]], Path]) -> None:
    root = _bad_tree(make_tree)
    out = tmp_path / "h.openapi.yaml"
    assert _entry_point()(["build", str(root), "--service", "hostile", "-o", str(out), "--jobs", "1"]) == 0
    err = capsys.readouterr().err.splitlines()
    shown = [line for line in err if " type.unknown " in line]
    assert len(shown) == 2
    for rel, line in zip(("t/c.rst", "t/d.rst"), shown, strict=True):
        n = _line(root / rel, "Qubits")
        assert line == (f"{root / rel}:{n} type.unknown 'additional_properties': type 'Qubits' is neither in the "
                        "type grammar nor the name of a table on this page; left untyped")
    assert err[-1] == f"2 error diagnostics; all diagnostics: {tmp_path / 'h.diagnostics.json'}"
    # the count is the report's
    assert _entry_point()(["build", str(root), "--service", "hostile", "-o", str(out), "--jobs", "1",
                           "--errors-shown", "1"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert len([line for line in err if " type.unknown " in line]) == 1
    assert err[-1] == f"first 1 of 2 error diagnostics; all diagnostics: {tmp_path / 'h.diagnostics.json'}"


def _line(path: Path, needle: str) -> int:
    return next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in text)


def test_build_prints_nothing_more_without_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                  make_tree: Callable[[dict[str, str]], Path]) -> None:
    root = make_tree({"t/c.rst": HOSTILE})
    assert _entry_point()(["build", str(root), "--service", "hostile", "-o", str(tmp_path / "h.yaml")]) == 0
    assert "error diagnostics" not in capsys.readouterr().err
