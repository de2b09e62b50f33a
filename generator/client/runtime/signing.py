"""SDK-HMAC-SHA256 request signing, as OTC / Huawei Cloud API gateways verify it.

Every rule here mirrors ``huaweicloudsdkcore.signer.signer.Signer`` (the reference
implementation, checked against it in ``tests/runtime/test_signing.py``), including its
quirks, because the gateway recomputes the signature the same way:

* the path is percent-decoded, split on ``/`` and each segment re-encoded with only
  ``A-Z a-z 0-9 - _ . ~`` left bare; a trailing ``/`` is always added;
* query pairs are sorted on their *decoded* (key, value), then encoded the same way;
* header names containing ``_`` are never signed (gateways drop such headers);
* a ``Content-Type`` other than ``application/json*`` / ``application/bson*`` makes the
  payload unsigned (``X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD``), so binary uploads are
  not hashed;
* the request is sent with the canonical query string, so what the gateway parses is
  exactly what was signed (``+`` in a query is read as a space, as form encoding says).

Example:
    >>> from datetime import datetime, timezone
    >>> import httpx
    >>> request = httpx.Request("GET", "https://ecs.eu-de.otc.t-systems.com/v1/p/servers?limit=2")
    >>> sign_request(request, ak="AK", sk="SK", now=datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc))
    >>> request.headers["X-Sdk-Date"]
    '20240102T030405Z'
    >>> request.headers["Authorization"].split(", ")[1]
    'SignedHeaders=host;x-sdk-date'
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import quote, unquote, unquote_plus

import httpx

__all__ = [
    "ALGORITHM",
    "CanonicalRequest",
    "canonical_path",
    "canonical_query",
    "canonical_request",
    "parse_query",
    "sign_request",
    "signature",
    "string_to_sign",
]

ALGORITHM = "SDK-HMAC-SHA256"
DATE_HEADER = "X-Sdk-Date"
CONTENT_HASH_HEADER = "X-Sdk-Content-Sha256"
UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD"
DATE_FORMAT = "%Y%m%dT%H%M%SZ"
_EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()

# Headers that proxies or the HTTP stack may add, drop or rewrite in transit (and the
# Authorization header being computed); signing them would make valid requests fail.
_UNSIGNED_HEADERS = frozenset(
    {
        "authorization",
        "connection",
        "content-length",
        "transfer-encoding",
        "keep-alive",
        "proxy-authorization",
        "proxy-connection",
        "te",
        "trailer",
        "upgrade",
        "expect",
        "accept-encoding",
    }
)


def _encode(text: str) -> str:
    return quote(text, safe="~")


def canonical_path(raw_path: str) -> str:
    """The canonical URI of a percent-encoded request path (no query).

    >>> canonical_path("/v1/a%20b/c")
    '/v1/a%20b/c/'
    """
    segments = unquote(raw_path).split("/")
    path = "/".join(_encode(segment) for segment in segments)
    return path if path.endswith("/") else path + "/"


def parse_query(raw_query: str) -> list[tuple[str, str]]:
    """Decode a raw query string into (key, value) pairs, keeping repeats and order.

    >>> parse_query("b=2&a=x+y&a&=v")
    [('b', '2'), ('a', 'x y'), ('a', ''), ('', 'v')]
    """
    pairs = []
    for part in raw_query.split("&"):
        if part:
            key, _, value = part.partition("=")
            pairs.append((unquote_plus(key), unquote_plus(value)))
    return pairs


def canonical_query(pairs: Iterable[tuple[str, str]]) -> str:
    """The canonical query string: decoded pairs sorted, then percent-encoded.

    >>> canonical_query([("b", "2"), ("a", "x y"), ("a", "")])
    'a=&a=x%20y&b=2'
    """
    return "&".join(f"{_encode(key)}={_encode(value)}" for key, value in sorted(pairs))


@dataclass(frozen=True)
class CanonicalRequest:
    """The signed form of a request and the header names it covers."""

    text: str
    signed_headers: tuple[str, ...]


def canonical_request(
    method: str,
    raw_path: str,
    query_pairs: Iterable[tuple[str, str]],
    headers: Iterable[tuple[str, str]],
    body: bytes,
) -> CanonicalRequest:
    """Build the canonical request from already-selected headers (name, value).

    Header names are compared case-insensitively; repeated names are joined with ``,``.
    """
    merged: dict[str, str] = {}
    for name, value in headers:
        key = name.lower()
        merged[key] = f"{merged[key]},{value.strip()}" if key in merged else value.strip()
    signed = tuple(sorted(merged))
    payload_hash = _EMPTY_SHA256
    if body:
        payload_hash = merged.get(CONTENT_HASH_HEADER.lower()) or hashlib.sha256(body).hexdigest()
    text = "\n".join(
        [
            method.upper(),
            canonical_path(raw_path),
            canonical_query(query_pairs),
            "".join(f"{name}:{merged[name]}\n" for name in signed),
            ";".join(signed),
            payload_hash,
        ]
    )
    return CanonicalRequest(text=text, signed_headers=signed)


def string_to_sign(canonical: str, sdk_date: str) -> str:
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    return f"{ALGORITHM}\n{sdk_date}\n{digest}"


def signature(sk: str, to_sign: str) -> str:
    return hmac.new(sk.encode("utf-8"), to_sign.encode("utf-8"), hashlib.sha256).hexdigest()


def _header_text(value: bytes) -> str:
    # The SDK sends header values as UTF-8 and signs the decoded text.
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return value.decode("latin-1")


def _needs_unsigned_payload(content_type: str | None) -> bool:
    # Case-sensitive prefix test, exactly as the reference signer does it.
    return bool(content_type) and not str(content_type).startswith(("application/json", "application/bson"))


def sign_request(request: httpx.Request, *, ak: str, sk: str, now: datetime | None = None) -> None:
    """Sign ``request`` in place: adds ``X-Sdk-Date`` (unless set), ``Authorization``.

    The request body must already be read (``httpx.Auth.requires_request_body``).
    An existing ``X-Sdk-Date`` header is kept, as the reference signer does.
    """
    if _needs_unsigned_payload(request.headers.get("Content-Type")):
        request.headers[CONTENT_HASH_HEADER] = UNSIGNED_PAYLOAD
    sdk_date = request.headers.get(DATE_HEADER)
    if sdk_date is None:
        sdk_date = (now or datetime.now(UTC)).astimezone(UTC).strftime(DATE_FORMAT)
        request.headers[DATE_HEADER] = sdk_date

    selected = [
        (name.decode("latin-1"), _header_text(value))
        for name, value in request.headers.raw
        if b"_" not in name and name.decode("latin-1").lower() not in _UNSIGNED_HEADERS
    ]
    raw_path = request.url.raw_path.split(b"?", 1)[0].decode("ascii")
    pairs = parse_query(request.url.query.decode("ascii"))
    canonical = canonical_request(request.method, raw_path, pairs, selected, request.content)
    sig = signature(sk, string_to_sign(canonical.text, sdk_date.strip()))
    request.headers["Authorization"] = (
        f"{ALGORITHM} Access={ak}, SignedHeaders={';'.join(canonical.signed_headers)}, Signature={sig}"
    )
    canonical_qs = canonical_query(pairs)
    if canonical_qs.encode("ascii") != request.url.query:
        request.url = request.url.copy_with(query=canonical_qs.encode("ascii") or None)
