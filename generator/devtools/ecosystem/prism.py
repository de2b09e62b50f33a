"""A third-party mock server as a test partner: Prism serves a spec, the service's generated client calls it.

`prism mock --errors` validates every request against the spec and answers a violation with an error
(problem+json naming the violations) instead of a mocked response. The client calls each operation with
the arguments of its conformance cases (`tests/conformance_data.json` of the generated client: the
documented example as the body, else a minimal valid instance), so:
- every 2xx must parse into the operation's model,
- every rejection is reported with the operation and Prism's reason (there should be none).

The server runs on 127.0.0.1 on a free port, is given a bounded time to start, and is stopped (its own
process group, started here) when the calls are done.
"""

from __future__ import annotations

import datetime
import importlib
import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_type_hints

import httpx

from generator.client import xml_body
from generator.core.spec import iter_variants
from generator.devtools.ecosystem.lint import NODE_ENV, TOOLS, ToolError

TOKEN = "ecosystem-token"
START_TIMEOUT = 120.0  # seconds: Prism parses the spec first (a few seconds for the largest corpus spec)
CALL_TIMEOUT = 30.0


@dataclass
class Rejection:
    operation: str
    status: int
    reason: str


@dataclass
class RoundTrip:
    spec: str
    called: int = 0
    parsed: int = 0  # 2xx parsed into the operation's model
    no_model: int = 0  # 2xx of an operation whose success response has no model (no body, raw, text, union)
    rejected: list[Rejection] = field(default_factory=list)  # Prism answered an error: a request it finds invalid
    mocked_invalid: list[Rejection] = field(default_factory=list)  # Prism found the response it mocked invalid
    failed: list[Rejection] = field(default_factory=list)  # 2xx the client could not parse, or the call raised
    # Prism holds an XML body's text against its schema as if it were JSON: every XML body "must be object"
    # (stoplightio/prism#2050); counted apart, never hidden, and only where what was sent or served is XML
    xml_as_json: list[Rejection] = field(default_factory=list)

    def row(self) -> str:
        return (f"| {self.spec} | {self.called} | {self.parsed} | {self.no_model} | {len(self.rejected)} | "
                f"{len(self.mocked_invalid)} | {len(self.xml_as_json)} | {len(self.failed)} |")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def prism(spec: Path, tools: Path = TOOLS, log: Path | None = None) -> Iterator[str]:
    """`prism mock --errors SPEC` on 127.0.0.1; yields its base URL; stops it on exit."""
    port = free_port()
    out = open(log, "w", encoding="utf-8") if log else subprocess.DEVNULL  # noqa: SIM115 - closed below
    proc = subprocess.Popen([str(tools / "node_modules" / ".bin" / "prism"), "mock", "--host", "127.0.0.1",
                             "--port", str(port), "--errors", str(spec)],
                            stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **NODE_ENV},
                            start_new_session=True)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if proc.poll() is not None:
                raise ToolError(f"prism exited with {proc.returncode} before listening ({spec})")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise ToolError(f"prism did not listen within {START_TIMEOUT:.0f} s ({spec})") from None
                time.sleep(0.5)
        yield f"http://127.0.0.1:{port}"
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)  # the group this function started, nothing else
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        if log and not isinstance(out, int):
            out.close()


PRISM_XML_ISSUE = "stoplightio/prism#2050"
# what Prism says when a body's text meets an object schema (or a union of them)
_ROOT_TYPE = ("must be object", "must match a schema in anyOf", "must match exactly one schema in oneOf")


def violations(content: bytes, headers: Any) -> list[dict[str, Any]]:
    """Prism's violations: in its problem+json, or (when it answers with a documented 4xx) `sl-violations`."""
    for raw in (content, (headers.get("sl-violations") or "").encode()):
        try:
            found = json.loads(raw)
        except ValueError:
            continue
        found = found.get("validation") if isinstance(found, dict) else found
        if isinstance(found, list) and found:
            return [v for v in found if isinstance(v, dict)]
    return []


