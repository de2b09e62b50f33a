"""One case per rule: a small spec change that triggers it, and the level it must have.

The expected level is written here on purpose (not read from the rule table): changing a rule's
level must be a deliberate edit in two places. Levels are judged for our generated clients (open
enums, Python ints, no client-side limit checks); the reason for each is in `generator.diff.rules`.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

from generator.diff import RULES, Classification, Level, diff_specs
from tests.diff.specs import UPDATE, base_spec, op, schemas

Spec = dict[str, Any]
Mutation = Callable[[Spec, Spec], None]
E, W, I = Level.ERROR, Level.WARNING, Level.INFO  # noqa: E741 - as in the rule table

LIST = ("/v1/{project_id}/notebooks", "get")


def req(spec: Spec) -> dict[str, Any]:
    result: dict[str, Any] = schemas(spec)["UpdateNotebookRequest"]
    return result


def resp(spec: Spec) -> dict[str, Any]:
    result: dict[str, Any] = schemas(spec)["UpdateNotebookResponse"]
    return result


def limit(spec: Spec) -> dict[str, Any]:
    result: dict[str, Any] = op(spec)["parameters"][2]
    return result


def body(spec: Spec) -> dict[str, Any]:
    result: dict[str, Any] = op(spec)["requestBody"]
    return result


def ok(spec: Spec) -> dict[str, Any]:
    result: dict[str, Any] = op(spec)["responses"]["200"]
    return result


def _move(spec: Spec, new_path: str) -> None:
    spec["paths"][new_path] = spec["paths"].pop(UPDATE[0])


def _rename_key(mapping: dict[str, Any], old: str, new: str) -> None:
    items = list(mapping.items())
    mapping.clear()
    mapping.update({(new if k == old else k): v for k, v in items})


def _set(target: Callable[[Spec], dict[str, Any]], key: str, value: Any, side: str = "new") -> Mutation:
    def mutate(old: Spec, new: Spec) -> None:
        target(old if side == "old" else new)[key] = value

    return mutate


def _both(first: Mutation, second: Mutation) -> Mutation:
    def mutate(old: Spec, new: Spec) -> None:
        first(old, new)
        second(old, new)

    return mutate


def _prop(target: Callable[[Spec], dict[str, Any]], name: str) -> Callable[[Spec], dict[str, Any]]:
    def get(spec: Spec) -> dict[str, Any]:
        result: dict[str, Any] = target(spec)["properties"][name]
        return result

    return get


def _superseded(old: Spec, new: Spec) -> None:
    kept = op(new)
    kept["x-source"] = {"file": "out-of-date/update.rst", "line": 20}
    successor = dict(op(base_spec()))
    successor["operationId"] = "UpdateNotebookByEngine"
    successor["parameters"] = [
        {"name": "engine", "in": "path", "required": True, "schema": {"type": "string"}},
        *successor["parameters"],
    ]
    new["paths"]["/v1/{engine}/{project_id}/notebooks/{id}"] = {"put": successor}


def _path_param_renamed(old: Spec, new: Spec) -> None:
    _move(new, "/v1/{pid}/notebooks/{id}")
    op(new, "/v1/{pid}/notebooks/{id}")["parameters"][0]["name"] = "pid"


def _add_param(name: str, where: str, required: bool) -> Mutation:
    def mutate(old: Spec, new: Spec) -> None:
        op(new)["parameters"].append({"name": name, "in": where, "required": required, "schema": {"type": "string"}})

    return mutate


def _no_body(side: str) -> Mutation:
    def mutate(old: Spec, new: Spec) -> None:
        del op(old if side == "old" else new)["requestBody"]

    return mutate


def _undocumented_body(old: Spec, new: Spec) -> None:
    body(old)["content"] = {"application/json": {"schema": {}, "examples": {"Req": {"value": {}}}}}
    del op(new)["requestBody"]


def _media(target: Callable[[Spec], dict[str, Any]], extra: str, drop_json: bool) -> Mutation:
    def mutate(old: Spec, new: Spec) -> None:
        content = target(new)["content"]
        content[extra] = {"schema": {"type": "string"}}
        if drop_json:
            del content["application/json"]

    return mutate


def _status(code: str, side: str = "new", drop: bool = False) -> Mutation:
    def mutate(old: Spec, new: Spec) -> None:
        responses = op(old if side == "old" else new)["responses"]
        if drop:
            del responses[code]
        else:
            responses[code] = {"description": "more"}

    return mutate


def _header(side: str) -> Mutation:
    return _set(ok, "headers", {"X-Request-Id": {"schema": {"type": "string"}}}, side)


def _del_prop(target: Callable[[Spec], dict[str, Any]], name: str) -> Mutation:
    def mutate(old: Spec, new: Spec) -> None:
        del target(new)["properties"][name]

    return mutate


def _add_prop(target: Callable[[Spec], dict[str, Any]], name: str, required: bool = False) -> Mutation:
    def mutate(old: Spec, new: Spec) -> None:
        target(new)["properties"][name] = {"type": "string"}
        if required:
            target(new)["required"] = [*target(new).get("required", []), name]

    return mutate


def _rename_prop(target: Callable[[Spec], dict[str, Any]], a: str, b: str) -> Mutation:
    def mutate(old: Spec, new: Spec) -> None:
        _rename_key(target(new)["properties"], a, b)

    return mutate


def _nullable_ref(side: str) -> Mutation:
    def mutate(old: Spec, new: Spec) -> None:
        resp(old if side == "old" else new)["properties"]["lease"] = {
            "anyOf": [{"$ref": "#/components/schemas/Lease"}, {"type": "null"}]
        }

    return mutate


def _union(target: Callable[[Spec], dict[str, Any]], name: str) -> Mutation:
    def mutate(old: Spec, new: Spec) -> None:
        target(old)["properties"][name] = {"oneOf": [{"type": "string"}, {"type": "integer"}]}
        target(new)["properties"][name] = {"oneOf": [{"type": "string"}, {"type": "integer"}, {"type": "boolean"}]}

    return mutate


def _del_key(target: Callable[[Spec], dict[str, Any]], key: str) -> Mutation:
    def mutate(old: Spec, new: Spec) -> None:
        del target(new)[key]

    return mutate


def _query_renamed(old: Spec, new: Spec) -> None:
    limit(new)["name"] = "page_limit"


def _rename_component(spec: Spec, old: str, new: str) -> None:
    s = schemas(spec)
    s[new] = s.pop(old)
    text = json.dumps(spec).replace(f'"#/components/schemas/{old}"', f'"#/components/schemas/{new}"')
    spec.clear()
    spec.update(json.loads(text))


def _split_component(old: Spec, new: Spec, name: str, part: str) -> None:
    """The names lock split this use of `name` off (its table changed): `name` stays, with its other tables."""
    schemas(old)[name]["x-otc-id"] = ["table mine", "table theirs"]
    theirs = copy.deepcopy(schemas(new)[name])
    theirs["x-otc-id"] = "table theirs"
    _rename_component(new, name, part)
    schemas(new)[part]["x-otc-id"] = "table mine"
    schemas(new)[name] = theirs


def _pages(spec: Spec, *others: str) -> None:
    """The operation is documented on more pages: each is listed with its own parts (a function each)."""
    update = op(spec)
    pages = [update["operationId"], *others]
    update["x-otc-variants"] = [{"operationId": p, "summary": p, "responses": copy.deepcopy(update["responses"]),
                                 "x-source": {"file": f"{p}.rst", "line": 1}} for p in pages]


def _two_bodies(spec: Spec, where: str, second: str) -> None:
    """The call is documented on two pages, each with its own body: the merged body is an `anyOf` of both."""
    _pages(spec, "UpdateNotebookByName")
    update = op(spec)
    first = update["requestBody"] if where == "request" else update["responses"]["200"]
    for variant, ref in zip(update["x-otc-variants"], (first["content"]["application/json"]["schema"]["$ref"],
                                                         f"#/components/schemas/{second}"), strict=True):
        variant["x-otc-id"] = f"PUT /v1/{{}}/notebooks/{{}} @{variant['operationId']}"
        own = copy.deepcopy(first)
        own["content"]["application/json"]["schema"] = {"$ref": ref}
        if where == "request":
            variant["requestBody"] = own
        else:
            variant["responses"]["200"] = own
    refs = [v["requestBody" if where == "request" else "responses"] for v in update["x-otc-variants"]]
    alts = [(r if where == "request" else r["200"])["content"]["application/json"]["schema"] for r in refs]
    first["content"]["application/json"]["schema"] = {"anyOf": alts}


def _one_body_left(spec: Spec, where: str) -> None:
    """The second page's body went (its page stays): the merged body is the first page's alone."""
    update = op(spec)
    second = update["x-otc-variants"][1]
    first = update["requestBody"] if where == "request" else update["responses"]["200"]
    first["content"]["application/json"]["schema"] = first["content"]["application/json"]["schema"]["anyOf"][0]
    if where == "request":
        del second["requestBody"]
    else:
        del second["responses"]["200"]["content"]


def _variant(where: str, removed: bool) -> Mutation:
    def mutate(old: Spec, new: Spec) -> None:
        other = "EndpointsReq" if where == "request" else "Lease"
        _two_bodies(old, where, other)
        _two_bodies(new, where, other)
        _one_body_left(new if removed else old, where)

    return mutate


def _assumed_then_stated(old: Spec, new: Spec) -> None:
    ok(old)["x-otc-status-assumed"] = True
    op(new)["responses"]["202"] = op(new)["responses"].pop("200")


def _endpoints(spec: Spec) -> dict[str, Any]:
    result: dict[str, Any] = schemas(spec)["EndpointsReq"]
    return result


def _unstated(target: Callable[[Spec], dict[str, Any]]) -> Mutation:
    """The new side's table lost its Mandatory column: the build marks the object, `required` goes."""
    def mutate(old: Spec, new: Spec) -> None:
        target(old)["required"] = ["name"] if target is req else ["id"]
        target(new).pop("required", None)
        target(new)["x-otc-required-unstated"] = True

    return mutate


