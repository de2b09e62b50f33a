"""HAR entries for tests (a module of its own: `conftest` names clash across test folders)."""

from __future__ import annotations

import json
from typing import Any

BASE = "https://modelarts.eu-de.otc.t-systems.com"


def har_entry(
    method: str,
    path: str,
    *,
    query: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
    request_body: Any = None,
    status: int = 200,
    response_body: Any = None,
    response_mime: str = "application/json",
    raw_response: str | None = None,
) -> dict[str, Any]:
    q = "&".join(f"{k}={v}" for k, v in (query or {}).items())
    req: dict[str, Any] = {
        "method": method,
        "url": BASE + path + (f"?{q}" if q else ""),
        "queryString": [{"name": k, "value": v} for k, v in (query or {}).items()],
        "headers": [{"name": k, "value": v} for k, v in (headers or {}).items()],
    }
    if request_body is not None:
        req["postData"] = {"mimeType": "application/json;charset=utf8", "text": json.dumps(request_body)}
    text = (
        raw_response if raw_response is not None else (json.dumps(response_body) if response_body is not None else None)
    )
    content: dict[str, Any] = {"mimeType": response_mime, "size": len(text or "")}
    if text is not None:
        content["text"] = text
    return {"request": req, "response": {"status": status, "content": content}}
