"""Credentials for OTC APIs as ``httpx.Auth`` objects.

Secrets live in :class:`Secret` wrappers so that no ``repr``, ``str``, log record or
exception built from these objects can show them.

Example:
    >>> auth = AkSkAuth("MYAK", "my-secret-key", project_id="0123abcd")
    >>> "my-secret-key" in repr(auth)
    False
    >>> TokenAuth("gAAAA-token")
    TokenAuth(token=***)
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from datetime import UTC, datetime

import httpx

from .signing import sign_request

__all__ = ["AUTH_RETRY_EXTENSION", "PLACEHOLDER_TOKEN_HEADER", "AkSkAuth", "Secret", "TokenAuth", "drop_placeholder"]

# The generated ``AuthenticatedClient`` always sets its token header. The factory gives
# it an empty placeholder under this name (so the real token never sits in that attrs
# instance, whose repr would print it); the auth objects remove it before sending.
PLACEHOLDER_TOKEN_HEADER = "X-Auth-Token"
PROJECT_ID_HEADER = "X-Project-Id"
SECURITY_TOKEN_HEADER = "X-Security-Token"
# Marks a request whose 401 answer its auth flow handles (a new token, one more try), so that the
# error hook lets that one answer through instead of raising (see errors.RaiseForOTCError).
AUTH_RETRY_EXTENSION = "otc_auth_retry"


class Secret:
    """A string that never shows itself; call :meth:`reveal` where it is really needed.

    >>> s = Secret("hunter2")
    >>> (repr(s), str(s), f"{s}", s.reveal())
    ('***', '***', '***', 'hunter2')
    """

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        if not isinstance(value, str) or not value:
            raise ValueError("a secret must be a non-empty string")
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "***"

    __str__ = __repr__

    def __format__(self, format_spec: str) -> str:
        return "***"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)

    def __reduce__(self) -> tuple[object, ...]:
        raise TypeError("secrets are not picklable")


def drop_placeholder(request: httpx.Request) -> None:
    """Remove the empty token header the generated ``AuthenticatedClient`` always adds."""
    if request.headers.get(PLACEHOLDER_TOKEN_HEADER) == "":
        del request.headers[PLACEHOLDER_TOKEN_HEADER]


class TokenAuth(httpx.Auth):
    """IAM token authentication: sends ``X-Auth-Token`` (and ``X-Project-Id`` if given).

    >>> request = httpx.Request("GET", "https://iam.example/v3/projects")
    >>> _ = next(TokenAuth("tok").auth_flow(request))
    >>> request.headers["X-Auth-Token"]
    'tok'
    """

    def __init__(self, token: str, *, project_id: str | None = None) -> None:
        self._token = Secret(token)
        self.project_id = project_id

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        drop_placeholder(request)
        request.headers["X-Auth-Token"] = self._token.reveal()
        if self.project_id:
            request.headers[PROJECT_ID_HEADER] = self.project_id
        yield request

    def __repr__(self) -> str:
        extra = f", project_id={self.project_id!r}" if self.project_id else ""
        return f"TokenAuth(token=***{extra})"


class AkSkAuth(httpx.Auth):
    """Access key / secret key authentication, signed with SDK-HMAC-SHA256.

    ``security_token`` is the third part of temporary (STS) credentials. ``project_id``
    adds the ``X-Project-Id`` header that project-scoped services expect with AK/SK.
    ``clock`` exists for tests; it must return an aware datetime.

    >>> request = httpx.Request("GET", "https://ecs.eu-de.otc.t-systems.com/v1/x")
    >>> _ = next(AkSkAuth("AK", "SK").auth_flow(request))
    >>> request.headers["Authorization"].startswith("SDK-HMAC-SHA256 Access=AK, ")
    True
    """

    requires_request_body = True

    def __init__(
        self,
        ak: str,
        sk: str,
        project_id: str | None = None,
        security_token: str | None = None,
        *,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        if not ak:
            raise ValueError("ak is required")
        self.ak = ak
        self._sk = Secret(sk)
        self.project_id = project_id
        self._security_token = Secret(security_token) if security_token else None
        self._clock = clock or (lambda: datetime.now(UTC))

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        self.sign(request)
        yield request

    def sign(self, request: httpx.Request) -> None:
        """Add the credential headers and the signature to ``request`` (body already read)."""
        drop_placeholder(request)
        if self._security_token is not None:
            request.headers[SECURITY_TOKEN_HEADER] = self._security_token.reveal()
        if self.project_id:
            request.headers[PROJECT_ID_HEADER] = self.project_id
        sign_request(request, ak=self.ak, sk=self._sk.reveal(), now=self._clock())

    def __repr__(self) -> str:
        parts = [f"ak={self.ak!r}", "sk=***"]
        if self.project_id:
            parts.append(f"project_id={self.project_id!r}")
        if self._security_token is not None:
            parts.append("security_token=***")
        return f"AkSkAuth({', '.join(parts)})"
