"""Reading recorded payloads: single JSON documents, NDJSON batches and HAR files.

Everything here is data: JSON is parsed with `json`, never evaluated, within the bounds of
`generator.core.untrusted` (size, depth, number length). A broken payload becomes a record with a
`problem` and its stable `code` (`input.truncated`, `input.bad_base64`, `input.not_utf8`,
`input.bad_status`, ...) so the remaining payloads of the same file are still checked.

NDJSON envelope (one per line; any field may be omitted when the command line gives it):
    {"operation": "UpdateNotebook" | "PUT /v1/{project_id}/notebooks/{id}",
     "side": "request" | "response", "status": 200, "body": {...}}
A line is read as an envelope when it is an object whose keys are all envelope keys and that has
`body` or `operation`; anything else (or every line with `--raw-lines`) is a bare body.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.core.untrusted import DEFAULT_LIMITS, Limits, UntrustedInput, decode_utf8, parse_json, read_bytes

ENVELOPE_KEYS = frozenset({"operation", "side", "status", "body"})
_ENTRIES_RE = re.compile(r'"entries"\s*:\s*\[')


class _Absent:
    """Marks a body that was not recorded at all (distinct from a JSON `null` body)."""

    _instance: _Absent | None = None

    def __new__(cls) -> _Absent:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT = _Absent()


@dataclass(frozen=True)
class Origin:
    file: str
    line: int | None = None
    entry: int | None = None  # HAR entry index, 0-based as in `log.entries[i]`

    def __str__(self) -> str:
        if self.entry is not None:
            return f"{self.file} entry {self.entry}"
        if self.line is not None:
            return f"{self.file}:{self.line}"
        return self.file

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "entry": self.entry}


@dataclass(frozen=True)
class BodyPayload:
    location: Origin
    operation: str | None
    side: str | None
    status: str | None
    body: Any = ABSENT
    problem: str | None = None
    code: str | None = None  # stable reason code of `problem`


@dataclass(frozen=True)
class RawBody:
    text: str | None  # None: the recording has no body text
    mime: str
    problem: UntrustedInput | None = None  # the recorded body exists but cannot be decoded


@dataclass(frozen=True)
class HarEntry:
    location: Origin
    method: str
    url: str
    query: tuple[tuple[str, str], ...] = ()
    headers: tuple[tuple[str, str], ...] = ()
    request_body: RawBody | None = None
    status: int | None = None
    response_body: RawBody | None = None
    problem: str | None = None
    code: str | None = None


@dataclass(frozen=True)
class InputProblem:
    """A whole input (or its tail) could not be read."""

    location: Origin
    message: str
    code: str = "input.unreadable"


Record = BodyPayload | HarEntry | InputProblem


@dataclass(frozen=True)
class Defaults:
    operation: str | None = None
    side: str | None = None
    status: str | None = None
    raw_lines: bool = False
    limits: Limits = DEFAULT_LIMITS


def detect_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".har":
        return "har"
    if suffix in (".ndjson", ".jsonl"):
        return "ndjson"
    return "json"


def read(path: Path, fmt: str, defaults: Defaults) -> Iterator[Record]:
    name = str(path)
    try:
        data = read_bytes(path, defaults.limits)
    except UntrustedInput as exc:
        yield InputProblem(Origin(name), exc.message, exc.code)
        return
    if fmt == "auto":
        fmt = detect_format(path)
    if fmt == "ndjson":
        # Decoded line by line: one line of bad bytes costs that line, not the file.
        yield from _read_ndjson(name, data, defaults)
        return
    try:
        text = decode_utf8(data)
    except UntrustedInput as exc:
        yield InputProblem(Origin(name, exc.line), exc.message, exc.code)
        return
    if fmt == "har":
        yield from _read_har(name, text, defaults.limits)
    else:
        yield from _read_json(name, text, defaults)


def _read_json(name: str, text: str, defaults: Defaults) -> Iterator[Record]:
    loc = Origin(name)
    if not text.strip():
        yield BodyPayload(loc, defaults.operation, defaults.side, defaults.status, problem="empty file: no body",
                          code="input.empty")
        return
    try:
        doc = parse_json(text, defaults.limits)
    except UntrustedInput as exc:
        yield BodyPayload(
            Origin(name, exc.line),
            defaults.operation,
            defaults.side,
            defaults.status,
            problem=exc.message,
            code=exc.code,
        )
        return
    if isinstance(doc, dict) and isinstance(doc.get("log"), dict) and "entries" in doc["log"]:
        yield from _har_entries(name, doc["log"]["entries"], defaults.limits)
        return
    yield BodyPayload(Origin(name, 1), defaults.operation, defaults.side, defaults.status, doc)


_STATUS_RE = re.compile(r"[1-5]\d\d")


def status_problem(value: object) -> str | None:
    """Why `value` is no HTTP status code (None when it is one: an integer or three digits)."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        return f"status {json.dumps(value)[:40]} is not a status code"
    if isinstance(value, int) and not 100 <= value <= 599:
        return f"status {value} is not a status code (100-599)"
    if isinstance(value, str) and not _STATUS_RE.fullmatch(value):
        return f"status {json.dumps(value)[:40]} is not a status code (three digits)"
    return None


def _envelope_status_problem(value: object) -> str | None:
    # The envelope's status is a JSON number, as in HAR: a string ("200") is a broken recorder.
    if isinstance(value, str):
        return f"status {json.dumps(value)[:40]} is a string; the envelope's status is a number"
    return status_problem(value)


def _status_text(value: Any) -> str | None:
    return None if value is None else str(value)


