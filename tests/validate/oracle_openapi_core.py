"""Reference verdicts from openapi-core 0.23.1; runs in its own venv (it pins openapi-spec-validator<0.9).

stdin: {"spec": {...}, "host_url": "...", "cases": [{"operation", "side", "status", "body"}]}
stdout: [{"valid": bool, "error": str | null, "messages": [schema error messages]}, ...] in case order.
Only the body is judged (RequestBody / ResponseData validators): parameters and security are
filled in with placeholders so they cannot decide the verdict.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from openapi_core import OpenAPI
from openapi_core.testing import MockRequest, MockResponse
from openapi_core.validation.request.validators import V31RequestBodyValidator
from openapi_core.validation.response.validators import V31ResponseDataValidator

METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


def _operations(spec: dict[str, Any]) -> dict[str, tuple[str, str]]:
    out = {}
    for path, item in spec["paths"].items():
        for method in METHODS:
            if method in item:
                out[item[method]["operationId"]] = (method, path)
    return out


def _concrete(path: str) -> str:
    parts = []
    for seg in path.split("/"):
        parts.append("p-" + seg.strip("{}") if seg.startswith("{") else seg)
    return "/".join(parts)


def _schema_messages(exc: BaseException) -> list[str]:
    out: list[str] = []
    cur: BaseException | None = exc
    while cur is not None:
        out.extend(str(e.message) for e in getattr(cur, "schema_errors", None) or [])
        cur = cur.__cause__
    return out


def _error_text(exc: BaseException) -> str:
    causes = []
    cur: BaseException | None = exc
    while cur is not None:
        subs = getattr(cur, "schema_errors", None) or []
        causes.extend(f"{'/'.join(map(str, e.absolute_path))}: {e.message}"[:200] for e in subs)
        if not subs:
            causes.append(f"{type(cur).__name__}: {str(cur)[:200]}")
        cur = cur.__cause__
    return " | ".join(causes)


def main() -> None:
    data = json.load(sys.stdin)
    spec, host = data["spec"], data["host_url"]
    req_api = OpenAPI.from_dict(spec)
    req_api.config.request_validator_cls = V31RequestBodyValidator
    req_api.config.response_validator_cls = V31ResponseDataValidator
    ops = _operations(spec)
    out = []
    for case in data["cases"]:
        method, template = ops[case["operation"]]
        body = json.dumps(case["body"]).encode()
        request = MockRequest(
            host,
            method,
            _concrete(template),
            path_pattern=template,
            data=body if case["side"] == "request" else None,
        )
        try:
            if case["side"] == "request":
                req_api.validate_request(request)
            else:
                req_api.validate_response(request, MockResponse(body, status_code=int(case["status"])))
            out.append({"valid": True, "error": None, "messages": []})
        except Exception as exc:  # noqa: BLE001 - any rejection is a verdict
            out.append({"valid": False, "error": _error_text(exc), "messages": _schema_messages(exc)})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
