"""OTC error responses as one typed exception, :class:`OTCAPIError`.

OTC services answer errors in three shapes; the first that matches wins:

1. ``{"error_code": "ModelArts.0104", "error_msg": "..."}`` (API gateway style, most services);
2. ``{"error": {"code"|"error_code": ..., "message"|"error_msg": ...}}`` (OpenStack-derived services);
3. ``{"code": ..., "message": ...}`` (older services).

Anything else (HTML from a proxy, truncated JSON) still yields an :class:`OTCAPIError`,
with the raw body kept and a short excerpt as the message.

Example:
    >>> import httpx
    >>> response = httpx.Response(
    ...     404,
    ...     json={"error_code": "ModelArts.0104", "error_msg": "Job not found"},
    ...     headers={"X-Request-Id": "r-1"},
    ...     request=httpx.Request("GET", "https://modelarts.eu-de.otc.t-systems.com/v1/p/jobs/9"),
    ... )
    >>> error = OTCAPIError.from_response(response)
    >>> (error.status_code, error.error_code, error.error_message, error.request_id)
    (404, 'ModelArts.0104', 'Job not found', 'r-1')
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Generator, Mapping
from typing import Any

import httpx

from .auth import AUTH_RETRY_EXTENSION

__all__ = ["OTCAPIError", "OTCResponseShapeError", "RaiseForOTCError", "parse_error_body", "require_object"]

# Gateways and services disagree on the name; the first present wins.
REQUEST_ID_HEADERS = (
    "X-Request-Id",
    "X-Openstack-Request-Id",
    "X-Compute-Request-Id",
    "X-Obs-Request-Id",
    "X-Apig-Request-Id",
)
_EXCERPT = 200


def _text(value: object) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    return str(value)


def _first(obj: Mapping[str, Any], *keys: str) -> str | None:
    for key in keys:
        if key in obj and (text := _text(obj[key])) is not None:
            return text
    return None


def parse_error_body(body: bytes) -> tuple[str | None, str | None, str | None]:
    """Return ``(error_code, error_message, request_id)`` found in an error body.

    >>> parse_error_body(b'{"error": {"code": 401, "message": "Authentication required"}}')
    ('401', 'Authentication required', None)
    >>> parse_error_body(b'{"code": "APIGW.0301", "message": "Incorrect IAM authentication information"}')
    ('APIGW.0301', 'Incorrect IAM authentication information', None)
    >>> parse_error_body(b"<html>Bad Gateway</html>")
    (None, '<html>Bad Gateway</html>', None)
    """
    try:
        data = json.loads(body)
    except ValueError:
        excerpt = body[:_EXCERPT].decode("utf-8", "replace").strip().splitlines()
        return None, (excerpt[0] if excerpt else None), None
    if not isinstance(data, dict):
        return None, None, None
    request_id = _first(data, "request_id", "requestId")
    if "error_code" in data or "error_msg" in data:
        return _first(data, "error_code"), _first(data, "error_msg"), request_id
    nested = data.get("error")
    if isinstance(nested, dict):
        return (
            _first(nested, "code", "error_code"),
            _first(nested, "message", "error_msg"),
            request_id or _first(nested, "request_id"),
        )
    if isinstance(nested, str):
        return None, nested, request_id
    if "code" in data or "message" in data:
        return _first(data, "code"), _first(data, "message"), request_id
    return None, None, request_id


class OTCAPIError(Exception):
    """An OTC API answered with an error status (4xx/5xx).

    Attributes:
        status_code: the HTTP status.
        error_code: the service's code (e.g. ``"ModelArts.0104"``, ``"APIGW.0301"``), if any.
        error_message: the service's message, or an excerpt of a non-JSON body.
        request_id: the id to quote to support (response header, else body).
        body: the raw response body.
        method, url: the request, without its query string.
    """

    def __init__(
        self,
        status_code: int,
        *,
        error_code: str | None = None,
        error_message: str | None = None,
        request_id: str | None = None,
        body: bytes = b"",
        method: str = "",
        url: str = "",
    ) -> None:
        self.status_code = status_code
        self.error_code = error_code
        self.error_message = error_message
        self.request_id = request_id
        self.body = body
        self.method = method
        self.url = url
        super().__init__(self._describe())

    @classmethod
    def from_response(cls, response: httpx.Response) -> OTCAPIError:
        """Build the error from a response whose body has been read."""
        error_code, error_message, body_request_id = parse_error_body(response.content)
        request_id = next(
            (response.headers[name] for name in REQUEST_ID_HEADERS if name in response.headers),
            body_request_id,
        )
        method = url = ""
        try:
            method = response.request.method
            # The query is dropped: it is not needed to find the call and may carry data.
            url = str(response.request.url.copy_with(query=None))
        except RuntimeError:  # a response built without a request
            pass
        return cls(
            response.status_code,
            error_code=error_code,
            error_message=error_message,
            request_id=request_id,
            body=response.content,
            method=method,
            url=url,
        )

    def _describe(self) -> str:
        where = f" from {self.method} {self.url}" if self.method else ""
        what = ": ".join(part for part in (self.error_code, self.error_message) if part)
        rid = f" (request id {self.request_id})" if self.request_id else ""
        return f"HTTP {self.status_code}{where}{': ' + what if what else ''}{rid}"

    def __repr__(self) -> str:
        return (
            f"OTCAPIError(status_code={self.status_code!r}, error_code={self.error_code!r}, "
            f"error_message={self.error_message!r}, request_id={self.request_id!r})"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        state = (self.error_code, self.error_message, self.request_id, self.body, self.method, self.url)
        return (_rebuild, (self.status_code, *state))


def _rebuild(
    status_code: int,
    error_code: str | None,
    error_message: str | None,
    request_id: str | None,
    body: bytes,
    method: str,
    url: str,
) -> OTCAPIError:
    return OTCAPIError(
        status_code,
        error_code=error_code,
        error_message=error_message,
        request_id=request_id,
        body=body,
        method=method,
        url=url,
    )


class OTCResponseShapeError(ValueError):
    """A body that does not have the shape its model documents: not a JSON object, or a required property missing.

    Raised by a model's ``from_dict`` (so by ``sync``/``sync_detailed`` on a success body) instead of the
    ``KeyError`` or ``ValueError`` the parsing would otherwise end in. A ``ValueError``, so a union of models still
    tries its next alternative.

    Attributes:
        model: the model's class name.
        problem: what is wrong, in words.
    """

    def __init__(self, model: str, problem: str) -> None:
        super().__init__(f"{model}: {problem}")
        self.model = model
        self.problem = problem

    def __reduce__(self) -> tuple[Any, ...]:
        return (OTCResponseShapeError, (self.model, self.problem))


def require_object(model: str, value: object, required: tuple[str, ...]) -> dict[str, Any]:
    """`value` as a dict for `model`'s ``from_dict``, or :class:`OTCResponseShapeError`."""
    if not isinstance(value, Mapping):
        raise OTCResponseShapeError(model, f"expected a JSON object, got {type(value).__name__}")
    missing = [k for k in required if k not in value]
    if missing:
        raise OTCResponseShapeError(model, f"required properties missing: {', '.join(missing)}")
    return dict(value)


class _Done:
    """An already-finished awaitable: what the hook returns when nothing is left to do."""

    def __await__(self) -> Generator[Any, None, None]:
        yield from ()


class RaiseForOTCError:
    """A response event hook raising :class:`OTCAPIError` for 4xx/5xx responses.

    The generated client hands the same ``httpx_args`` to ``httpx.Client`` and
    ``httpx.AsyncClient``, so one hook object must serve both: the sync client ignores
    the return value, the async one awaits it.

    >>> client = httpx.Client(event_hooks={"response": [RaiseForOTCError()]})
    """

    def __call__(self, response: httpx.Response) -> Awaitable[None]:
        if response.status_code < 400:
            return _Done()
        if response.status_code == 401 and response.request.extensions.get(AUTH_RETRY_EXTENSION):
            return _Done()  # the auth flow fetches a new token and sends the call once more
        if isinstance(response.stream, httpx.SyncByteStream):
            response.read()
            raise OTCAPIError.from_response(response)
        return self._raise_async(response)

    @staticmethod
    async def _raise_async(response: httpx.Response) -> None:
        await response.aread()
        raise OTCAPIError.from_response(response)

    def __repr__(self) -> str:
        return "RaiseForOTCError()"
