"""Verdicts for recorded payloads: one `Result` per request or response body checked."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from generator.core.spec import is_json_media
from generator.core.untrusted import DEFAULT_LIMITS, Limits, UntrustedInput, parse_json
from generator.validate.engine import Engine, Violation
from generator.validate.inputs import (
    ABSENT,
    BodyPayload,
    HarEntry,
    InputProblem,
    Origin,
    RawBody,
    Record,
    status_problem,
)
from generator.validate.spec import Operation, Parameter, Spec

VALID, INVALID, SKIPPED = "valid", "invalid", "skipped"
# a response whose status the operation does not document: its own verdict, never a pass against another status's
# schema (exit status 1, as an invalid payload)
UNDOCUMENTED = "undocumented"
_INT_RE = re.compile(r"-?\d+")


@dataclass(frozen=True)
class Result:
    location: Origin
    operation: str | None
    side: str | None
    status: str | None
    verdict: str
    reason: str | None = None
    violations: tuple[Violation, ...] = ()
    # True when the input itself was unusable (bad JSON, truncated file, unknown --operation):
    # any such result makes the exit status 2, whatever else was found (see report.exit_code).
    input_error: bool = False
    code: str | None = None  # stable reason code of an unusable input (`input.truncated`, ...)

    def as_dict(self) -> dict[str, Any]:
        return {
            "input": self.location.as_dict(),
            "operation": self.operation,
            "side": self.side,
            "status": self.status,
            "verdict": self.verdict,
            "reason": self.reason,
            "input_error": self.input_error,
            "code": self.code,
            "violations": [v.as_dict() for v in self.violations],
        }


def response_schemas(op: Operation, status: str) -> Mapping[str, str | None] | None:
    """Content of the documented response for `status`: exact code, then `4XX`-style range, then, for an error
    status only, `default`. A success status is documented by itself or its range: `default` holds the error body
    (our specs put the shared `OTCError` there), and a 201 checked against it would pass whatever it holds."""
    fallbacks = ("DEFAULT",) if status[:1] in ("4", "5") else ()
    for key in (status, f"{status[:1]}XX", *fallbacks):
        if key in op.responses:
            return op.responses[key]
    return None


def _pick_json(content: Mapping[str, str | None]) -> tuple[str, str | None] | None:
    json_media = sorted((m for m in content if is_json_media(m)), key=lambda m: (m != "application/json", m))
    return (json_media[0], content[json_media[0]]) if json_media else None


class Checker:
    def __init__(self, spec: Spec, engine: Engine | None = None, limits: Limits = DEFAULT_LIMITS) -> None:
        self.spec = spec
        self.engine = engine or Engine(spec)
        self.limits = limits

    # -- bodies ---------------------------------------------------------------------------------------

    def body_violations(
        self, op: Operation, side: str, status: str | None, body: Any
    ) -> tuple[str, str | None, list[Violation]]:
        """(verdict, reason, violations) of a parsed JSON body against the operation's schema."""
        if side == "request":
            content: Mapping[str, str | None] | None = op.request_media
            if not content:
                return (VALID, None, []) if body is ABSENT else (SKIPPED, "the spec documents no request body", [])
            if body is ABSENT:
                if op.request_body_required:
                    missing = Violation(
                        "body",
                        "",
                        "required",
                        "a request body (required)",
                        "missing",
                        "the request has no body",
                        op.source,
                    )
                    return INVALID, None, [missing]
                return VALID, None, []
        else:
            if status is None:
                return SKIPPED, "no status code given for the response", []
            content = response_schemas(op, status)
            if content is None:
                documented = ", ".join(sorted(op.responses)) or "none"
                return UNDOCUMENTED, f"status {status} is not documented (documented: {documented})", []
            if not content:
                return (
                    (VALID, None, [])
                    if body is ABSENT
                    else (SKIPPED, f"the spec documents no body for status {status}", [])
                )
            if body is ABSENT:
                return SKIPPED, "no response body recorded", []
        picked = _pick_json(content)
        if picked is None:
            return SKIPPED, f"no JSON media type documented ({', '.join(sorted(content))})", []
        _, pointer = picked
        if pointer is None:
            return VALID, None, []
        found = self.engine.violations(pointer, body, "body")
        return (INVALID if found else VALID), None, found

    def check_body(
        self,
        operation: Operation | str,
        side: str,
        status: int | str | None,
        body: Any,
        location: Origin | None = None,
    ) -> Result:
        location = location or Origin("<payload>")
        op = self.spec.find_operation(operation) if isinstance(operation, str) else operation
        status_text = None if status is None else str(status)
        if op is None:
            return Result(
                location,
                str(operation),
                side,
                status_text,
                SKIPPED,
                f"unknown operation {operation!r}",
                input_error=True,
                code="input.unknown_operation",
            )
        verdict, reason, found = self.body_violations(op, side, status_text, body)
        return Result(location, op.operation_id, side, status_text, verdict, reason, tuple(found))

    # -- records --------------------------------------------------------------------------------------

    def check(self, records: Iterable[Record]) -> list[Result]:
        results: list[Result] = []
        for record in records:
            if isinstance(record, InputProblem):
                results.append(
                    Result(record.location, None, None, None, SKIPPED, record.message, input_error=True,
                           code=record.code)
                )
                continue
            try:
                if isinstance(record, BodyPayload):
                    results.append(self._check_payload(record))
                else:
                    results.extend(self._check_har(record))
            except Exception as exc:  # noqa: BLE001
                # Whatever a hostile payload (or a spec part only this payload reaches: a dangling
                # `$ref`, a malformed `servers`) still trips costs that entry only, never the run.
                results.append(
                    Result(record.location, None, None, None, SKIPPED,
                           f"cannot be checked: {type(exc).__name__}: {str(exc)[:200]}", input_error=True,
                           code="input.uncheckable")
                )
        return results

    def _check_payload(self, p: BodyPayload) -> Result:
        side = p.side or ("response" if p.status is not None else None)
        if p.problem is not None:
            return Result(p.location, p.operation, side, p.status, SKIPPED, p.problem, input_error=True,
                          code=p.code or "input.unusable")
        if p.status is not None and (bad := status_problem(p.status)) is not None:
            return Result(p.location, p.operation, side, p.status, SKIPPED, bad, input_error=True,
                          code="input.bad_status")
        if p.operation is None:
            return Result(
                p.location,
                None,
                side,
                p.status,
                SKIPPED,
                'no operation given (--operation or the envelope\'s "operation")',
                input_error=True,
                code="input.no_operation",
            )
        if side not in ("request", "response"):
            return Result(
                p.location,
                p.operation,
                side,
                p.status,
                SKIPPED,
                'side must be request or response (--side or the envelope\'s "side")',
                input_error=True,
                code="input.no_side",
            )
        return self.check_body(p.operation, side, p.status, p.body, p.location)

    def _check_har(self, e: HarEntry) -> list[Result]:
        if e.problem is not None:
            return [Result(e.location, None, None, None, SKIPPED, e.problem, input_error=True, code=e.code)]
        url = urlsplit(e.url)
        matched = self.spec.match_path(e.method, url.path or "/")
        if matched is None:
            return [Result(e.location, None, None, None, SKIPPED, f"no operation matches {e.method} {url.path}")]
        op, path_values = matched
        status = None if e.status is None else str(e.status)
        return [self._har_request(e, op, path_values), self._har_response(e, op, status)]

    def _har_request(self, e: HarEntry, op: Operation, path_values: Mapping[str, str]) -> Result:
        found: list[Violation] = []
        query: dict[str, list[str]] = {}
        # Some recorders leave `queryString` empty; the URL is then the only record of the query.
        pairs = e.query or tuple(parse_qsl(urlsplit(e.url).query, keep_blank_values=True))
        for k, v in pairs:
            query.setdefault(k, []).append(v)
        headers: dict[str, list[str]] = {}
        for k, v in e.headers:
            headers.setdefault(k.lower(), []).append(v)
        for param in op.parameters:
            if param.location == "path":
                raw = [path_values[param.name]] if param.name in path_values else None
            elif param.location == "query":
                raw = query.get(param.name)
            elif param.location == "header":
                raw = headers.get(param.name.lower())
            else:
                continue  # cookies: HAR cookie capture is too unreliable to judge
            found.extend(self._param_violations(param, raw))
        body, problem = _parse_body(e.request_body, self.limits)
        if isinstance(problem, UntrustedInput):
            # A recorded body that cannot be read is an unusable input, never a quiet skip; the
            # parameter violations still count, so an invalid request is not masked by it.
            note = f"request {problem.message}" + ("; body not checked" if found else "")
            return Result(e.location, op.operation_id, "request", None, INVALID if found else SKIPPED, note,
                          tuple(sorted(found)), input_error=True, code=problem.code)
        if problem is not None:
            note = f"request {problem}" + ("; body not checked" if found else "")
            return Result(
                e.location, op.operation_id, "request", None, INVALID if found else SKIPPED, note, tuple(sorted(found))
            )
        verdict, reason, body_found = self.body_violations(op, "request", None, body)
        found.extend(body_found)
        if found:
            verdict = INVALID
        return Result(e.location, op.operation_id, "request", None, verdict, reason, tuple(sorted(found)))

    def _har_response(self, e: HarEntry, op: Operation, status: str | None) -> Result:
        if status is None:
            return Result(e.location, op.operation_id, "response", None, SKIPPED, "no response recorded")
        body, problem = _parse_body(e.response_body, self.limits)
        if isinstance(problem, UntrustedInput):
            return Result(e.location, op.operation_id, "response", status, SKIPPED, f"response {problem.message}",
                          input_error=True, code=problem.code)
        if problem is not None and response_schemas(op, status):
            return Result(e.location, op.operation_id, "response", status, SKIPPED, f"response {problem}")
        verdict, reason, found = self.body_violations(op, "response", status, body)
        return Result(e.location, op.operation_id, "response", status, verdict, reason, tuple(found))

    def _param_violations(self, param: Parameter, raw: list[str] | None) -> list[Violation]:
        if raw is None:
            if not param.required:
                return []
            return [
                Violation(
                    param.location,
                    "/" + param.name,
                    "required",
                    f'required {param.location} parameter "{param.name}"',
                    "missing",
                    f'"{param.name}" is missing',
                    param.source,
                )
            ]
        if param.schema_pointer is None:
            return []
        value = self._coerce(raw, param.schema_pointer)
        return self.engine.violations(param.schema_pointer, value, param.location, (param.name,), param.source)

    def _coerce(self, raw: list[str], pointer: str) -> Any:
        """Parameter strings to the JSON types their schema asks for (form style, explode=true)."""
        types = self.engine.schema_types(pointer)
        if "array" in types:
            items = raw if len(raw) > 1 else raw[0].split(",")
            item_types = self.engine.schema_types(pointer + "/items") if self._has_items(pointer) else set()
            return [_coerce_scalar(i, item_types) for i in items]
        return _coerce_scalar(raw[0], types)

    def _has_items(self, pointer: str) -> bool:
        node, _ = self.spec.deref(self.spec.resolve_pointer(pointer), pointer)
        return isinstance(node, Mapping) and "items" in node and "$ref" not in node


def _coerce_scalar(value: str, types: set[str]) -> Any:
    if "integer" in types and _INT_RE.fullmatch(value):
        return int(value)
    if "number" in types:
        try:
            return float(value) if not _INT_RE.fullmatch(value) else int(value)
        except ValueError:
            pass
    if "boolean" in types and value in ("true", "false"):
        return value == "true"
    if "null" in types and value == "":
        return None
    return value


def _parse_body(raw: RawBody | None, limits: Limits = DEFAULT_LIMITS) -> tuple[Any, UntrustedInput | str | None]:
    """(parsed body or ABSENT, problem): an `UntrustedInput` when the recorded body is unusable,
    a string when it is fine but not something the spec's JSON schemas can judge."""
    if raw is not None and raw.problem is not None:
        return ABSENT, raw.problem
    if raw is None or raw.text is None or raw.text == "":
        return ABSENT, None
    if raw.mime and not is_json_media(raw.mime):
        return ABSENT, f"body is {raw.mime.split(';')[0]}, not JSON"
    try:
        return parse_json(raw.text, limits), None
    except UntrustedInput as exc:
        return ABSENT, UntrustedInput(exc.code, f"body: {exc.message}")
