"""Reading recorded payloads: single JSON documents, NDJSON batches and HAR files.

Everything here is data: JSON is parsed with `json`, never evaluated. A broken payload becomes a
record with a `problem` so the remaining payloads of the same file are still checked.

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


@dataclass(frozen=True)
class RawBody:
    text: str | None  # None: the recording has no body text
    mime: str


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


@dataclass(frozen=True)
class InputProblem:
    """A whole input (or its tail) could not be read."""

    location: Origin
    message: str


Record = BodyPayload | HarEntry | InputProblem


@dataclass(frozen=True)
class Defaults:
    operation: str | None = None
    side: str | None = None
    status: str | None = None
    raw_lines: bool = False


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
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        yield InputProblem(Origin(name), f"cannot read: {exc}")
        return
    if fmt == "auto":
        fmt = detect_format(path)
    if fmt == "ndjson":
        yield from _read_ndjson(name, text, defaults)
    elif fmt == "har":
        yield from _read_har(name, text)
    else:
        yield from _read_json(name, text, defaults)


def _read_json(name: str, text: str, defaults: Defaults) -> Iterator[Record]:
    loc = Origin(name)
    if not text.strip():
        yield BodyPayload(loc, defaults.operation, defaults.side, defaults.status, problem="empty file: no body")
        return
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        yield BodyPayload(
            Origin(name, exc.lineno),
            defaults.operation,
            defaults.side,
            defaults.status,
            problem=f"invalid JSON: {exc.msg} (line {exc.lineno} column {exc.colno})",
        )
        return
    if isinstance(doc, dict) and isinstance(doc.get("log"), dict) and "entries" in doc["log"]:
        yield from _har_entries(name, doc["log"]["entries"])
        return
    yield BodyPayload(Origin(name, 1), defaults.operation, defaults.side, defaults.status, doc)


def _status_text(value: Any) -> str | None:
    return None if value is None else str(value)


def _read_ndjson(name: str, text: str, defaults: Defaults) -> Iterator[Record]:
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        loc = Origin(name, lineno)
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield BodyPayload(
                loc,
                defaults.operation,
                defaults.side,
                defaults.status,
                problem=f"invalid JSON: {exc.msg} (column {exc.colno})",
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
        yield BodyPayload(
            loc,
            operation=str(obj["operation"]) if "operation" in obj else defaults.operation,
            side=str(obj["side"]) if "side" in obj else defaults.side,
            status=_status_text(obj.get("status", defaults.status)),
            body=obj.get("body", ABSENT),
            problem=None if "body" in obj else "no body in envelope",
        )


def _read_har(name: str, text: str) -> Iterator[Record]:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        entries, stop = _salvage_entries(text)
        if entries is None:
            yield InputProblem(Origin(name), f"not a HAR file: invalid JSON: {exc.msg} (line {exc.lineno})")
            return
        yield from _har_entries(name, entries)
        yield InputProblem(
            Origin(name, entry=len(entries)),
            f"truncated HAR: {len(entries)} complete entries read, the rest is cut off (at character {stop})",
        )
        return
    log = doc.get("log") if isinstance(doc, dict) else None
    if not isinstance(log, dict) or not isinstance(log.get("entries"), list):
        yield InputProblem(Origin(name), "not a HAR file: no log.entries list")
        return
    yield from _har_entries(name, log["entries"])


def _salvage_entries(text: str) -> tuple[list[Any] | None, int]:
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
        except json.JSONDecodeError:
            return entries, pos
        entries.append(entry)


def _pairs(items: Any) -> tuple[tuple[str, str], ...]:
    out = []
    for item in items or []:
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
    if response and obj.get("encoding") == "base64":
        try:
            text = base64.b64decode(text, validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return RawBody(None, mime)
    return RawBody(text, mime)


def _har_entries(name: str, entries: Any) -> Iterator[Record]:
    if not isinstance(entries, list):
        yield InputProblem(Origin(name), "not a HAR file: log.entries is not a list")
        return
    for i, entry in enumerate(entries):
        loc = Origin(name, entry=i)
        req = entry.get("request") if isinstance(entry, dict) else None
        if not isinstance(req, dict) or "method" not in req or "url" not in req:
            yield HarEntry(loc, "", "", problem="entry has no request method/url")
            continue
        resp = entry.get("response") if isinstance(entry, dict) else None
        status = resp.get("status") if isinstance(resp, dict) else None
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
