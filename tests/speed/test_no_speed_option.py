"""`--no-speed` (and `OTC_APIGEN_NO_SPEED=1`) on the commands that build: the plain pipeline, never the speed
layer (no cache folder made, no memo, no patch), and the same output bytes as with it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.build.pipeline import build_spec
from generator.build.runner import PLAIN
from generator.cli import main
from generator.core.emit import dump_yaml
from generator.speed import layer
from generator.speed.layer import NO_SPEED_ENV, Speed, speed_for
from tests.speed.test_stage_cache import _page


@pytest.fixture
def tree(make_tree: Callable[[dict[str, str]], Path]) -> Path:
    return make_tree({f"things/op{i}.rst": _page(f"Op{i}", f"field{i}") for i in range(2)})


def _outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _forbid_speed(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the speed layer ran with the switch off")

    monkeypatch.setattr(Speed, "run", refused)
    monkeypatch.setattr(Speed, "dump_yaml", refused)
    monkeypatch.setattr(layer, "patches_in_place", refused)


def test_the_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(NO_SPEED_ENV, raising=False)
    assert isinstance(speed_for(), Speed) and speed_for(no_speed=True) is PLAIN
    for off in ("1", "yes"):
        monkeypatch.setenv(NO_SPEED_ENV, off)
        assert speed_for(2) is PLAIN
    for on in ("", "0"):
        monkeypatch.setenv(NO_SPEED_ENV, on)
        assert isinstance(speed_for(2), Speed)


@pytest.mark.parametrize("command", ["build", "build-all", "report", "diff"])
def test_no_speed_writes_the_same_bytes_without_the_speed_layer(command: str, tree: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    def run(folder: Path, *extra: str) -> dict[str, bytes]:
        folder.mkdir()
        if command == "build":
            args = ["build", str(tree), "--service", "things", "-o", str(folder / "things.openapi.yaml")]
        elif command == "build-all":
            args = ["build-all", str(tree.parent), "-o", str(folder)]
        elif command == "report":
            args = ["report", str(tree), "--service", "things", "-o", str(folder)]
        else:  # the tree against itself: both sides built
            args = ["diff", str(tree), str(tree), "--service", "things", "--format", "json",
                    "-o", str(folder / "d.json")]
        assert main([*args, "--jobs", "1", "--cache-dir", str(tmp_path / "cache"), *extra]) == 0
        return _outputs(folder)

    fast = run(tmp_path / "fast")
    assert (tmp_path / "cache").is_dir()
    cache_entries = sorted(p.relative_to(tmp_path) for p in (tmp_path / "cache").rglob("*"))
    _forbid_speed(monkeypatch)
    assert run(tmp_path / "plain", "--no-speed") == fast
    assert sorted(p.relative_to(tmp_path) for p in (tmp_path / "cache").rglob("*")) == cache_entries  # untouched
    monkeypatch.setenv(NO_SPEED_ENV, "1")
    assert run(tmp_path / "env") == fast


def test_the_library_default_follows_the_environment(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = dump_yaml(build_spec(tree, "things").spec)
    _forbid_speed(monkeypatch)
    monkeypatch.setenv(NO_SPEED_ENV, "1")
    assert dump_yaml(build_spec(tree, "things", speed=speed_for(2)).spec) == fast
