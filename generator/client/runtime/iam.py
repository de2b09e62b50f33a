"""A password that becomes an IAM token: fetched when needed, refreshed before it expires.

:class:`PasswordAuth` is an ``httpx.Auth``. The token request (``POST {auth_url}/v3/auth/tokens``,
password auth scoped to the project by id, or by name) is yielded from the auth flow, so it goes
through the same client as the call that needs it: the sync client in sync code, the async
client in async code (no blocking call inside an event loop), with the same transport, proxies,
TLS settings and timeout. One fetch serves every caller: a ``threading.Lock`` guards the sync
flow and an ``asyncio.Lock`` (one per event loop) the async flow; whoever finds the token
stale fetches it while the others wait, then they use the new one.

A token is refreshed ``refresh_margin`` seconds (default 5 minutes, at most half its lifetime)
before it expires, and once more after a 401 answer to a call (the call is then sent again).
The token and the password never appear in ``repr``, ``str`` or logs.

Example:
    >>> auth = PasswordAuth(auth_url="https://iam.eu-de.otc.t-systems.com/v3", username="me",
    ...                     password="s3cret", user_domain_name="OTC-EU-DE-00000000001000000000",
    ...                     project_name="eu-de")
    >>> auth
    PasswordAuth(auth_url='https://iam.eu-de.otc.t-systems.com/v3', user='me', project='eu-de', token=None)
    >>> str(auth.token_request().url)
    'https://iam.eu-de.otc.t-systems.com/v3/auth/tokens?nocatalog=true'
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
import weakref
from collections.abc import AsyncGenerator, Callable, Generator
from datetime import UTC, datetime
from typing import Any

import httpx

from .auth import AUTH_RETRY_EXTENSION, Secret, drop_placeholder
from .errors import OTCAPIError

__all__ = ["AUTH_RETRY_EXTENSION", "PasswordAuth"]

DEFAULT_REFRESH_MARGIN = 300.0


def _parse_time(value: object) -> float | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if parsed.tzinfo is None:  # IAM writes UTC; a bare time is read as UTC
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.timestamp()


class PasswordAuth(httpx.Auth):
    """IAM password authentication with a cached, self-refreshing project token.

    The user is named by ``user_id``, or by ``username`` with ``user_domain_name`` /
    ``user_domain_id`` (the account). The token is scoped to ``project_id``, else to
    ``project_name`` (``project_domain_*`` added when given), else to the user's domain.
    :attr:`project_id` is the configured id, or the one of the token's project once fetched.
    ``clock`` (seconds since the epoch) exists for tests.
    """

    requires_request_body = True  # a call answered 401 is sent again

    def __init__(
        self,
        *,
        auth_url: str,
        password: str,
        username: str | None = None,
        user_id: str | None = None,
        user_domain_name: str | None = None,
        user_domain_id: str | None = None,
        project_id: str | None = None,
        project_name: str | None = None,
        project_domain_name: str | None = None,
        project_domain_id: str | None = None,
        refresh_margin: float = DEFAULT_REFRESH_MARGIN,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if not auth_url.startswith(("https://", "http://")):
            raise ValueError(f"auth_url must be an http(s) URL, got {auth_url!r}")
        if not (user_id or username):
            raise ValueError("username (with user_domain_name or user_domain_id) or user_id is required")
        if username and not user_id and not (user_domain_name or user_domain_id):
            raise ValueError("username needs user_domain_name or user_domain_id (the account name or id)")
        self.auth_url = auth_url.rstrip("/")
        self._password = Secret(password)
        self.username = username
        self.user_id = user_id
        self.user_domain_name = user_domain_name
        self.user_domain_id = user_domain_id
        self._project_id = project_id
        self.project_name = project_name
        self.project_domain_name = project_domain_name
        self.project_domain_id = project_domain_id
        self.refresh_margin = refresh_margin
        self._clock = clock
        # (token, refresh at): one attribute, so that a reader never pairs a token with another's time
        self._state: tuple[Secret, float] | None = None
        self._token_project_id: str | None = None
        self._lock = threading.Lock()
        self._loop_locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
            weakref.WeakKeyDictionary()
        )
        self._loop_locks_guard = threading.Lock()

    @property
    def project_id(self) -> str | None:
        """The configured project id, else the token's project (known after the first fetch)."""
        return self._project_id or self._token_project_id

    # -- the token request and its answer ---------------------------------------------------

    def _tokens_url(self) -> str:
        base = self.auth_url
        return f"{base}/auth/tokens" if base.endswith("/v3") else f"{base}/v3/auth/tokens"

    def _body(self) -> dict[str, Any]:
        user: dict[str, Any] = {"password": self._password.reveal()}
        if self.user_id:
            user["id"] = self.user_id
        else:
            user["name"] = self.username
            user["domain"] = {"id": self.user_domain_id} if self.user_domain_id else {"name": self.user_domain_name}
        scope: dict[str, Any]
        if self._project_id or self.project_name:
            project: dict[str, Any] = {"id": self._project_id} if self._project_id else {"name": self.project_name}
            if not self._project_id and (self.project_domain_id or self.project_domain_name):
                project["domain"] = (
                    {"id": self.project_domain_id} if self.project_domain_id else {"name": self.project_domain_name}
                )
            scope = {"project": project}
        elif self.user_domain_id or self.user_domain_name:
            scope = {"domain": {"id": self.user_domain_id} if self.user_domain_id else {"name": self.user_domain_name}}
        else:
            scope = {}
        auth: dict[str, Any] = {"identity": {"methods": ["password"], "password": {"user": user}}}
        if scope:
            auth["scope"] = scope
        return {"auth": auth}

    def token_request(self, like: httpx.Request | None = None) -> httpx.Request:
        """The IAM request for a new token; it takes the timeout of ``like`` (the call needing it)."""
        extensions = {}
        if like is not None and "timeout" in like.extensions:
            extensions["timeout"] = like.extensions["timeout"]
        return httpx.Request(
            "POST",
            self._tokens_url(),
            params={"nocatalog": "true"},
            content=json.dumps(self._body()).encode("utf-8"),
            headers={"Content-Type": "application/json;charset=utf8", "Accept": "application/json"},
            extensions=extensions,
        )

    def _accept(self, response: httpx.Response) -> Secret:
        """Take the token from IAM's answer (body already read); raise OTCAPIError if there is none."""
        if response.status_code >= 400:
            raise OTCAPIError.from_response(response)
        value = response.headers.get("X-Subject-Token", "")
        if not value:
            raise OTCAPIError(
                response.status_code,
                error_message="IAM answered without an X-Subject-Token header",
                method="POST",
                url=self._tokens_url(),
            )
        try:
            token = json.loads(response.content).get("token") or {}
        except (ValueError, AttributeError):
            token = {}
        if not isinstance(token, dict):
            token = {}
        now = self._clock()
        expires = _parse_time(token.get("expires_at"))
        issued = _parse_time(token.get("issued_at"))
        if expires is None:
            refresh_at = float("inf")  # no expiry given: kept until a call is answered 401
        else:
            # The lifetime from the server's own two times, counted on the local clock: a skewed
            # local clock then neither refreshes too late nor on every call.
            lifetime = expires - issued if issued is not None and issued <= expires else expires - now
            refresh_at = now + lifetime - min(self.refresh_margin, max(lifetime, 0.0) / 2)
        project = token.get("project")
        if isinstance(project, dict) and isinstance(project.get("id"), str):
            self._token_project_id = project["id"]
        secret = Secret(value)
        self._state = (secret, refresh_at)
        return secret

    def _fresh(self) -> Secret | None:
        state = self._state
        return state[0] if state is not None and self._clock() < state[1] else None

    def _after_401(self, rejected: Secret) -> Secret | None:
        """After ``rejected`` earned a 401: a newer token another caller fetched, else None."""
        current = self._fresh()
        if current is not None and current != rejected:
            return current
        self._state = None
        return None

    @staticmethod
    def _apply(request: httpx.Request, token: Secret, *, may_retry: bool) -> httpx.Request:
        drop_placeholder(request)
        request.headers["X-Auth-Token"] = token.reveal()
        extensions = dict(request.extensions)
        if may_retry:
            extensions[AUTH_RETRY_EXTENSION] = True
        else:
            extensions.pop(AUTH_RETRY_EXTENSION, None)
        request.extensions = extensions
        return request

    # -- the flows --------------------------------------------------------------------------

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        token = self._fresh()
        if token is None:
            with self._lock:
                token = self._fresh()
                if token is None:
                    answer = yield self.token_request(request)
                    answer.read()
                    token = self._accept(answer)
        response = yield self._apply(request, token, may_retry=True)
        if response.status_code != 401:
            return
        with self._lock:
            retry = self._after_401(token)
            if retry is None:
                answer = yield self.token_request(request)
                answer.read()
                retry = self._accept(answer)
        yield self._apply(request, retry, may_retry=False)

    def _loop_lock(self) -> asyncio.Lock:
        loop = asyncio.get_running_loop()
        with self._loop_locks_guard:
            lock = self._loop_locks.get(loop)
            if lock is None:
                lock = self._loop_locks[loop] = asyncio.Lock()
            return lock

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        token = self._fresh()
        if token is None:
            async with self._loop_lock():
                token = self._fresh()
                if token is None:
                    answer = yield self.token_request(request)
                    await answer.aread()
                    token = self._accept(answer)
        response = yield self._apply(request, token, may_retry=True)
        if response.status_code != 401:
            return
        async with self._loop_lock():
            retry = self._after_401(token)
            if retry is None:
                answer = yield self.token_request(request)
                await answer.aread()
                retry = self._accept(answer)
        yield self._apply(request, retry, may_retry=False)

    def authenticate(self, client: httpx.Client) -> None:
        """Fetch a token now through ``client`` unless a fresh one is cached (learns :attr:`project_id`)."""
        with self._lock:
            if self._fresh() is None:
                request = self.token_request()
                request.extensions = {"timeout": client.timeout.as_dict()}
                response = client.send(request, auth=None)
                self._accept(response)

    def __repr__(self) -> str:
        user = self.username or self.user_id
        project = self._project_id or self.project_name
        token = "***" if self._state is not None else None
        return f"PasswordAuth(auth_url={self.auth_url!r}, user={user!r}, project={project!r}, token={token})"