def _lease_as_map(old: Spec, new: Spec) -> None:
    resp(new)["properties"]["lease"] = {"type": "object", "additionalProperties": {"type": "string"},
                                        "description": "Lease, keys: duration."}


def _endpoints_as_map(old: Spec, new: Spec) -> None:
    req(new)["properties"]["endpoints"]["items"] = {"type": "object", "additionalProperties": {"type": "string"}}


def _to_out_of_date(old: Spec, new: Spec) -> None:
    op(new).update(tags=["Out Of Date Apis"], deprecated=True)
    op(new)["x-source"] = {"file": "out-of-date_apis/update.rst", "line": 20}


def _corrected(direction: str) -> Mutation:
    """The old build reported the example's `"7"` against the Integer type; the new docs say String."""
    def mutate(old: Spec, new: Spec) -> None:
        owner = op(old)["requestBody"] if direction == "request" else op(old)["responses"]["200"]
        field = "name" if direction == "request" else "count"
        target = (req if direction == "request" else resp)
        target(old)["properties"][field] = {"type": "integer", "x-source": {"file": "nb/update.rst", "line": 42}}
        target(new)["properties"][field] = {"type": "string", "x-source": {"file": "nb/update.rst", "line": 42}}
        owner["content"]["application/json"]["x-otc-invalid-examples"] = {"example1": {
            "value": {field: "7"}, "x-source": {"file": "nb/update.rst", "line": 90},
            "x-mismatches": [{"at": f"/{field}", "message": "'7' is not of type 'integer'"}]}}

    return mutate


