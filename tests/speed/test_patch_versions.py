"""Every patch of a library's internals runs only on the library versions it was verified on
(`generator.speed.patches.VERIFIED`): with another version, or a private member gone, the library runs as shipped
and the findings are the same."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import pytest
from openapi_spec_validator import OpenAPIV31SpecValidator

from generator.build.pipeline import checked
from generator.build.runner import PLAIN
from generator.core.exact import value_bytes
from generator.core.model import Source
from generator.speed import meta_prefetch
from generator.speed import validator_memory as spec_validator
from generator.speed.layer import Speed, patches_in_place
from generator.speed.patches import VERIFIED, docutils_fast, validator_fast, verified
from tests.speed.test_meta_prefetch import _spec


def _findings(speed: Any) -> tuple[Any, ...]:
    spec = _spec()
    found, valid = checked(spec, Source("<things.openapi.yaml>", 0), speed=speed)
    return [(d.code, d.severity, d.message) for d in found.diagnostics], valid, value_bytes(spec)


@pytest.fixture
def workers(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """An empty memory of passes, and what each `meta_prefetch.ahead` gave (None: no worker started)."""
    monkeypatch.setattr(spec_validator, "VALID", set())
    started: list[Any] = []
    ahead = meta_prefetch.ahead

    @contextlib.contextmanager
    def recording(spec: dict[str, Any], jobs: int | None = None) -> Iterator[Any]:
        with ahead(spec, jobs) as got:
            started.append(got)
            yield got

    monkeypatch.setattr(meta_prefetch, "ahead", recording)
    return started


def test_the_table_names_the_installed_versions() -> None:
    assert verified(*VERIFIED)
    assert spec_validator.supported() and spec_validator.validator_class() is not OpenAPIV31SpecValidator


def test_the_speed_layer_checks_as_the_stock_validator(workers: list[Any]) -> None:
    stock = _findings(PLAIN)
    assert not spec_validator.VALID and workers == []  # the plain check: no memory, no workers
    assert _findings(Speed(jobs=2)) == stock
    assert spec_validator.VALID and workers[-1] is not None  # the memory filled, the workers started


@pytest.mark.parametrize("library", ["openapi-spec-validator", "jsonschema"])
def test_another_validator_version_runs_the_stock_validator(library: str, monkeypatch: pytest.MonkeyPatch,
                                                            workers: list[Any]) -> None:
    stock = _findings(PLAIN)
    monkeypatch.setitem(VERIFIED, library, "0.0.0")
    assert not spec_validator.supported() and spec_validator.validator_class() is OpenAPIV31SpecValidator
    assert _findings(Speed(jobs=2)) == stock
    assert workers == [None]  # no worker: they call the validator's private members
    # nothing remembered of the schemas: the stock validator checked them all
    schema = _spec()["components"]["schemas"]["S0"]
    assert spec_validator.meta_key(meta_prefetch._OAS31_DIALECT, schema) not in spec_validator.VALID


def test_a_private_member_gone_runs_the_stock_validator(monkeypatch: pytest.MonkeyPatch, workers: list[Any]) -> None:
    stock = _findings(PLAIN)
    monkeypatch.setattr(spec_validator, "PRIVATE_MEMBERS", (*spec_validator.PRIVATE_MEMBERS, "_renamed_in_0_10"))
    assert not spec_validator.supported() and spec_validator.validator_class() is OpenAPIV31SpecValidator
    assert _findings(Speed(jobs=2)) == stock
    assert workers == [None]


def test_a_worker_member_gone_starts_no_worker_and_changes_nothing(monkeypatch: pytest.MonkeyPatch,
                                                                  workers: list[Any]) -> None:
    """`_default_jsonschema_dialect_id` and `_get_schema_dialect_id`, which only the workers use: without them no
    worker starts (a guessed dialect could pass a schema the validator fails), never an error in the check."""
    stock = _findings(PLAIN)

    class Renamed:  # the keyword without the members the workers read
        pass

    def checker(dialect: str) -> Any:  # as `_checker` does when the keyword has no `_default_jsonschema_dialect_id`
        raise AttributeError("_default_jsonschema_dialect_id")

    monkeypatch.setattr(meta_prefetch, "_checker", checker)
    assert _findings(Speed(jobs=2)) == stock
    assert workers == [None]
    monkeypatch.setattr(meta_prefetch, "_checker", lambda dialect: Renamed())  # `_get_schema_dialect_id` gone
    spec_validator.VALID.clear()
    assert _findings(Speed(jobs=2)) == stock
    assert workers == [None, None]


def test_other_library_versions_leave_the_libraries_stock(monkeypatch: pytest.MonkeyPatch) -> None:
    from jsonschema import _utils
    from pathable import accessors
    from referencing import _core

    stock = (_core.urljoin, _core.urldefrag, _utils.URIDict.normalize)
    with patches_in_place():
        assert docutils_fast.installed() and validator_fast.installed()
    assert not docutils_fast.installed() and not validator_fast.installed()
    assert (_core.urljoin, _core.urldefrag, _utils.URIDict.normalize) == stock and "isinstance" not in vars(accessors)
    for library in ("docutils", "pathable", "referencing", "jsonschema"):
        with monkeypatch.context() as m:
            m.setitem(VERIFIED, library, "0.0.0")
            with patches_in_place():
                if library == "docutils":
                    assert not docutils_fast.installed() and validator_fast.installed()
                elif library == "pathable":
                    assert "isinstance" not in vars(accessors) and _core.urljoin is not stock[0]
                else:
                    assert "isinstance" in vars(accessors)
                    assert (_core.urljoin, _core.urldefrag, _utils.URIDict.normalize) == stock
    assert (_core.urljoin, _core.urldefrag, _utils.URIDict.normalize) == stock