def xml_read_as_json(found: list[dict[str, Any]], side: str) -> bool:
    """Every violation is the body's root type, on `side` (request | response): Prism read XML text as JSON."""
    # problem+json says ["body"] for the request, `sl-violations` ["request", "body"]
    where = (["body"], ["request", "body"]) if side == "request" else (["response", "body"],)
    return bool(found) and all(
        [str(x) for x in v.get("location") or v.get("path") or []] in where
        and any(str(v.get("message", "")).endswith(t) for t in _ROOT_TYPE) for v in found)


def _reason(body: bytes) -> str:
    """Prism's problem+json as one line: title, detail, and each violation's location and message."""
    try:
        problem = json.loads(body)
    except ValueError:
        return body[:300].decode("utf-8", "replace")
    if not isinstance(problem, dict):
        return str(problem)[:300]
    parts = [str(problem.get("title", "")), str(problem.get("detail", ""))]
    for v in problem.get("validation") or []:
        if isinstance(v, dict):
            parts.append(f"{'.'.join(str(x) for x in v.get('location', []))}: {v.get('message', '')}")
    return "; ".join(p for p in parts if p)[:600]


def _argument(func: Callable[..., Any], python_name: str, value: Any) -> Any:
    hint = get_type_hints(func).get(python_name)
    for candidate in (hint, *get_args(hint)):
        if isinstance(candidate, type) and issubclass(candidate, Enum):
            return candidate(value)
    if isinstance(value, str) and hint is datetime.datetime:
        return datetime.datetime.fromisoformat(value)
    return value


def _with_bytes(payload: Any, binary: list[str]) -> Any:
    if not binary or not isinstance(payload, dict):
        return payload
    return {k: (b"ecosystem-payload" if k in binary else v) for k, v in payload.items()}


def _body(package: str, request: dict[str, Any]) -> Any:
    def model(module: str, name: str) -> Any:
        return getattr(importlib.import_module(f"{package}.models.{module}"), name)

    kind = request["kind"]
    if kind == "model":
        return model(request["module"], request["class"]).from_dict(_with_bytes(request["body"], request["binary"]))
    if kind == "model_list":
        cls = model(request["module"], request["class"])
        return [cls.from_dict(item) for item in request["body"]]
    if kind == "file":
        types = importlib.import_module(f"{package}.types")
        return types.File(payload=io.BytesIO(str(request["body"]).encode()), file_name="payload")
    return request["body"]


def _xml_responses(client_dir: Path) -> dict[str, bool]:
    spec = json.loads((client_dir / "tests" / "openapi.json").read_text(encoding="utf-8"))
    return xml_responses(spec)


def xml_responses(spec: dict[str, Any]) -> dict[str, bool]:
    """operationId of each client function -> whether Prism may serve it XML (the first media type of a first
    documented success).

    A page of a merged call (`x-otc-variants`) has its own function, called by the variant's operationId; Prism
    knows only the merged operation and mocks its responses: XML when the merged operation's success is XML (OBS
    `PUT /ObjectName`: `CopyParts` answers XML, `UploadParts` nothing) or the page's own is."""
    def first_success_xml(op: dict[str, Any]) -> bool:
        ok = [r for s, r in sorted((op.get("responses") or {}).items()) if s.startswith("2")]
        media = list((ok[0].get("content") or {}) if ok else {})
        return bool(media) and xml_body.is_xml(media[0])

    out: dict[str, bool] = {}
    for item in spec.get("paths", {}).values():
        for op in (item.values() if isinstance(item, dict) else []):
            if not isinstance(op, dict) or "operationId" not in op:
                continue
            served = first_success_xml(op)
            out[str(op["operationId"])] = served
            for v in iter_variants(op):
                out[str(v["operationId"])] = served or first_success_xml(v)
    return out


