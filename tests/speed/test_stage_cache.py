"""The stage cache (link + render, check + repair, YAML): same bytes with and without it; damaged entries retried."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.build.pipeline import CheckedBuild, build_and_check, checked
from generator.cli import main
from generator.core.config import default_service
from generator.core.emit import dump_json, dump_yaml
from generator.core.model import Source
from generator.report.census import census_of
from generator.report.diagnostics import report
from generator.speed.layer import speed_for
from generator.speed.stage_cache import StageCache, cached_dump_yaml, value_bytes
from tests.rst_snippets import page, table


def _page(op: str, field: str) -> str:
    body = ("Request Parameters\n------------------\n\n"
            + table("Request body parameters", [["Parameter", "Mandatory", "Type", "Description"],
                                                [field, "Yes", "String", "The value. Maximum: 64 characters."],
                                                ["bad", "No", "Strnig", "A type nobody knows."]])
            + "Example Requests\n----------------\n\n.. code-block::\n\n   {\"" + field + "\": 7}\n\n")
    return page(f"Doing {op}", f"POST /v1/{op.lower()}", body, name=op)


@pytest.fixture
def tree(make_tree: Callable[[dict[str, str]], Path]) -> Path:
    files = {f"things/op{i}.rst": _page(f"Op{i}", f"field{i}") for i in range(3)}
    files["things/index.rst"] = "Things\n======\n\nThe things of the service.\n\n.. toctree::\n\n   op0\n"
    return make_tree(files)


def _bytes(b: CheckedBuild) -> tuple[str, str]:
    return dump_yaml(b.result.spec), dump_json(report(census_of(b)))


def test_cached_and_uncached_give_the_same_bytes(tree: Path, tmp_path: Path) -> None:
    svc = default_service("svc")
    uncached = _bytes(build_and_check(tree, svc))
    cold = StageCache(tmp_path / "cache")
    assert _bytes(build_and_check(tree, svc, speed=speed_for(1, None, cold))) == uncached
    assert (cold.stats.hits, cold.stats.misses, cold.stats.written) == (0, 2, 2)  # build, check
    warm = StageCache(tmp_path / "cache")
    again = build_and_check(tree, svc, speed=speed_for(1, None, warm))
    assert (warm.stats.hits, warm.stats.misses, warm.stats.written) == (2, 0, 0)
    assert _bytes(again) == uncached
    assert "example.schema_mismatch" in uncached[1] and "type.unknown" in uncached[1]  # findings came back too


def test_a_changed_docs_file_misses_the_build_stage(tree: Path, tmp_path: Path) -> None:
    svc = default_service("svc")
    build_and_check(tree, svc, speed=speed_for(1, None, StageCache(tmp_path / "cache")))
    # the tag's description comes from the section's index page, read again by the build stage
    (tree / "things/index.rst").write_text("Things\n======\n\nOther words.\n\n.. toctree::\n\n   op0\n")
    stages = StageCache(tmp_path / "cache")
    built = build_and_check(tree, svc, speed=speed_for(1, None, stages))
    assert stages.stats.misses == 2
    assert [t.get("description") for t in built.result.spec["tags"]] == ["Other words."]
    assert _bytes(built) == _bytes(build_and_check(tree, svc))


def test_another_service_configuration_misses(tree: Path, tmp_path: Path) -> None:
    build_and_check(tree, default_service("svc"), speed=speed_for(1, None, StageCache(tmp_path / "cache")))
    stages = StageCache(tmp_path / "cache")
    built = build_and_check(tree, default_service("other"), speed=speed_for(1, None, stages))
    assert stages.stats.hits == 0 and built.result.spec["info"]["title"] == "Other"


@pytest.mark.parametrize("damage", ["truncate", "flip", "empty"])
def test_a_damaged_stage_entry_is_ignored_and_rewritten(tree: Path, tmp_path: Path, damage: str) -> None:
    svc = default_service("svc")
    expected = _bytes(build_and_check(tree, svc, speed=speed_for(1, None, StageCache(tmp_path / "cache"))))
    entries = sorted(p for p in (tmp_path / "cache" / "stages-v1").rglob("*") if p.is_file())
    assert len(entries) == 2
    blobs = [p.read_bytes() for p in entries]
    for path, blob in zip(entries, blobs, strict=True):
        path.write_bytes({"truncate": blob[: len(blob) // 2], "flip": blob[:-1] + bytes([blob[-1] ^ 1]),
                          "empty": b""}[damage])
    stages = StageCache(tmp_path / "cache")
    assert _bytes(build_and_check(tree, svc, speed=speed_for(1, None, stages))) == expected
    assert (stages.stats.corrupt, stages.stats.misses, stages.stats.written) == (2, 2, 2)
    assert [p.read_bytes() for p in entries] == blobs  # rewritten whole
    again = StageCache(tmp_path / "cache")
    build_and_check(tree, svc, speed=speed_for(1, None, again))
    assert (again.stats.hits, again.stats.misses) == (2, 0)


def test_an_entry_of_another_stage_is_not_served(tmp_path: Path) -> None:
    stages = StageCache(tmp_path / "cache")
    key = stages.key("check", b"x")
    stages.put("yaml", key, "text")
    assert stages.get("check", key) is None and stages.get("yaml", key) == "text"


def _dangling() -> dict[str, Any]:
    ok = {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Gone"}}}}
    return {"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
            "paths": {"/a": {"get": {"operationId": "GetA", "responses": {"200": ok}}}},
            "components": {"schemas": {"Kept": {"type": "object"}}}}


def test_a_repaired_spec_comes_back_repaired(tmp_path: Path) -> None:
    origin = Source("<t.openapi.yaml>", 0)
    plain = _dangling()
    expected, valid = checked(plain, origin)
    assert valid and any(d.code == "check.repaired" for d in expected.diagnostics)
    for _ in range(2):  # cold, then warm
        spec = _dangling()
        stages = StageCache(tmp_path / "cache")
        found, ok = checked(spec, origin, speed=speed_for(None, None, stages))
        assert (found.diagnostics, ok) == (expected.diagnostics, valid)
        assert dump_yaml(spec) == dump_yaml(plain)  # repaired in place, from the cache too
    assert stages.stats.hits == 1


def test_yaml_is_cached_by_exact_value(tmp_path: Path) -> None:
    stages = StageCache(tmp_path / "cache")
    doc = {"a": [1, "1", 1.0, True, None], "b": {"0086": "x"}}
    assert cached_dump_yaml(doc, stages) == dump_yaml(doc) == cached_dump_yaml(copy.deepcopy(doc), stages)
    assert (stages.stats.misses, stages.stats.hits) == (2, 1)  # text and pieces missed, then the text hit
    # values json.dumps would confuse (1 vs True, "1" vs 1) are other entries
    other = {"a": [True, 1, 1, 1, None], "b": {"0086": "x"}}
    assert cached_dump_yaml(other, stages) == dump_yaml(other) != dump_yaml(doc)
    assert (stages.stats.misses, stages.stats.hits) == (3, 2)  # a new text, from the pieces of the last one


def test_build_command_same_bytes_with_and_without_cache(tree: Path, tmp_path: Path) -> None:
    outs = []
    cached = ["--cache-dir", str(tmp_path / "c")]
    for i, opts in enumerate([["--no-cache"], cached, cached]):
        out = tmp_path / f"o{i}" / "svc.openapi.yaml"
        assert main(["build", str(tree), "--service", "svc", "-o", str(out), *opts]) == 0
        outs.append((out.read_bytes(), (out.parent / "svc.diagnostics.json").read_bytes()))
    assert outs[0] == outs[1] == outs[2]
    assert any((tmp_path / "c" / "stages-v1").rglob("*"))


def _schemas_spec(bad: bool) -> dict[str, Any]:
    schemas: dict[str, Any] = {"A": {"type": "object", "properties": {"x": {"type": "string", "maxLength": 3}}},
                               "B": {"type": "object", "properties": {"y": {"type": "strnig" if bad else "integer"}}}}
    body = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/B"}}}}
    return {"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
            "paths": {"/a": {"post": {"operationId": "PostA", "requestBody": body,
                                      "responses": {"200": {"description": "ok"}}}}},
            "components": {"schemas": schemas}}


@pytest.mark.parametrize("bad", [False, True])
def test_remembered_meta_checks_change_no_finding(bad: bool, tmp_path: Path) -> None:
    from generator.build.check.document import check
    from generator.speed import validator_memory as spec_validator

    origin = Source("<t>", 0)
    spec_validator.VALID.clear()
    stock = check(_schemas_spec(bad), origin).diagnostics
    assert not spec_validator.VALID  # the stock validator: nothing remembered
    fresh = check(_schemas_spec(bad), origin, spec_errors=spec_validator.spec_errors).diagnostics
    assert fresh == stock
    assert any(d.code == "check.openapi" for d in fresh) is bad
    remembered = len(spec_validator.VALID)
    assert remembered > 0  # the valid schemas at least
    # from memory (failures are checked again)
    assert check(_schemas_spec(bad), origin, spec_errors=spec_validator.spec_errors).diagnostics == fresh
    # through the cache folder: a new process starts with what earlier builds remembered
    loaded = spec_validator.load(tmp_path)
    spec_validator.save(tmp_path, 0)
    spec_validator.VALID.clear()
    assert spec_validator.load(tmp_path) == remembered >= loaded
    assert check(_schemas_spec(bad), origin, spec_errors=spec_validator.spec_errors).diagnostics == fresh
    # a damaged memory is no memory
    entry = next(p for p in (tmp_path / "validator-v1").rglob("*") if p.is_file())
    entry.write_bytes(entry.read_bytes()[:-3])
    spec_validator.VALID.clear()
    assert spec_validator.load(tmp_path) == 0


def _awkward(whole: bool) -> dict[str, Any]:
    """`whole`: with what the pieces cannot carry (a complex key, text kept with its trailing newlines)."""
    long_key = "k" * (200 if whole else 20)  # above 128 characters, written as a complex key ("? ...")
    trail = "\n\n" if whole else ""  # `|+`: the emitter closes a document ending in it with `...`
    return {"openapi": "3.1.0", "info": {"title": "T", "description": "two\nlines", "x-trail": "ends" + trail},
            "tags": [{"name": "a"}, {"name": "b: c"}], "empty": {}, "nothing": None,
            "paths": {"/a/{id}": {"get": {"summary": "x" * 150, "x-n": ["0086", "yes", "null", "é ✓"]}},
                      "/b": {"post": {"description": "text\twith tab\n", "x-empty": {}}}, "'quoted'": {}},
            "components": {"schemas": {"A": {"type": "string"}}, long_key: {"x": 1}, "trailing": "keep" + trail}}


@pytest.mark.parametrize("which", ["awkward", "whole", "committed"])
def test_yaml_from_pieces_is_the_whole_dump(which: str, tmp_path: Path) -> None:
    import yaml

    from generator.core.config import REPO_ROOT

    committed = REPO_ROOT / "specs/modelarts.openapi.yaml"
    doc = yaml.safe_load(committed.read_text()) if which == "committed" else _awkward(which == "whole")
    expected = dump_yaml(doc)
    assert cached_dump_yaml(doc, StageCache(tmp_path / "c")) == expected  # cold: every piece dumped
    changed = copy.deepcopy(doc)
    first_path = next(iter(changed["paths"]))
    changed["paths"][first_path] = {"get": {"summary": "changed"}}
    stages = StageCache(tmp_path / "c")
    assert cached_dump_yaml(changed, stages) == dump_yaml(changed)  # the other pieces from the last dump
    if which == "whole":  # dumped whole, no pieces kept
        assert stages.stats.hits == 0
    else:
        assert stages.stats.hits == 1 and stages.stats.misses == 1  # the pieces' entry hit, the text missed


_json_like = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70) | st.floats(allow_nan=False)
    | st.text(max_size=6),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4) | st.integers(0, 3), inner,
                                                               max_size=4),
    max_leaves=20)


@given(_json_like, _json_like)
def test_value_bytes_are_equal_exactly_when_the_values_are(a: Any, b: Any) -> None:
    """The key of a value tells apart what `repr` tells apart (1, 1.0, True, "1"; key order; -0.0), and only that."""
    from generator.speed.stage_cache import value_bytes

    assert (value_bytes(a) == value_bytes(b)) == (repr(a) == repr(b))
    assert value_bytes(copy.deepcopy(a)) == value_bytes(a)  # sharing and interning play no part


def test_value_bytes_of_other_types_fall_back_to_repr() -> None:
    from generator.speed.stage_cache import value_bytes

    class Name(str):
        pass

    assert value_bytes({Name("a"): 1}) != value_bytes({"a": 1})
    assert value_bytes({Name("a"): 1}) == value_bytes({Name("a"): 1})
    assert value_bytes([1, 1.0, True, "1"]) != value_bytes([1, 1, True, "1"])


def test_yaml_made_during_the_check_is_the_dump_of_the_checked_spec(tree: Path, tmp_path: Path) -> None:
    """`yaml_ahead`: a forked process puts the YAML in the cache while the spec is checked; the text the caller
    gets is the spec's own dump, for a spec the check left alone and for one it repaired."""
    from generator.build.pipeline import build_spec

    origin = Source("<things.openapi.yaml>", 0)
    stages = StageCache(tmp_path / "cache")
    spec = build_spec(tree, "things", speed=speed_for(1, None, stages)).spec
    checked(spec, origin, speed=speed_for(2, None, stages), yaml_ahead=True)
    key = stages.key("yaml", value_bytes(spec))
    assert StageCache(tmp_path / "cache").get("yaml", key) == dump_yaml(spec)  # written by the child
    assert cached_dump_yaml(spec, stages) == dump_yaml(spec)
    for jobs in (2, 1):  # a repaired spec: the child's text is of the spec before; the caller's is of the spec after
        repaired = _dangling()
        checked(repaired, origin, speed=speed_for(jobs, None, StageCache(tmp_path / f"repaired{jobs}")),
                yaml_ahead=True)
        assert "Gone" not in dump_yaml(repaired)
        assert cached_dump_yaml(repaired, StageCache(tmp_path / f"repaired{jobs}")) == dump_yaml(repaired)


