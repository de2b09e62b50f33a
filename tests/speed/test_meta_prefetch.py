"""The meta-schema verdicts given by worker processes while the validator runs (`generator.speed.meta_prefetch`):
the findings and the repaired spec must be exactly those of a check without them, an invalid schema's message
the validator's own, and what is collected a superset of what the validator meta-checks."""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Iterator
from typing import Any

import pytest
from openapi_spec_validator.validation.keywords import OpenAPIV31SchemaValidator

from generator.build.pipeline import checked
from generator.core.model import Source
from generator.speed import meta_prefetch
from generator.speed import validator_memory as spec_validator
from generator.speed.layer import speed_for
from generator.speed.stage_cache import value_bytes

BAD = {"type": "object", "properties": {"n": {"type": "integer", "minimum": "zero"}}}


def _spec(schemas: int = meta_prefetch.MIN_PREFETCH + 6, bad: bool = True) -> dict[str, Any]:
    components: dict[str, Any] = {f"S{i}": {"type": "string", "maxLength": i + 1, "description": f"S {i}."}
                                  for i in range(schemas)}
    components["Body"] = {"type": "object", "properties": {"s": {"$ref": "#/components/schemas/S0"}}}
    if bad:
        components["Bad"] = copy.deepcopy(BAD)
    op = {"operationId": "createThing",
          "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 0}},
                         {"name": "X-Id", "in": "header", "schema": {"type": "string", "format": "uuid"}}],
          "requestBody": {"content": {"application/json": {
              "schema": {"anyOf": [{"$ref": "#/components/schemas/Body"}, {"$ref": "#/components/schemas/S1"}]}}}},
          "responses": {"200": {"description": "OK",
                                "headers": {"X-Request-Id": {"schema": {"type": "string", "minLength": 1}}},
                                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Body"}}}}}}
    return {"openapi": "3.1.0", "info": {"title": "things", "version": "1"},
            "paths": {"/v1/things": {"post": op}}, "components": {"schemas": components}}


def _check(spec: dict[str, Any], jobs: int) -> tuple[Any, ...]:
    f, valid = checked(spec, Source("<things.openapi.yaml>", 0), speed=speed_for(jobs))
    return [(d.code, d.severity, d.message) for d in f.diagnostics], valid, value_bytes(spec)


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> set[bytes]:
    """An empty memory of passes, so each check starts from nothing."""
    memory: set[bytes] = set()
    monkeypatch.setattr(spec_validator, "VALID", memory)
    return memory


def test_same_findings_and_spec_with_and_without_workers(monkeypatch: pytest.MonkeyPatch, fresh: set[bytes]) -> None:
    counts: list[int] = []
    ahead = meta_prefetch.ahead

    @contextlib.contextmanager
    def counting(spec: dict[str, Any], jobs: int | None) -> Iterator[Any]:
        with ahead(spec, jobs) as got:
            counts.append(got.checked if got is not None else 0)
            yield got

    monkeypatch.setattr(meta_prefetch, "ahead", counting)
    alone = _check(_spec(), jobs=1)
    assert len(fresh) > meta_prefetch.MIN_PREFETCH  # the validator's own memory, in this process
    fresh.clear()
    with_workers = _check(_spec(), jobs=2)
    assert counts == [0, meta_prefetch.MIN_PREFETCH + 12]  # in-process alone, then with a worker
    assert with_workers == alone
    # the invalid schema is reported with the validator's own message, and repaired as without workers
    assert alone[0] == [("check.repaired", alone[0][0][1], "/components/schemas/Bad/properties/n/minimum: dropped "
                         "(openapi-spec-validator: 'zero' is not of type 'number')")]


def test_passes_remembered_failures_not(fresh: set[bytes]) -> None:
    spec = _spec()
    with meta_prefetch.ahead(spec, 2) as got:
        assert got is not None and spec_validator.AHEAD is got
        # S*, Body, Bad; two parameters, a response header, the anyOf body
        assert got.checked == meta_prefetch.MIN_PREFETCH + 6 + 2 + 4
        got.wait()
    assert spec_validator.AHEAD is None
    dialect = meta_prefetch._OAS31_DIALECT
    comps = spec["components"]["schemas"]
    assert spec_validator.meta_key(dialect, comps["S3"]) in fresh
    assert spec_validator.meta_key(dialect, comps["Body"]) in fresh
    assert spec_validator.meta_key(dialect, BAD) not in fresh
    assert len(fresh) == meta_prefetch.MIN_PREFETCH + 6 + 1 + 4
    # what is known already is not checked again: here, only the failing one is left, too few for a worker
    with meta_prefetch.ahead(spec, 2) as again:
        assert again is None


def test_a_worker_without_verdicts_changes_nothing(monkeypatch: pytest.MonkeyPatch, fresh: set[bytes]) -> None:
    alone = _check(_spec(), jobs=1)
    fresh.clear()

    def broken(dialect: str, values: list[Any]) -> list[bool]:
        raise RuntimeError("worker lost")

    monkeypatch.setattr(meta_prefetch, "_passes", broken)
    assert _check(_spec(), jobs=2) == alone


def test_in_process_with_one_job_or_few_schemas(fresh: set[bytes]) -> None:
    with meta_prefetch.ahead(_spec(), 1) as one, meta_prefetch.ahead(_spec(schemas=10), 2) as few:
        assert one is None and few is None
    assert not fresh


def test_schema_naming_no_dialect_left_to_the_validator(fresh: set[bytes]) -> None:
    spec = _spec(bad=False)
    spec["components"]["schemas"]["Odd"] = {"$schema": 3, "type": "string"}
    alone = _check(copy.deepcopy(spec), jobs=1)
    fresh.clear()
    assert _check(spec, jobs=2) == alone
    assert any("Unknown JSON Schema dialect: 3" in m for _, _, m in alone[0]), alone[0]


def test_candidates_cover_what_the_validator_meta_checks(monkeypatch: pytest.MonkeyPatch, fresh: set[bytes]) -> None:
    met: list[bytes] = []
    original = OpenAPIV31SchemaValidator._validate_schema_meta

    def recording(self: Any, schema: Any, value: Any) -> Any:
        met.append(spec_validator.meta_key(self._get_schema_dialect_id(schema, value), value))
        return original(self, schema, value)

    monkeypatch.setattr(OpenAPIV31SchemaValidator, "_validate_schema_meta", recording)
    spec = _spec(schemas=3)
    list(spec_validator.validator_class()(spec).iter_errors())
    collected = {spec_validator.meta_key(meta_prefetch._OAS31_DIALECT, v) for v in meta_prefetch.candidates(spec)}
    assert len(met) == 3 + 2 + 2  # S*, Body, Bad; two parameters (a body or a header schema it does not check)
    assert set(met) <= collected
    assert len(collected) == len(met) + 2
    # in about the validator's order: the operations' own schemas, then the components
    assert list(meta_prefetch.candidates(spec))[-5:] == list(spec["components"]["schemas"].values())
    # a reference is followed by the validator: its target is what gets checked, not the `$ref` object
    assert spec_validator.meta_key(meta_prefetch._OAS31_DIALECT, {"$ref": "#/components/schemas/Body"}) not in collected


def test_started_only_when_the_validator_asks(monkeypatch: pytest.MonkeyPatch, fresh: set[bytes],
                                              tmp_path: Any) -> None:
    """The stage-cached check starts the workers on the validator's first unknown schema: never for a document
    known clean (its wording changed only), with the same findings either way."""
    from generator.speed.stage_cache import StageCache

    made: list[Any] = []
    when_needed = meta_prefetch.when_needed

    @contextlib.contextmanager
    def recording(spec: dict[str, Any], jobs: int | None) -> Iterator[Any]:
        with when_needed(spec, jobs) as got:
            made.append(got)
            yield got

    monkeypatch.setattr(meta_prefetch, "when_needed", recording)
    alone = _check(_spec(bad=False), jobs=1)
    fresh.clear()

    def stage_checked(spec: dict[str, Any]) -> tuple[Any, ...]:
        f, valid = checked(spec, Source("<things.openapi.yaml>", 0),
                           speed=speed_for(2, None, StageCache(tmp_path / "c")))
        return [(d.code, d.severity, d.message) for d in f.diagnostics], valid, value_bytes(spec)

    assert stage_checked(_spec(bad=False)) == alone
    assert made[-1].started and made[-1].ahead is not None and made[-1].ahead.checked > meta_prefetch.MIN_PREFETCH
    reworded = _spec(bad=False)
    reworded["components"]["schemas"]["S5"]["description"] = "Reworded."
    fresh.clear()  # nothing remembered in this process: only what the cache folder holds
    assert stage_checked(copy.deepcopy(reworded))[:2] == alone[:2]
    assert not made[-1].started  # known clean: the validator never ran, so no worker either