def _restated(direction: str) -> Mutation:
    """The old table was flat while its example (reported as contradicting it) wrapped the fields in `notebook`;
    the new table nests them under that wrapper."""
    def mutate(old: Spec, new: Spec) -> None:
        owner = op(old)["requestBody"] if direction == "request" else op(old)["responses"]["200"]
        target = req if direction == "request" else resp
        target(new)["properties"] = {"notebook": {"type": "object", "properties": copy.deepcopy(
            target(old)["properties"]), "x-source": {"file": "nb/update.rst", "line": 41}}}
        target(new)["required"] = ["notebook"]
        field = "name" if direction == "request" else "id"
        owner["content"]["application/json"]["x-otc-invalid-examples"] = {"example1": {
            "value": {"notebook": {field: "nb1"}}, "x-source": {"file": "nb/update.rst", "line": 90},
            "x-mismatches": [{"at": "/", "message": f"'{field}' is a required property"}]}}

    return mutate


NAME, FLAVOR = _prop(req, "name"), _prop(req, "flavor")
ID, STATUS, COUNT = _prop(resp, "id"), _prop(resp, "status"), _prop(resp, "count")

CASES: dict[str, tuple[Level, Mutation]] = {
    "operation-removed": (E, lambda o, n: n["paths"].pop(LIST[0])),
    "operation-added": (I, lambda o, n: o["paths"].pop(LIST[0])),
    "operation-path-changed": (E, lambda o, n: _move(n, "/v1/{project_id}/notebook-instances/{id}")),
    "operation-id-changed": (E, lambda o, n: op(n).update(operationId="UpdateNotebookV2")),
    "operation-tags-changed": (E, lambda o, n: op(n).update(tags=["Other"])),
    "operation-deprecated": (I, lambda o, n: op(n).update(deprecated=True)),
    "operation-moved-to-deprecated-pages": (I, _to_out_of_date),
    "request-type-corrected": (W, _corrected("request")),
    "response-type-corrected": (W, _corrected("response")),
    "request-body-restated": (W, _restated("request")),
    "response-body-restated": (W, _restated("response")),
    "request-required-unstated": (I, _unstated(req)),
    "response-required-unstated": (W, _unstated(resp)),
    "request-object-became-map": (W, _endpoints_as_map),
    "response-object-became-map": (W, _lease_as_map),
    "operation-superseded": (I, _superseded),
    "operation-summary-changed": (I, lambda o, n: op(n).update(summary="Update")),
    "operation-description-changed": (I, lambda o, n: op(n).update(description="Updates.")),
    "request-parameter-removed": (E, lambda o, n: op(n)["parameters"].pop(2)),
    "request-parameter-added-required": (E, _add_param("X-Auth-Token", "header", True)),
    "request-parameter-added": (I, _add_param("offset", "query", False)),
    "request-parameter-became-required": (E, _set(limit, "required", True)),
    "request-parameter-became-optional": (I, _set(limit, "required", True, "old")),
    "request-parameter-location-changed": (E, _set(limit, "in", "header")),
    "request-path-parameter-renamed": (W, _path_param_renamed),
    "request-query-parameter-renamed": (E, _query_renamed),
    "request-parameter-deprecated": (I, _set(limit, "deprecated", True)),
    "request-parameter-description-changed": (I, _set(limit, "description", "Page size (max 100).")),
    "request-body-removed": (E, _no_body("new")),
    "request-body-removed-undocumented": (W, _both(_set(body, "required", False, "old"), _undocumented_body)),
    "request-body-added-required": (E, _no_body("old")),
    "request-body-added": (I, _both(_no_body("old"), _set(body, "required", False))),
    "request-body-became-required": (E, _set(body, "required", False, "old")),
    "request-body-required-stated": (W, _both(_set(body, "required", False, "old"),
                                              _set(req, "x-otc-required-unstated", True, "old"))),
    "request-media-type-removed": (E, _media(body, "application/xml", drop_json=True)),
    "request-media-type-added": (I, _media(body, "multipart/form-data", drop_json=False)),
    "response-media-type-removed": (E, _media(ok, "application/xml", drop_json=True)),
    "response-media-type-added": (W, _media(ok, "application/octet-stream", drop_json=False)),
    "response-success-status-removed": (E, _status("200", drop=True)),
    "response-non-success-status-removed": (I, _status("400", drop=True)),
    "response-success-status-added": (W, _status("202")),
    "response-status-added": (I, _status("404")),
    "response-header-removed": (W, _header("old")),
    "response-header-added": (I, _header("new")),
    "response-description-changed": (I, _set(ok, "description", "Updated.")),
    "request-property-removed": (E, _del_prop(req, "name")),
    "response-property-removed": (E, _del_prop(resp, "status")),
    "request-property-renamed": (E, _rename_prop(_endpoints, "dev_service", "service")),
    "response-property-renamed": (E, _rename_prop(resp, "count", "total_count")),
    "request-property-added-required": (E, _add_prop(req, "image", required=True)),
    "request-property-added": (I, _add_prop(req, "image")),
    "response-property-added": (I, _add_prop(resp, "image")),
    "request-property-became-required": (E, _set(req, "required", ["name"])),
    "request-property-became-optional": (I, _set(req, "required", ["name"], "old")),
    "response-property-became-optional": (E, _set(resp, "required", [])),
    "response-property-became-required": (I, _set(resp, "required", ["id", "count"])),
    "request-became-nullable": (I, _set(NAME, "type", ["string", "null"])),
    "request-became-non-nullable": (W, _set(NAME, "type", ["string", "null"], "old")),
    "response-became-nullable": (W, _nullable_ref("new")),
    "response-became-non-nullable": (I, _nullable_ref("old")),
    "request-type-changed": (E, _set(NAME, "type", "integer")),
    "response-type-changed": (E, _set(COUNT, "type", "string")),
    "request-format-widened": (I, _set(lambda s: limit(s)["schema"], "format", "int64")),
    "request-format-narrowed": (W, _set(lambda s: limit(s)["schema"], "format", "int64", "old")),
    "response-format-widened": (I, _set(COUNT, "format", "int64")),
    "response-format-narrowed": (I, _set(COUNT, "format", "int64", "old")),
    "request-format-changed": (W, _both(_set(NAME, "format", "email", "old"), _set(NAME, "format", "uri"))),
    "response-format-changed": (I, _both(_set(ID, "format", "email", "old"), _set(ID, "format", "uri"))),
    "request-enum-value-removed": (W, _set(FLAVOR, "enum", ["small"])),
    "request-enum-value-added": (I, _set(FLAVOR, "enum", ["small", "large", "huge"])),
    "response-enum-value-added": (I, _set(STATUS, "enum", ["RUNNING", "STOPPED", "FROZEN"])),
    "response-enum-value-removed": (I, _set(STATUS, "enum", ["RUNNING"])),
    "request-enum-added": (E, _set(NAME, "enum", ["a", "b"])),
    "request-enum-removed": (I, _del_key(FLAVOR, "enum")),
    "response-enum-added": (I, _set(ID, "enum", ["a", "b"])),
    "response-enum-removed": (W, _del_key(STATUS, "enum")),
    "request-limit-narrowed": (W, _set(NAME, "maxLength", 32)),
    "request-limit-widened": (I, _set(NAME, "maxLength", 128)),
    "response-limit-widened": (I, _set(COUNT, "maximum", 5000)),
    "response-limit-narrowed": (I, _set(COUNT, "maximum", 500)),
    "request-default-changed": (W, _both(_set(FLAVOR, "default", "small", "old"), _set(FLAVOR, "default", "large"))),
    "request-default-removed": (I, _set(FLAVOR, "default", "small", "old")),
    "response-default-changed": (
        I,
        _both(_set(STATUS, "default", "RUNNING", "old"), _set(STATUS, "default", "STOPPED")),
    ),
    "request-property-deprecated": (I, _set(NAME, "deprecated", True)),
    "response-property-deprecated": (I, _set(STATUS, "deprecated", True)),
    "request-composition-changed": (W, _union(req, "name")),
    "response-composition-changed": (W, _union(resp, "count")),
    "request-model-renamed": (E, lambda o, n: _rename_component(n, "EndpointsReq", "EndpointsRequest")),
    "response-model-renamed": (W, lambda o, n: _rename_component(n, "Lease", "NotebookLease")),
    "request-model-split": (W, lambda o, n: _split_component(o, n, "EndpointsReq", "UpdateNotebookEndpoints")),
    "response-model-split": (I, lambda o, n: _split_component(o, n, "Lease", "UpdateNotebookLease")),
    "property-description-changed": (I, _set(NAME, "description", "Notebook name.")),
    "operation-page-added": (I, lambda o, n: _pages(n, "UpdateNotebookByName")),
    "operation-page-removed": (E, lambda o, n: _pages(o, "UpdateNotebookByName")),
    "request-variant-removed": (E, _variant("request", removed=True)),
    "request-variant-added": (I, _variant("request", removed=False)),
    "response-variant-removed": (E, _variant("response", removed=True)),
    "response-variant-added": (I, _variant("response", removed=False)),
    "response-success-status-stated": (W, _assumed_then_stated),
}