def test_yaml_ahead_writes_nothing_twice_to_standard_output(tree: Path, tmp_path: Path) -> None:
    """The forked process must not flush a copy of what the parent had buffered for a pipe."""
    import subprocess
    import sys

    code = ("import sys; from pathlib import Path; from generator.build.pipeline import build_and_check; "
            "from generator.core.config import default_service; from generator.speed.stage_cache import StageCache; "
            "from generator.speed.layer import speed_for; sys.stdout.write('before '); "
            f"build_and_check(Path({str(tree)!r}), default_service('things'), "
            f"speed=speed_for(2, None, StageCache(Path({str(tmp_path / 'c')!r}))), yaml_ahead=True); print('after')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[2])
    assert out.stdout == "before after\n"


def test_no_yaml_ahead_with_other_threads_running(tmp_path: Path) -> None:
    import threading

    from generator.speed import stage_cache

    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert stage_cache._fork_dump({"a": 1}, StageCache(tmp_path), []) is None
    finally:
        stop.set()
        other.join()
    child = stage_cache._fork_dump({"a": 1}, StageCache(tmp_path), [("check", "k" * 64, "written there")])
    assert child is not None
    child.join()
    assert child.exitcode == 0
    assert StageCache(tmp_path).get("yaml", StageCache(tmp_path).key("yaml", value_bytes({"a": 1}))) == "a: 1\n"
    assert StageCache(tmp_path).get("check", "k" * 64) == "written there"  # the pending entry, by the child


def test_the_build_entry_written_during_the_check_serves_the_next_build(tmp_path: Path,
                                                                       make_tree: Callable[[dict[str, str]], Path]
                                                                       ) -> None:
    """`build_and_check` leaves the build's entry to the process that makes the YAML: a warm build reads it back
    and gives the same bytes as a build without any cache."""
    root = make_tree({"things/op.rst": _page("Op", "field")})
    plain = build_and_check(root, default_service("things"))
    for _ in range(2):  # cold (the child writes the entries), then warm (read back)
        stages = StageCache(tmp_path / "c")
        built = build_and_check(root, default_service("things"), speed=speed_for(2, None, stages), yaml_ahead=True)
        assert _bytes(built) == _bytes(plain)
        assert cached_dump_yaml(built.result.spec, stages) == dump_yaml(plain.result.spec)
    assert (stages.stats.hits, stages.stats.misses) == (3, 0)  # build, check and YAML


@pytest.mark.parametrize("jobs", [2, 1])
def test_a_pending_entry_holds_the_spec_before_the_checks_repairs(tmp_path: Path, jobs: int) -> None:
    """With or without the process (one job: none), the pending build entry is the spec as it was built, while
    the check repairs the caller's copy in place."""
    from generator.build import pipeline
    from generator.speed.layer import Speed

    stages = StageCache(tmp_path / "c")
    spec = _dangling()
    with Speed(jobs, None, stages).run(yaml_ahead=True) as run:
        run.pending = [("build", "b" * 64, (spec, [], []))]
        pipeline._check(run, spec, Source("<t.openapi.yaml>", 0))
    assert "Gone" not in dump_yaml(spec)  # repaired
    entry = StageCache(tmp_path / "c").get("build", "b" * 64)
    assert isinstance(entry, tuple) and entry[0] == _dangling()  # as built
