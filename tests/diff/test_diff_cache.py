"""`diff` of docs trees through the page and stage caches: a side built before (by `build` or an earlier diff)
comes from the cache, with the same report as without it; an invalid built spec is still refused."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest

from generator.build import pipeline
from generator.build.runner import PLAIN
from generator.diff.inputs import InputError, validate_built
from generator.diff.sides import load_pair
from generator.speed.layer import Speed
from generator.speed.page_cache import PageCache
from generator.speed.stage_cache import StageCache
from tests.diff.test_cli import run
from tests.rst_snippets import page, table


def _page(field: str) -> str:
    body = ("Request Parameters\n------------------\n\n"
            + table("Request body parameters", [["Parameter", "Mandatory", "Type", "Description"],
                                                [field, "Yes", "String", "The value. Maximum: 64 characters."]]))
    return page("Creating a Thing", "POST /v1/things", body, name="CreateThing")


@pytest.fixture
def trees(tmp_path: Path) -> tuple[Path, Path]:
    out = []
    for side, field in (("old", "name"), ("new", "title")):
        root = tmp_path / side / "api-ref" / "source"
        (root / "things").mkdir(parents=True)
        (root / "things" / "create.rst").write_text(textwrap.dedent(_page(field)).lstrip("\n"), encoding="utf-8")
        out.append(root)
    return out[0], out[1]


def test_a_side_built_before_comes_from_the_stage_cache(trees: tuple[Path, Path], tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    rendered: list[int] = []
    original = pipeline._link_and_render

    def counting(*args: Any) -> Any:
        rendered.append(1)
        return original(*args)

    monkeypatch.setattr(pipeline, "_link_and_render", counting)
    old, new = trees
    cache = PageCache(tmp_path / "cache")
    first = load_pair(old, new, "things", parallel=False, cache=cache)
    assert len(rendered) == 2
    again = load_pair(old, new, "things", parallel=False, cache=PageCache(tmp_path / "cache"))
    assert len(rendered) == 2  # both sides from the stage cache
    assert [s.spec for s in again] == [s.spec for s in first]
    uncached = load_pair(old, new, "things", parallel=False, cache=None)
    assert [s.spec for s in uncached] == [s.spec for s in first]


def test_the_report_is_the_same_with_and_without_the_cache(trees: tuple[Path, Path], tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    old, new = trees
    outs = []
    for extra in (["--no-cache"], ["--cache-dir", str(tmp_path / "c")], ["--cache-dir", str(tmp_path / "c")]):
        code = run([str(old), str(new), "--service", "things", *extra])
        outs.append((code, capsys.readouterr().out))
    assert outs[0] == outs[1] == outs[2]
    assert "name" in outs[0][1] and "title" in outs[0][1]


def test_an_invalid_built_spec_is_refused_with_the_validators_first_error(tmp_path: Path) -> None:
    spec = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {"/a": {"get": {
        "responses": {"200": {"description": "OK", "content": {"application/json": {
            "schema": {"type": "object", "properties": {"n": {"type": "integer", "minimum": "zero"}}}}}}}}}}}
    for speed in (PLAIN, Speed(), Speed(stages=StageCache(tmp_path / "c")), Speed(stages=StageCache(tmp_path / "c"))):
        with pytest.raises(InputError, match="not valid OpenAPI: 'zero' is not of type 'number'"):
            validate_built(spec, tmp_path / "tree", speed)


def test_a_document_known_clean_is_not_walked_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.diff import inputs
    from generator.speed import validator_memory as spec_validator

    monkeypatch.setattr(spec_validator, "VALID", set())
    walks: list[int] = []
    original = inputs.validate

    def counting(*args: Any) -> None:
        walks.append(1)
        original(*args)

    monkeypatch.setattr(inputs, "validate", counting)
    spec = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {"/a": {"get": {
        "responses": {"200": {"description": "OK"}}}}}}
    validate_built(spec, tmp_path, Speed(stages=StageCache(tmp_path / "c")))
    spec_validator.VALID.clear()  # only what the cache folder holds
    spec["paths"]["/a"]["get"]["responses"]["200"]["description"] = "Fine."
    validate_built(spec, tmp_path, Speed(stages=StageCache(tmp_path / "c")))
    assert walks == [1]
    spec["paths"]["/a"]["get"]["responses"]["200"]["description"] = 5  # beyond wording: walked, and refused
    with pytest.raises(InputError):
        validate_built(spec, tmp_path, Speed(stages=StageCache(tmp_path / "c")))
    assert walks == [1, 1]
