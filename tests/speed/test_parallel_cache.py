"""Process pool and page cache: the same bytes whatever the job count or the cache holds."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build.pipeline import BuildResult, build_spec
from generator.cli import main
from generator.core.emit import dump_json, dump_yaml
from generator.speed.layer import speed_for
from generator.speed.page_cache import PageCache, default_cache_dir, resolve_cache_dir
from generator.speed.parallel import MIN_POOL_PAGES
from generator.speed.stage_cache import StageCache
from tests.rst_snippets import page, table


def _page(op: str, field: str) -> str:
    body = ("Request Parameters\n------------------\n\n"
            + table("Request body parameters", [["Parameter", "Mandatory", "Type", "Description"],
                                                ["spec", "Yes", f":ref:`{op}Spec <{op}_spec>` object", "It."],
                                                ["bad", "No", "Strnig", "A type nobody knows."]])
            + table(f"{op}Spec", [["Parameter", "Mandatory", "Type", "Description"],
                                  [field, "No", "String", "The value. Maximum: 64 characters."]],
                    label=f"{op}_spec"))
    return page(f"Doing {op}", f"POST /v1/{op.lower()}", body, name=op)


def _pages(n: int) -> dict[str, str]:
    files = {f"g{i % 3}/op{i:02d}.rst": _page(f"Op{i:02d}", f"field{i}") for i in range(n)}
    files["g0/broken.rst"] = "Broken\n======\n\n+---+\n| a |\n+--\n"  # docutils errors: diagnostics with a file
    return files


def _bytes(r: BuildResult) -> tuple[str, str]:
    return dump_yaml(r.spec), dump_json([d.as_dict() for d in r.diagnostics])


@pytest.fixture
def tree(make_tree: Callable[[dict[str, str]], Path]) -> Path:
    return make_tree(_pages(2 * MIN_POOL_PAGES))  # enough pages that 4 jobs really start a pool


def test_one_and_four_jobs_give_the_same_bytes(tree: Path) -> None:
    one, four = build_spec(tree, "svc", speed=speed_for(1)), build_spec(tree, "svc", speed=speed_for(4))
    assert _bytes(one) == _bytes(four)
    assert len(one.spec["paths"]) == 2 * MIN_POOL_PAGES
    assert {d.source.file for d in four.diagnostics if d.code == "type.unknown"} >= {"g0/op00.rst", "g1/op01.rst"}
    assert [p.file for p in four.pages] == [p.file for p in one.pages]


def test_cached_and_uncached_builds_give_the_same_bytes(tree: Path, tmp_path: Path) -> None:
    uncached = build_spec(tree, "svc", speed=speed_for(1))
    cold = PageCache(tmp_path / "cache")
    first = build_spec(tree, "svc", speed=speed_for(4, cold))
    files = len(uncached.pages)
    assert (cold.stats.hits, cold.stats.misses, cold.stats.written) == (0, files, files)
    warm = PageCache(tmp_path / "cache")
    second = build_spec(tree, "svc", speed=speed_for(4, warm))
    assert (warm.stats.hits, warm.stats.misses, warm.stats.written) == (files, 0, 0)
    assert _bytes(uncached) == _bytes(first) == _bytes(second)


def test_one_changed_page_is_the_only_miss(tree: Path, tmp_path: Path) -> None:
    build_spec(tree, "svc", speed=speed_for(1, PageCache(tmp_path / "cache")))
    (tree / "g1/op04.rst").write_text(_page("Op04", "renamed"), encoding="utf-8")
    cache = PageCache(tmp_path / "cache")
    r = build_spec(tree, "svc", speed=speed_for(1, cache))
    assert (cache.stats.hits, cache.stats.misses) == (len(r.pages) - 1, 1)
    assert "renamed" in r.spec["components"]["schemas"]["Op04Spec"]["properties"]


def test_same_bytes_at_another_path_is_another_entry(make_tree: Callable[[dict[str, str]], Path],
                                                     tmp_path: Path) -> None:
    # diagnostics carry the file, so a moved page must not reuse the entry of its old path
    root = make_tree({"a/x.rst": _page("X", "f"), "b/x.rst": _page("X", "f")})
    cache = PageCache(tmp_path / "cache")
    r = build_spec(root, "svc", speed=speed_for(1, cache))
    assert cache.stats.misses == 2
    assert {d.source.file for d in r.diagnostics if d.code == "type.unknown"} == {"a/x.rst", "b/x.rst"}


def test_a_code_change_misses(tree: Path, tmp_path: Path) -> None:
    build_spec(tree, "svc", speed=speed_for(1, PageCache(tmp_path / "cache")))
    changed = PageCache(tmp_path / "cache", code="another generator version")
    build_spec(tree, "svc", speed=speed_for(1, changed))
    assert changed.stats.hits == 0 and changed.stats.misses == changed.stats.written > 0


@pytest.mark.parametrize("damage", ["truncate", "flip", "empty"])
def test_a_damaged_entry_is_ignored_and_rewritten(tree: Path, tmp_path: Path, damage: str) -> None:
    expected = _bytes(build_spec(tree, "svc", speed=speed_for(1, PageCache(tmp_path / "cache"))))
    entry = sorted(p for p in (tmp_path / "cache").rglob("*") if p.is_file())[0]
    blob = entry.read_bytes()
    entry.write_bytes({"truncate": blob[: len(blob) // 2], "flip": blob[:-1] + bytes([blob[-1] ^ 1]),
                       "empty": b""}[damage])
    cache = PageCache(tmp_path / "cache")
    assert _bytes(build_spec(tree, "svc", speed=speed_for(1, cache))) == expected
    assert (cache.stats.corrupt, cache.stats.misses, cache.stats.written) == (1, 1, 1)
    assert entry.read_bytes() == blob  # rewritten whole
    again = PageCache(tmp_path / "cache")
    build_spec(tree, "svc", speed=speed_for(1, again))
    assert again.stats.misses == 0


def test_least_recently_used_entries_are_evicted(tree: Path, tmp_path: Path) -> None:
    build_spec(tree, "svc", speed=speed_for(1, PageCache(tmp_path / "cache")))
    entries = sorted(p for p in (tmp_path / "cache").rglob("*") if p.is_file())
    for age, path in enumerate(entries):  # the first entry is the oldest
        os.utime(path, (1_000_000 + age, 1_000_000 + age))
    keep = sum(p.stat().st_size for p in entries[-3:])
    cache = PageCache(tmp_path / "cache", max_bytes=keep)
    cache.prune()
    assert sorted(p for p in (tmp_path / "cache").rglob("*") if p.is_file()) == entries[-3:]
    assert cache.stats.evicted == len(entries) - 3


def test_a_hit_makes_an_entry_recent(tree: Path, tmp_path: Path) -> None:
    build_spec(tree, "svc", speed=speed_for(1, PageCache(tmp_path / "cache")))
    entries = [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    for path in entries:
        os.utime(path, (1_000_000, 1_000_000))
    build_spec(tree, "svc", speed=speed_for(1, PageCache(tmp_path / "cache")))
    assert all(p.stat().st_mtime > 1_000_000 for p in entries)


def test_cache_location(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "otc-apigen"
    assert resolve_cache_dir(None, False) == tmp_path / "xdg" / "otc-apigen"
    assert resolve_cache_dir(tmp_path / "mine", False) == tmp_path / "mine"
    assert resolve_cache_dir(tmp_path / "mine", True) is None
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert default_cache_dir() == Path.home() / ".cache" / "otc-apigen"


def test_build_command_cache_options(tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    out = tmp_path / "svc.openapi.yaml"
    assert main(["build", str(tree), "--service", "svc", "-o", str(out), "--jobs", "2"]) == 0
    assert any((tmp_path / "xdg" / "otc-apigen").rglob("*")), "the default cache is under $XDG_CACHE_HOME"
    spec = out.read_text()
    assert main(["build", str(tree), "--service", "svc", "-o", str(out), "--cache-dir", str(tmp_path / "c")]) == 0
    assert out.read_text() == spec and any((tmp_path / "c").rglob("*"))
    assert main(["build", str(tree), "--service", "svc", "-o", str(out), "--no-cache",
                 "--cache-dir", str(tmp_path / "none")]) == 0
    assert out.read_text() == spec and not (tmp_path / "none").exists()


def test_diff_of_two_trees_uses_the_cache(tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "diff.md"
    assert main(["diff", str(tree), str(tree), "--service", "svc", "--cache-dir", str(tmp_path / "c"),
                 "-o", str(out)]) == 0
    cache = tmp_path / "c"
    assert len([p for p in (cache / "pages-v1").rglob("*") if p.is_file()]) == len(_pages(2 * MIN_POOL_PAGES))
    # the build stage's entry too: both sides are the same tree, so one key (generator.diff.inputs)
    built = StageCache(cache)
    assert sum(1 for p in built.entries.rglob("*") if p.is_file() and built.get("build", p.name) is not None) == 1
