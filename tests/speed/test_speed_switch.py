"""The speed switch: every corpus tree built with the speed layer (a fresh cache folder and two jobs: parallel
extraction, validator workers, the YAML made while the spec is checked, the patches of library internals) and
without it (`OTC_APIGEN_NO_SPEED=1`: the plain pipeline, stock libraries) gives the same spec and diagnostics
bytes, written as the commands write them. The plain builds run in child processes beside the others (one from
the start, one more once the speed layer's builds are done, taking trees from the same queue), so the corpus takes
about half the CPU time of both ways."""

from __future__ import annotations

import multiprocessing
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.build.pipeline import build_and_check
from generator.build.runner import PLAIN
from generator.core.emit import dump_json
from generator.devtools.corpus import CORPUS
from generator.organisation import Tree, discover
from generator.report.census import census_of
from generator.report.diagnostics import report
from generator.speed import prose_memo
from generator.speed import validator_memory as spec_validator
from generator.speed.layer import NO_SPEED_ENV, Speed, speed_for
from generator.speed.page_cache import PageCache
from generator.speed.patches import docutils_fast, validator_fast
from generator.speed.stage_cache import StageCache

pytestmark = pytest.mark.corpus


def _write(tree: Tree, out: Path, cache: Path | None) -> None:
    """One corpus tree built and checked, its spec (when valid) and diagnostics written as `build` and `build-all`
    write them: with the speed layer and `cache`, or (None) with the switch off."""
    speed = speed_for(2, PageCache(cache), StageCache(cache)) if cache is not None else speed_for(2)
    assert isinstance(speed, Speed) if cache is not None else speed is PLAIN
    built = build_and_check(tree.docs, tree.service, yaml_ahead=True, speed=speed)
    (out / f"{tree.label}.diagnostics.json").write_bytes(dump_json(report(census_of(built))).encode())
    if built.valid:
        (out / f"{tree.label}.openapi.yaml").write_bytes(speed.dump_yaml(built.result.spec).encode())


def _plain(trees: list[Tree], out: Path, taken: Any) -> None:
    """In a child: the switch off, trees taken from the shared queue (`taken`: the next index) until none is
    left; nothing of the speed layer may be touched (no memo filled, no patch)."""
    os.environ[NO_SPEED_ENV] = "1"
    prose_memo._memo.clear()
    spec_validator.VALID.clear()
    assert not docutils_fast.installed() and not validator_fast.installed()
    while True:
        with taken.get_lock():
            i = taken.value
            taken.value += 1
        if i >= len(trees):
            break
        _write(trees[i], out, None)
    assert not prose_memo._memo and not spec_validator.VALID
    assert not docutils_fast.installed() and not validator_fast.installed()


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_every_corpus_tree_is_the_same_with_and_without_speed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    trees = discover(CORPUS)
    assert len(trees) >= 10
    monkeypatch.delenv(NO_SPEED_ENV, raising=False)
    fast_dir, plain_dir = tmp_path / "speed", tmp_path / "plain"
    fast_dir.mkdir()
    plain_dir.mkdir()
    ctx = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    largest_first = sorted(trees, key=lambda t: -sum(p.stat().st_size for p in t.docs.rglob("*.rst")))
    taken = ctx.Value("i", 0)
    children = [ctx.Process(target=_plain, args=(largest_first, plain_dir, taken))]
    children[0].start()
    try:
        for tree in trees:
            _write(tree, fast_dir, tmp_path / "cache")
        children.append(ctx.Process(target=_plain, args=(largest_first, plain_dir, taken)))
        children[1].start()
    finally:
        for child in children:
            child.join()
    assert [child.exitcode for child in children] == [0, 0]
    assert (tmp_path / "cache" / "stages-v1").is_dir() and (tmp_path / "cache" / "pages-v1").is_dir()
    fast, plain = _files(fast_dir), _files(plain_dir)
    assert sorted(fast) == sorted(plain) and sum(name.endswith(".openapi.yaml") for name in fast) >= 10
    assert [name for name in fast if fast[name] != plain[name]] == []
