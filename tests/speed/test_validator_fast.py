"""pathable's `isinstance(node, Subscriptable)` answered once per plain type (`generator.speed.patches.validator_fast`):
the same answers as `isinstance`, and anything else asked of `isinstance` itself."""

from __future__ import annotations

import builtins
from collections.abc import Iterator
from typing import Any

import pytest
from pathable import accessors
from pathable.protocols import Subscriptable

from generator.speed import validator_memory as spec_validator
from generator.speed.layer import patches_in_place
from generator.speed.patches import validator_fast


@pytest.fixture(autouse=True)
def in_place() -> Iterator[None]:
    """The shortcuts in place as the speed layer puts them, for each test (stock libraries afterwards)."""
    with patches_in_place():
        yield


class Custom:
    def __init__(self, subscriptable: bool) -> None:
        if subscriptable:  # on the instance: only `isinstance` itself can tell
            self.__contains__ = self.__getitem__ = self.__len__ = lambda *a: 0


def test_same_answers_as_isinstance() -> None:
    assert "isinstance" in vars(accessors)
    fast = accessors.isinstance  # type: ignore[attr-defined]
    values: list[Any] = [{}, {"a": 1}, [], [1], (), "", "abc", b"x", 0, 1.5, True, None, Custom(True), Custom(False)]
    for v in values * 2:  # the second time from what it remembered
        for cls in (Subscriptable, dict, str, object):
            assert fast(v, cls) is builtins.isinstance(v, cls), (v, cls)
    validator_fast.install()  # again: nothing changes
    assert accessors.isinstance is fast  # type: ignore[attr-defined]


def test_the_walk_steps_into_plain_nodes_only() -> None:
    assert accessors.SubscriptableAccessor._get_subnode({"a": [5]}, "a") == [5]
    for node, part in ((3, "a"), (None, "a"), ({"a": 1}, "b"), ([1], 4)):
        try:
            accessors.SubscriptableAccessor._get_subnode(node, part)
        except KeyError:
            continue
        raise AssertionError((node, part))


def test_uri_memos_give_the_functions_answers() -> None:
    from jsonschema import _utils
    from referencing import _core

    validator_fast.install()
    join, defrag = _core.urljoin, _core.urldefrag  # type: ignore[attr-defined]
    normalize = _utils.URIDict.normalize
    assert all(hasattr(f, "__wrapped__") for f in (join, defrag, normalize))
    pairs = [("https://json-schema.org/draft/2020-12/schema", "meta/core"), ("", "#meta"), ("urn:x", "y"),
             ("https://a/b/c", "../d#/e"), ("https://a/b", "")]
    for _ in range(2):  # the second time from what they remembered
        for base, ref in pairs:
            assert join(base, ref) == join.__wrapped__(base, ref)
            assert defrag(base + ref) == defrag.__wrapped__(base + ref)
            assert normalize(None, base) == normalize.__wrapped__(None, base)
    # not exactly `str`: the function itself, with its own answer or error
    assert join(b"https://a/b", b"c") == b"https://a/c"
    for bad in ({}, 5):
        try:
            normalize.__wrapped__(None, bad)
        except Exception as exc:  # noqa: BLE001
            expected: type[BaseException] = type(exc)
        else:
            raise AssertionError(bad)
        try:
            normalize(None, bad)
        except expected:
            continue
        raise AssertionError(bad)


def test_meta_checks_give_the_same_verdicts_and_messages(monkeypatch: Any) -> None:
    """The dialect check of valid and invalid schemas says the same with the memos as without them."""
    from jsonschema import _utils
    from referencing import _core

    from generator.speed import meta_prefetch

    schemas: list[Any] = [
        {"type": "object", "properties": {"a": {"type": "string", "maxLength": 3}}, "required": ["a"]},
        {"type": ["string", "null"], "enum": ["x", None], "example": "x"},
        {"allOf": [{"$ref": "#/components/schemas/A"}], "discriminator": {"propertyName": "k"}},
        {"type": "array", "items": {"type": "integer", "minimum": 1}, "xml": {"wrapped": True}},
        {"type": "object", "additionalProperties": {"type": "string"}, "$schema":
         "https://spec.openapis.org/oas/3.1/dialect/base"},
        True,
        {"type": "strin"},  # invalid from here on
        {"type": "object", "properties": {"a": {"maxLength": -1}}},
        {"items": [{"type": "string"}]},
        {"required": "a"},
        {"$ref": 5},
        {"type": "object", "properties": {"a": {"pattern": 3}}},
        {"$schema": "https://json-schema.org/draft/2020-12/schema", "minimum": "1"},
    ]

    def verdicts() -> list[str | None]:
        checker = meta_prefetch._checker(meta_prefetch._OAS31_DIALECT)
        out = []
        for s in schemas:
            err = checker._validate_schema_meta(None, s)
            out.append(None if err is None else f"{type(err).__name__}: {err}")
        return out

    validator_fast.install()
    fast = verdicts()
    assert fast[:6] == [None] * 6 and all(v is not None for v in fast[6:]), fast
    monkeypatch.setattr(_core, "urljoin", _core.urljoin.__wrapped__)  # type: ignore[attr-defined]
    monkeypatch.setattr(_core, "urldefrag", _core.urldefrag.__wrapped__)  # type: ignore[attr-defined]
    monkeypatch.setattr(_utils.URIDict, "normalize", _utils.URIDict.normalize.__wrapped__)
    assert verdicts() == fast


def test_the_validator_reports_what_the_stock_validator_reports() -> None:
    """With the shortcuts and the remembering schema keyword, a document's errors are the stock validator's,
    in the same order (shared and repeated schemas included: the lists of schemas met keep their answers)."""
    from openapi_spec_validator import OpenAPIV31SpecValidator

    shared = {"type": "string", "maxLength": 5}
    bad = {"type": "object", "properties": {"n": {"type": "integer", "minimum": "zero"}}}
    components: dict[str, Any] = {f"S{i}": {"type": "object", "properties": {"a": shared, "b": {"$ref": "#/components/"
                                            f"schemas/S{(i + 1) % 30}"}}} for i in range(30)}
    components["Bad"] = bad
    components["BadDefault"] = {"type": "integer", "default": "x"}

    def op(name: str) -> dict[str, Any]:
        return {"operationId": name, "parameters": [{"name": "q", "in": "query", "schema": shared},
                                                    {"name": "r", "in": "query", "schema": bad}],
                "responses": {"200": {"description": "OK", "content": {"application/json": {
                    "schema": {"allOf": [{"$ref": "#/components/schemas/S0"}, shared]}}}}}}

    spec = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
            "paths": {"/a": {"get": op("same")}, "/b": {"get": op("same")}}, "components": {"schemas": components}}

    def errors(cls: Any) -> list[str]:
        return ["/".join(map(str, e.absolute_path)) + ": " + e.message for e in cls(spec).iter_errors()]

    stock = errors(OpenAPIV31SpecValidator)
    assert len(stock) >= 3 and any("zero" in e for e in stock), stock
    spec_validator.VALID.clear()
    assert errors(spec_validator.validator_class()) == stock
    assert errors(spec_validator.validator_class()) == stock  # again, from the memory of passes
