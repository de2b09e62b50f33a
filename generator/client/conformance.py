"""The cases of the generated conformance tests, as data (JSON), from the spec and the generator's names."""

from __future__ import annotations

from typing import Any

from generator.build.check.document import INVALID_EXAMPLES
from generator.build.finish.error_bodies import OTC_ERROR
from generator.client import samples, xml_body
from generator.client.common import base_media, operations
from generator.client.names import GeneratorNames
from generator.client.variants import spec_operation
from generator.core.spec import compile_schema, deref, ref_name


def _mismatch(spec: dict[str, Any], schema_name: str, value: Any) -> list[str]:
    """Where a documented example contradicts its schema (the check stage's `example.schema_mismatch`)."""
    # the same validator as `check` uses for examples (int32/int64 as ranges), so the lists agree
    validator = compile_schema(spec, {"$ref": f"#/components/schemas/{schema_name}"})
    return [f"/{'/'.join(str(p) for p in e.instance_path)}: {e.message}"[:300]
            for e in list(validator.iter_errors(value))[:5]]


def _binary_properties(spec: dict[str, Any], schema_name: str) -> list[str]:
    props = spec.get("components", {}).get("schemas", {}).get(schema_name, {}).get("properties", {})
    out = []
    for name, sub in props.items():
        sub = deref(spec, sub).node
        if sub.get("format") == "binary" or deref(spec, sub.get("items", {})).node.get("format") == "binary":
            out.append(name)
    return out


def _union_branches(schema: dict[str, Any]) -> list[dict[str, Any]]:
    branches = [*schema.get("anyOf", []), *schema.get("oneOf", [])]
    return [b for b in branches if isinstance(b, dict) and "$ref" in b]


