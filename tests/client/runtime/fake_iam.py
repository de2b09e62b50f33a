"""A fake IAM and service behind one ``httpx.MockTransport`` (sync and async), for session tests.

``POST /v3/auth/tokens`` issues ``tok-1``, ``tok-2``, ... valid for ``lifetime`` seconds (told
through ``issued_at``/``expires_at``); any other path is the service: 200 with the token seen,
or 401 when the token is not (or no longer) valid.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

IAM_URL = "https://iam.eu-de.otc.t-systems.com/v3"
PROJECT_ID = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
PASSWORD = "pw-SECRET-do-not-leak-7"


@dataclass
class FakeIAM:
    lifetime: float = 3600.0
    token_delay: float = 0.0  # seconds a token request takes: widens the window for races
    project_id: str = PROJECT_ID
    password: str = PASSWORD
    token_requests: list[dict[str, Any]] = field(default_factory=list)
    token_urls: list[str] = field(default_factory=list)
    calls: list[httpx.Request] = field(default_factory=list)
    valid: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def _issue(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        with self.lock:
            self.token_requests.append(body)
            self.token_urls.append(str(request.url))
            token = f"tok-{len(self.token_requests)}"
        if body["auth"]["identity"]["password"]["user"]["password"] != self.password:
            return httpx.Response(401, json={"error": {"code": 401, "message": "The username or password is wrong."}})
        self.valid.add(token)
        issued = datetime(2030, 1, 1, tzinfo=UTC)  # far from the local clock: lifetimes must not depend on it
        expires = issued + timedelta(seconds=self.lifetime)
        payload = {
            "token": {
                "issued_at": issued.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
                "expires_at": expires.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
                "project": {"id": self.project_id, "name": "eu-de_sub", "domain": {"name": "OTC-EU-DE-1"}},
                "methods": ["password"],
            }
        }
        return httpx.Response(201, json=payload, headers={"X-Subject-Token": token})

    def _serve(self, request: httpx.Request) -> httpx.Response:
        with self.lock:  # a copy: the auth flow sends the same request object again after a 401
            self.calls.append(httpx.Request(request.method, request.url, headers=request.headers,
                                            content=request.content))
        token = request.headers.get("X-Auth-Token", "")
        if token not in self.valid:
            return httpx.Response(401, json={"error_code": "APIGW.0301", "error_msg": "Incorrect IAM authentication"})
        return httpx.Response(200, json={"token": token, "path": request.url.path})

    def _is_token_request(self, request: httpx.Request) -> bool:
        return request.method == "POST" and request.url.path.endswith("/v3/auth/tokens")

    def handler(self, request: httpx.Request) -> httpx.Response:
        if self._is_token_request(request):
            time.sleep(self.token_delay)
            return self._issue(request)
        return self._serve(request)

    async def async_handler(self, request: httpx.Request) -> httpx.Response:
        if self._is_token_request(request):
            await asyncio.sleep(self.token_delay)
            return self._issue(request)
        return self._serve(request)

    def transports(self) -> dict[str, Any]:
        """``connect()`` options routing the client's traffic here."""
        return {
            "transport": httpx.MockTransport(self.handler),
            "async_transport": httpx.MockTransport(self.async_handler),
        }

    def revoke(self) -> None:
        self.valid.clear()
