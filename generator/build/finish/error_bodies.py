"""The shared `OTCError` body: error responses the docs list without a body get it."""

from __future__ import annotations

from typing import Any

from generator.core.spec import with_variants

OTC_ERROR = "OTCError"
OTC_ERROR_REF = f"#/components/schemas/{OTC_ERROR}"


def otc_error_schema() -> dict[str, Any]:
    """The error body OTC documents ("Response" in each API reference's "Calling APIs"; the shapes the client
    runtime's `parse_error_body` reads). Every member is optional: services use one of three shapes."""
    text = {"type": "string"}
    return {
        "type": "object",
        "description": "Error body of an Open Telekom Cloud API: `error_code` and `error_msg` (most services), "
                       "the same or `code` and `message` inside `error` (OpenStack-derived services), or `code` "
                       "and `message` (older services). The codes are listed in the API reference's "
                       "error-code appendix.",
        "properties": {
            "error_code": {**text, "description": "Error code, e.g. `ModelArts.0104`."},
            "error_msg": {**text, "description": "Error message."},
            "code": {"type": ["string", "integer"], "description": "Error code (older services)."},
            "message": {**text, "description": "Error message (older services)."},
            "error": {"type": "object", "description": "The error, nested (OpenStack-derived services).",
                      "properties": {"code": {"type": ["string", "integer"]}, "error_code": text,
                                     "message": text, "error_msg": text}},
            "request_id": {**text, "description": "Request ID, where the service returns one."},
        },
    }


def error_bodies(spec: dict[str, Any]) -> int:
    """Error responses (4xx, 5xx, `default`) the docs list without a body get the shared `OTCError` body.

    The pages list the status codes; the body shape is documented once per service. Returns the number of
    responses given the body (a merged call's variants' own responses included); `OTCError` is added only when
    one is.
    """
    schemas: dict[str, Any] = spec.setdefault("components", {}).setdefault("schemas", {})
    if OTC_ERROR in schemas and schemas[OTC_ERROR] != otc_error_schema():
        return 0  # a docs table of that name: leave the responses as documented
    n = 0
    for item in spec.get("paths", {}).values():
        for op in with_variants(item.values()):
            for status, resp in op.get("responses", {}).items():
                if (status[:1] in ("4", "5") or status == "default") and not resp.get("content"):
                    resp["content"] = {"application/json": {"schema": {"$ref": OTC_ERROR_REF}}}
                    n += 1
    if n:
        schemas[OTC_ERROR] = otc_error_schema()
        spec["components"]["schemas"] = {k: schemas[k] for k in sorted(schemas)}
    return n