def conformance_data(spec: dict[str, Any], names: GeneratorNames, view: dict[str, Any] | None = None) -> dict[str, Any]:
    """The cases of the generated conformance tests; text from the docs stays data (JSON), never code.

    Documented examples that contradict their schema (`example.schema_mismatch`, in the spec under
    `x-otc-invalid-examples`) are kept with the
    reasons: their validity test is an expected failure, and the request/response test uses a valid
    instance instead so the client is still exercised.
    """
    view = view if view is not None else spec
    schemas = spec.get("components", {}).get("schemas", {})
    examples: dict[str, list[dict[str, Any]]] = {}

    def documented(media: dict[str, Any], schema_name: str) -> tuple[Any, bool, list[str]]:
        """The first documented example that fits the schema, else a valid instance.

        For a union body (`anyOf` of components) `schema_name` is the branch the client call uses; each
        example is filed under the first branch it fits (or, fitting none, under `schema_name`).
        """
        reasons: list[str] = []
        chosen: Any = None
        found = False
        branches = [ref_name(b["$ref"]) for b in _union_branches(media.get("schema", {}))]
        # a defect (`x-otc-invalid-examples`) is still a documented example: its validity test is the xfail
        placed = {**(media.get("examples") or {}), **(media.get(INVALID_EXAMPLES) or {})}
        for name, ex in placed.items():
            home = next((b for b in branches if not _mismatch(spec, b, ex["value"])), schema_name)
            mismatch = _mismatch(spec, home, ex["value"])
            examples.setdefault(home, []).append({"name": name, "value": ex["value"],
                                                  "source": ex.get("x-source"), "mismatch": mismatch})
            if home != schema_name:
                continue
            if mismatch:
                reasons.append(f"example {name}: {'; '.join(mismatch)}")
            elif not found:
                chosen, found = ex["value"], True
        if not found:
            chosen = samples.sample(spec, {"$ref": f"#/components/schemas/{schema_name}"}, full=True)
        return chosen, found, reasons

    cases = []
    for path, method, vop in operations(view):
        key = (method.upper(), path)
        if key not in names.endpoints:
            continue
        spec_path = str(vop.get("x-otc-spec-path", path))
        op = spec_operation(spec, vop, spec_path, method)  # a page of a merged call: its own parts and examples
        tag_module, module, pynames = names.endpoints[key]
        params = []
        values: dict[str, Any] = {}
        for p in vop.get("parameters", []):
            if p["in"] == "path" or p.get("required"):
                value = values.get(str(p.get("x-otc-same-as", "")), None) if p.get("x-otc-same-as") else None
                if value is None:
                    value = _param_value(spec, p)
                values[p["name"]] = value
                params.append({"name": p["name"], "in": p["in"], "python_name": pynames[p["name"]], "value": value})
        request = None
        body_info = names.bodies.get(key)
        content = op.get("requestBody", {}).get("content", {})
        if body_info is not None:
            media = content.get(body_info["content_type"], {})
            schema = media.get("schema", {})
            branches = _union_branches(schema)
            # a union body: the call sends the first branch (the model the generator's union accepts first)
            schema_name = ref_name(schema.get("$ref") or (branches[0]["$ref"] if branches else "")) or None
            item_ref = ref_name(schema.get("items", {}).get("$ref", "")) or None
            request = {"kind": body_info["kind"], "content_type": body_info["content_type"],
                       "body_type": body_info["body_type"], "required": body_info["required"],
                       "module": body_info.get("module"), "class": body_info.get("cls"),
                       "schema": schema_name, "body": None, "documented": False, "example_mismatch": [],
                       "binary": []}
            if body_info["kind"] == "model" and schema_name:
                body, found, reasons = documented(media, schema_name)
                request.update(body=body, documented=found, example_mismatch=reasons,
                               binary=_binary_properties(view, schema_name))
            elif body_info["kind"] == "model_list" and item_ref:
                request.update(body=samples.sample(spec, schema, full=True), item_schema=item_ref)
            elif body_info["kind"] == "value" and media.get("examples"):
                # a body the docs give only by example (OBS bucket policy: "a JSON string", no table): the example
                # is what the service takes; a sample of an open schema would be a placeholder it refuses
                request.update(body=next(iter(media["examples"].values()))["value"], documented=True)
            elif body_info["kind"] in ("model", "model_list", "value"):
                request.update(body=samples.sample(spec, schema, full=True))
            elif xml_body.is_xml(body_info["content_type"]):
                # the docs' XML, else a minimal instance: a placeholder would be a request the service refuses
                request.update(body=xml_body.body(spec, media), documented=xml_body.documented(media) is not None)
            else:
                request.update(body="conformance-payload")
        responses: list[dict[str, Any]] = []
        success: list[dict[str, Any]] = []  # every documented 2xx JSON example: each must parse through the call
        for status, resp in op.get("responses", {}).items():
            if not status.isdigit():
                continue
            content = resp.get("content") or {}
            rmedia = next((m for t, m in content.items() if base_media(t) == "application/json"
                           or base_media(t).endswith("+json")), None)
            if rmedia is not None and status.startswith("2"):
                success.extend(_success_examples(int(status), rmedia))
            if rmedia is None or rmedia.get("schema") == {"$ref": f"#/components/schemas/{OTC_ERROR}"}:
                # (the shared error body is the runtime's OTCAPIError, not a model of the client)
                # no JSON body documented: the mock replies without one (raw and text bodies are not parsed
                # into models, so there is nothing to compare)
                responses.append({"status": int(status), "schema": None, "body": None, "documented": False,
                                  "example_mismatch": [], "binary": []})
                continue
            rschema = rmedia.get("schema", {})
            if "$ref" in rschema:
                schema_name = ref_name(rschema["$ref"])
                body, found, reasons = documented(rmedia, schema_name)
                responses.append({"status": int(status), "schema": schema_name, "body": body, "documented": found,
                                  "example_mismatch": reasons, "binary": _binary_properties(view, schema_name)})
            else:
                # inline or union schema: the client must accept a valid instance; no single model to compare
                responses.append({"status": int(status), "schema": None,
                                  "body": samples.sample(spec, rschema, full=True), "documented": False,
                                  "example_mismatch": [], "binary": []})
        # the mock server answers with the first documented success
        responses.sort(key=lambda r: not 200 <= r["status"] < 300)
        cases.append({
            "operation_id": op["operationId"], "method": method.upper(), "path": spec_path,
            "tag_module": tag_module, "module": module, "params": params,
            "request": request, "responses": responses, "documented_success": success,
            "source": op.get("x-source"),
        })
    schema_cases = []
    for name in sorted(schemas):
        if name not in names.models:
            continue
        base = samples.sample(spec, {"$ref": f"#/components/schemas/{name}"}, full=True)
        binary = _binary_properties(view, name)
        schema_cases.append({
            "schema": name,
            "module": names.models[name][0],
            "class": names.models[name][1],
            "examples": examples.get(name, []),
            "valid": base,
            # binary (File) properties are bytes in the model, not JSON: no JSON round trip for them
            "binary": binary,
            "invalid": [{"why": m.why, "pointer": m.pointer, "payload": m.payload}
                        for m in samples.mutations(spec, name, base)],
        })
    return {"operations": cases, "schemas": schema_cases}


def _success_examples(status: int, media: dict[str, Any]) -> list[dict[str, Any]]:
    """The documented examples of a success body, those contradicting its schema with the check stage's reasons."""
    out = []
    for placement in ("examples", INVALID_EXAMPLES):
        for name, ex in (media.get(placement) or {}).items():
            mismatch = [f"{m.get('at') or '/'}: {m.get('message')}"[:300] for m in ex.get("x-mismatches", [])]
            # without a schema (an example but no table) the call hands the body over unparsed: nothing to compare
            out.append({"status": status, "name": name, "value": ex["value"], "source": ex.get("x-source"),
                        "mismatch": mismatch, "modelled": bool(media.get("schema"))})
    return out


def _param_value(spec: dict[str, Any], p: dict[str, Any]) -> Any:
    schema = deref(spec, p.get("schema", {})).node
    # a documented pattern (KMS: key_id is a UUID) decides the value: the sampler honours it
    if p["in"] == "path" and schema.get("type") in ("string", None) and "enum" not in schema \
            and "pattern" not in schema:
        value = f"{p['name']}-value"
        value = value.ljust(int(schema.get("minLength", 0)), "0")  # a documented length (VPC: 32-character IDs)
        return value[:int(schema["maxLength"])] if "maxLength" in schema else value
    return samples.sample(spec, schema)