def call_all(client_dir: Path, package: str, base_url: str, name: str) -> RoundTrip:
    """Call every operation of the client in `client_dir` against `base_url` (in this process)."""
    data = json.loads((client_dir / "tests" / "conformance_data.json").read_text(encoding="utf-8"))
    data["xml_responses"] = _xml_responses(client_dir)
    models = {c["schema"]: c for c in data["schemas"]}
    # clients of two revisions of one service share a package name: forget the one imported before
    for mod in [m for m in sys.modules if m == package or m.startswith(f"{package}.")]:
        del sys.modules[mod]
    sys.path.insert(0, str(client_dir))
    importlib.invalidate_caches()
    try:
        return _call_all(client_dir, package, base_url, name, data, models)
    finally:
        sys.path.remove(str(client_dir))


def _call_all(client_dir: Path, package: str, base_url: str, name: str, data: dict[str, Any],
              models: dict[str, Any]) -> RoundTrip:
    client_mod = importlib.import_module(f"{package}.client")
    client = client_mod.AuthenticatedClient(base_url=base_url, token=TOKEN, prefix="", auth_header_name="X-Auth-Token",
                                            timeout=httpx.Timeout(CALL_TIMEOUT),
                                            raise_on_unexpected_status=False)
    out = RoundTrip(name)
    for op in data["operations"]:
        out.called += 1
        op_id = str(op["operation_id"])
        try:
            module = importlib.import_module(f"{package}.api.{op['tag_module']}.{op['module']}")
            kwargs: dict[str, Any] = {"client": client}
            for p in op["params"]:
                kwargs[p["python_name"]] = _argument(module.sync_detailed, p["python_name"], p["value"])
            if op["request"] is not None:
                kwargs["body"] = _body(package, op["request"])
            response = module.sync_detailed(**kwargs)
        except Exception as exc:  # a call that raises is this operation's finding, not the run's end
            out.failed.append(Rejection(op_id, 0, f"{type(exc).__name__}: {exc}"[:600]))
            continue
        status = int(response.status_code)
        if not 200 <= status < 300:
            reason = _reason(response.content)
            found = violations(response.content, response.headers)
            if not reason and found:
                reason = "; ".join(f"{'.'.join(str(x) for x in v.get('location') or v.get('path') or [])}: "
                                   f"{v.get('message', '')}" for v in found)[:600]
            # with --errors Prism also checks the response it mocks (from our examples, else from the schema)
            own = status == 500 and "response." in reason and "; request." not in reason
            request = op["request"] or {}
            sent_xml = xml_body.is_xml(str(request.get("content_type", ""))) and isinstance(request.get("body"), str) \
                and xml_body.well_formed(str(request["body"]))
            if (sent_xml and not own and xml_read_as_json(found, "request")) or (
                    own and data["xml_responses"].get(op_id) and xml_read_as_json(found, "response")):
                out.xml_as_json.append(Rejection(op_id, status, f"{PRISM_XML_ISSUE}: {reason}"[:600]))
                continue
            (out.mocked_invalid if own else out.rejected).append(Rejection(op_id, status, reason))
            continue
        reply = next((r for r in op["responses"] if r["status"] == status), None)
        schema = reply.get("schema") if reply else None
        # 204/205 carry no body whatever a page's table says (RFC 9110 §15.3.5): Prism sends none, the client's None
        # is the right reading
        if not schema or reply is None or reply.get("binary") or (status in (204, 205) and response.parsed is None):
            out.no_model += 1
            continue
        case = models[schema]
        cls = getattr(importlib.import_module(f"{package}.models.{case['module']}"), case["class"])
        if isinstance(response.parsed, cls):
            out.parsed += 1
        else:
            out.failed.append(Rejection(op_id, status, f"2xx did not parse into {case['class']}: "
                                                       f"{type(response.parsed).__name__}"))
    return out