def _read_ndjson(name: str, data: bytes, defaults: Defaults) -> Iterator[Record]:
    if not data.strip():
        yield InputProblem(Origin(name), "empty file: no payloads", "input.empty")
        return
    for lineno, raw in enumerate(data.splitlines(), start=1):
        if not raw.strip():
            continue
        loc = Origin(name, lineno)
        try:
            obj = parse_json(decode_utf8(raw), defaults.limits)
        except UntrustedInput as exc:
            message = exc.message.replace("(line 1 column", "(column") if exc.line == 1 else exc.message
            yield BodyPayload(
                loc,
                defaults.operation,
                defaults.side,
                defaults.status,
                problem=message,
                code=exc.code,
            )
            continue
        is_envelope = (
            not defaults.raw_lines
            and isinstance(obj, dict)
            and set(obj) <= ENVELOPE_KEYS
            and ("body" in obj or "operation" in obj)
        )
        if not is_envelope:
            yield BodyPayload(loc, defaults.operation, defaults.side, defaults.status, obj)
            continue
        bad_status = _envelope_status_problem(obj["status"]) if obj.get("status") is not None else None
        problem, code = (bad_status, "input.bad_status") if bad_status else (None, None)
        if problem is None and "body" not in obj:
            problem, code = "no body in envelope", "input.no_body"
        yield BodyPayload(
            loc,
            operation=str(obj["operation"]) if "operation" in obj else defaults.operation,
            side=str(obj["side"]) if "side" in obj else defaults.side,
            status=_status_text(obj.get("status", defaults.status)),
            body=obj.get("body", ABSENT),
            problem=problem,
            code=code,
        )


def _read_har(name: str, text: str, limits: Limits) -> Iterator[Record]:
    try:
        doc = parse_json(text, limits)
    except UntrustedInput as exc:
        entries, stop = _salvage_entries(text, limits)
        if entries is None or exc.code not in ("input.truncated", "input.invalid_json"):
            yield InputProblem(Origin(name), f"not a HAR file: {exc.message}", exc.code)
            return
        yield from _har_entries(name, entries, limits)
        yield InputProblem(
            Origin(name, entry=len(entries)),
            f"truncated HAR: {len(entries)} complete entries read, the rest is cut off (at character {stop})",
            "input.truncated",
        )
        return
    log = doc.get("log") if isinstance(doc, dict) else None
    if not isinstance(log, dict) or not isinstance(log.get("entries"), list):
        yield InputProblem(Origin(name), "not a HAR file: no log.entries list", "input.not_har")
        return
    yield from _har_entries(name, log["entries"], limits)


def _salvage_entries(text: str, limits: Limits) -> tuple[list[Any] | None, int]:
    """Complete entries before the cut of a truncated HAR (recorders killed mid-write)."""
    m = _ENTRIES_RE.search(text)
    if m is None:
        return None, 0
    decoder = json.JSONDecoder()
    pos, entries = m.end(), list[Any]()
    while True:
        while pos < len(text) and text[pos] in " \t\r\n,":
            pos += 1
        if pos >= len(text) or text[pos] == "]":
            return entries, pos
        try:
            entry, pos = decoder.raw_decode(text, pos)
        except (json.JSONDecodeError, RecursionError, ValueError):
            return entries, pos
        entries.append(entry)


def _pairs(items: Any) -> tuple[tuple[str, str], ...]:
    out = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and "name" in item:
            out.append((str(item["name"]), str(item.get("value", ""))))
    return tuple(out)


def _raw_body(obj: Any, *, response: bool) -> RawBody | None:
    if not isinstance(obj, dict):
        return None
    mime = str(obj.get("mimeType") or "")
    text = obj.get("text")
    if text is None:
        return RawBody(None, mime) if response and mime else None
    text = str(text)
    if obj.get("encoding") == "base64":
        try:
            raw = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError) as exc:
            return RawBody(None, mime, UntrustedInput("input.bad_base64", f"body is not valid base64: {exc}"))
        try:
            text = decode_utf8(raw)
        except UntrustedInput as exc:
            return RawBody(None, mime, UntrustedInput(exc.code, f"body is {exc.message}"))
    return RawBody(text, mime)


def _har_entries(name: str, entries: Any, limits: Limits = DEFAULT_LIMITS) -> Iterator[Record]:
    if not isinstance(entries, list):
        yield InputProblem(Origin(name), "not a HAR file: log.entries is not a list", "input.not_har")
        return
    for i, entry in enumerate(entries):
        loc = Origin(name, entry=i)
        req = entry.get("request") if isinstance(entry, dict) else None
        if not isinstance(req, dict) or "method" not in req or "url" not in req:
            yield HarEntry(loc, "", "", problem="entry has no request method/url", code="input.bad_entry")
            continue
        resp = entry.get("response") if isinstance(entry, dict) else None
        status = resp.get("status") if isinstance(resp, dict) else None
        # HAR status is a number; a string ("200") or a bool is a broken recorder, not "no response".
        if status is not None and (isinstance(status, bool) or not isinstance(status, int)):
            yield HarEntry(loc, str(req["method"]).upper(), str(req["url"]),
                           problem=f"response status {json.dumps(status)[:40]} is not a number",
                           code="input.bad_status")
            continue
        if isinstance(status, int) and status != 0 and (bad := status_problem(status)) is not None:
            yield HarEntry(loc, str(req["method"]).upper(), str(req["url"]), problem=f"response {bad}",
                           code="input.bad_status")
            continue
        yield HarEntry(
            loc,
            method=str(req["method"]).upper(),
            url=str(req["url"]),
            query=_pairs(req.get("queryString")),
            headers=_pairs(req.get("headers")),
            request_body=_raw_body(req.get("postData"), response=False),
            # HAR uses status 0 for requests that got no response (aborted, blocked).
            status=int(status) if isinstance(status, int) and status > 0 else None,
            response_body=_raw_body(resp.get("content") if isinstance(resp, dict) else None, response=True),
        )