def test_every_rule_has_a_case() -> None:
    assert sorted(CASES) == sorted(RULES)


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_level(rule_id: str) -> None:
    level, mutate = CASES[rule_id]
    old, new = base_spec(), base_spec()
    mutate(old, new)
    result = diff_specs(old, new)
    found = result.find(rule_id, migration=rule_id == "operation-superseded")
    assert found, [c.rule_id for c in result.changes]
    assert {c.level for c in found} == {level}
    assert RULES[rule_id].reason, "every rule states why it has its level"


def test_classification_follows_level() -> None:
    for rule in RULES.values():
        if rule.level is Level.INFO:
            assert rule.classification in (Classification.NON_BREAKING, Classification.DOCUMENTATION)
        else:
            assert rule.classification is Classification.BREAKING


def test_nullable_to_non_nullable_response_is_no_composition_change() -> None:
    # "Response schema ... now has 0 alternatives (was 2)": `anyOf: [X, null]` -> `X` is nullability only.
    old, new = base_spec(), base_spec()
    _nullable_ref("old")(old, new)
    result = diff_specs(old, new)
    assert [c.rule_id for c in result.changes] == ["response-became-non-nullable"]
    assert result.changes[0].param("field") == "UpdateNotebookResponse.lease"


def test_null_in_an_enum_is_nullability_not_a_value() -> None:
    old, new = base_spec(), base_spec()
    STATUS(new)["type"] = ["string", "null"]
    STATUS(new)["enum"] = ["RUNNING", "STOPPED", None]
    result = diff_specs(old, new)
    assert [c.rule_id for c in result.changes] == ["response-became-nullable"]


@pytest.mark.parametrize("fmt", ["date-time", "date", "uuid", "binary"])
def test_a_format_that_changes_the_python_type_is_a_type_change(fmt: str) -> None:
    old, new = base_spec(), base_spec()
    NAME(new)["format"] = fmt
    [change] = diff_specs(old, new).changes
    assert change.rule_id == "request-type-changed"
    assert change.param("new") == f"`string ({fmt})`"


def test_a_format_that_keeps_the_python_type_is_ignored_when_it_appears() -> None:
    old, new = base_spec(), base_spec()
    NAME(new)["format"] = "email"
    assert diff_specs(old, new).is_empty


def test_a_boolean_enum_of_both_values_restricts_nothing() -> None:
    # ECS 2a7a317: "Nics.ipv6_enable is now restricted to false, true" was an error on a Boolean field
    old, new = base_spec(), base_spec()
    NAME(old)["type"] = NAME(new)["type"] = "boolean"
    NAME(old).pop("maxLength")
    NAME(new).pop("maxLength")
    NAME(new)["enum"] = [False, True]
    assert diff_specs(old, new).is_empty
