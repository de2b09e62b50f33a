"""A local OTC-like HTTP server for runtime tests: canned answers, injected faults, and
server-side AK/SK verification (with the runtime's canonicalisation and with the SDK's).

Only ever binds 127.0.0.1 on an ephemeral port.
"""

from __future__ import annotations

import json
import threading
from collections import defaultdict, deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from sdk_reference import sdk_sign

from generator.client.runtime.signing import canonical_request, parse_query, signature, string_to_sign

SERVER_AK = "SERVERTESTAK0001"
SERVER_SK = "server-test-secret-key-do-not-leak"


@dataclass(frozen=True)
class Reply:
    """One planned answer. ``kind``: "json", "raw", "drop" (close without answer), "slow"."""

    kind: str = "json"
    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass
class Seen:
    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes
    signature_ours: bool | None = None
    signature_sdk: bool | None = None


class OTCTestServer:
    def __init__(self) -> None:
        self._plans: dict[str, deque[Reply]] = defaultdict(deque)
        self._lock = threading.Lock()
        self.seen: list[Seen] = []
        self.stopping = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True)

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def plan(self, path: str, *replies: Reply) -> None:
        """Answer the next requests to ``path`` with ``replies`` in order, then 200 {"ok": true}
        (``{"verified": true}`` under ``/signed/``, where a bad signature always gets a 401)."""
        with self._lock:
            self._plans[path].extend(replies)

    def next_reply(self, path: str) -> Reply | None:
        with self._lock:
            plan = self._plans.get(path)
            return plan.popleft() if plan else None

    def record(self, seen: Seen) -> None:
        with self._lock:
            self.seen.append(seen)

    def hits(self, path: str) -> int:
        with self._lock:
            return sum(1 for s in self.seen if s.path == path)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)


def _header_text(value: str) -> str:
    # http.server decodes header bytes as latin-1; clients send UTF-8.
    try:
        return value.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return value


def verify_aksk(method: str, raw_path: str, raw_query: str, headers: dict[str, str], body: bytes) -> tuple[bool, bool]:
    """Recompute the signature from what arrived: (runtime canonicalisation ok, SDK ok)."""
    authorization = headers.get("authorization", "")
    if not authorization.startswith("SDK-HMAC-SHA256 "):
        return False, False
    fields = dict(part.strip().split("=", 1) for part in authorization[len("SDK-HMAC-SHA256 ") :].split(","))
    if fields.get("Access") != SERVER_AK:
        return False, False
    signed = fields["SignedHeaders"].split(";")
    if any(name not in headers for name in signed):
        return False, False
    chosen = [(name, headers[name]) for name in signed]
    canonical = canonical_request(method, raw_path, parse_query(raw_query), chosen, body)
    ours = signature(SERVER_SK, string_to_sign(canonical.text, headers["x-sdk-date"])) == fields["Signature"]

    # The SDK sees only the signed headers, spelled as it spells them ("X-Sdk-Content-Sha256").
    sdk_headers = {"-".join(part.capitalize() for part in k.split("-")): v for k, v in chosen}
    expected, _, _ = sdk_sign(
        ak=SERVER_AK,
        sk=SERVER_SK,
        method=method,
        host=headers["host"],
        resource_path=raw_path,
        query=parse_query(raw_query),
        headers=sdk_headers,
        body=body,
    )
    return ours, expected == authorization


def _handler_for(server: OTCTestServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
            pass

        def _serve(self) -> None:
            raw_path, _, raw_query = self.path.partition("?")
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            headers = {k.lower(): _header_text(v) for k, v in self.headers.items()}
            seen = Seen(self.command, raw_path, raw_query, headers, body)
            if "authorization" in headers:
                seen.signature_ours, seen.signature_sdk = verify_aksk(self.command, raw_path, raw_query, headers, body)
            server.record(seen)
            reply = server.next_reply(raw_path)
            if reply is not None and reply.kind == "drop":
                self.close_connection = True
                return
            if reply is not None and reply.kind == "slow" and server.stopping.wait(reply.delay):
                return
            if raw_path.startswith("/signed/") and not (seen.signature_ours and seen.signature_sdk):
                # Like the API gateway: a bad signature is refused whatever was planned.
                reply = Reply(
                    status=401,
                    body={
                        "error_code": "APIGW.0301",
                        "error_msg": "Incorrect IAM authentication information",
                    },
                )
            elif reply is None:
                reply = Reply(body={"verified": True} if raw_path.startswith("/signed/") else {"ok": True})
            payload = reply.body if reply.kind == "raw" else json.dumps(reply.body).encode()
            self.send_response(reply.status)
            self.send_header("Content-Type", "application/json" if reply.kind != "raw" else "text/html")
            self.send_header("Content-Length", str(len(payload)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(payload)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _serve

    return Handler
