"""Build a generated ``Client`` / ``AuthenticatedClient`` wired for OTC.

Example:
    >>> import httpx
    >>> from dataclasses import dataclass, field
    >>> @dataclass
    ... class Client:  # stands in for the class openapi-python-client generates
    ...     base_url: str
    ...     headers: dict[str, str] = field(default_factory=dict)
    ...     timeout: httpx.Timeout | None = None
    ...     verify_ssl: bool = True
    ...     follow_redirects: bool = False
    ...     httpx_args: dict[str, object] = field(default_factory=dict)
    ...     raise_on_unexpected_status: bool = False
    >>> client = build_client(
    ...     Client,
    ...     endpoint_template="https://modelarts.{region}.otc.t-systems.com",
    ...     region="eu-de",
    ...     project_id="0123abcd",
    ...     auth=TokenAuth("secret-token"),
    ... )
    >>> client.base_url, client.headers, client.timeout
    ('https://modelarts.eu-de.otc.t-systems.com', {'X-Project-Id': '0123abcd'}, Timeout(timeout=30.0))
"""

from __future__ import annotations

import inspect
import ssl
from collections.abc import AsyncGenerator, Callable, Generator, Mapping
from typing import Any, TypedDict, TypeVar

import httpx

from .auth import PLACEHOLDER_TOKEN_HEADER, PROJECT_ID_HEADER, AkSkAuth, TokenAuth, drop_placeholder
from .endpoints import resolve_base_url
from .errors import RaiseForOTCError
from .iam import PasswordAuth
from .redirects import StripForeignCredentials
from .retry import RetryPolicy, RetryTransport

__all__ = ["DEFAULT_TIMEOUT", "ConnectOptions", "build_client"]

DEFAULT_TIMEOUT = 30.0

ClientT = TypeVar("ClientT")


class ConnectOptions(TypedDict, total=False):
    """Keyword options accepted by a generated ``connect()`` (all optional)."""

    timeout: float | httpx.Timeout
    retry: RetryPolicy
    raise_for_error: bool
    verify_ssl: ssl.SSLContext | str | bool
    headers: Mapping[str, str]
    follow_redirects: bool
    raise_on_unexpected_status: bool
    httpx_args: Mapping[str, Any]
    transport: httpx.BaseTransport
    async_transport: httpx.AsyncBaseTransport


def _accepts(client_cls: Callable[..., object], name: str) -> bool:
    try:
        return name in inspect.signature(client_cls).parameters
    except (TypeError, ValueError):
        return False


def build_client(
    client_cls: Callable[..., ClientT],
    *,
    endpoint_template: str,
    region: str,
    project_id: str | None = None,
    auth: httpx.Auth,
    base_url: str | None = None,
    timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
    retry: RetryPolicy | None = None,
    raise_for_error: bool = True,
    verify_ssl: ssl.SSLContext | str | bool = True,
    headers: Mapping[str, str] | None = None,
    follow_redirects: bool = False,
    raise_on_unexpected_status: bool = False,
    httpx_args: Mapping[str, Any] | None = None,
    transport: httpx.BaseTransport | None = None,
    async_transport: httpx.AsyncBaseTransport | None = None,
) -> ClientT:
    """Return ``client_cls(...)`` configured for one OTC region and project.

    * ``auth``: :class:`TokenAuth`, :class:`AkSkAuth` or any ``httpx.Auth``.
    * ``project_id``: sent as ``X-Project-Id`` (and fills ``{project_id}`` in the template).
      Generated operations still take the project id as a path argument.
    * ``retry``: a :class:`RetryPolicy`; ``RetryPolicy(max_attempts=1)`` turns retries off.
    * ``follow_redirects``: off by default; when on, a redirect to another origin (scheme,
      host, port) is sent without ``Authorization``, ``X-Auth-Token``, ``X-Security-Token``
      and ``X-Sdk-Date``.
    * ``raise_for_error``: raise :class:`OTCAPIError` for every 4xx/5xx response, instead
      of returning the generated ``Response`` with ``parsed`` set to the error model.
    * ``transport`` / ``async_transport``: the transports under the retry layer (tests,
      custom proxies); by default httpx's own, with ``verify_ssl`` and the environment's
      ``HTTP(S)_PROXY`` / ``NO_PROXY`` (unless ``httpx_args={"trust_env": False}``).
    """
    if timeout is None:
        raise ValueError("timeout must not be None: a stuck connection would hang forever")
    extra = dict(httpx_args or {})
    if clash := {"auth", "transport"} & extra.keys():
        raise ValueError(f"pass {sorted(clash)} as build_client arguments, not in httpx_args")
    all_headers = dict(headers or {})
    if project_id:
        all_headers.setdefault(PROJECT_ID_HEADER, project_id)
    event_hooks = {key: list(hooks) for key, hooks in extra.pop("event_hooks", {}).items()}
    # Last, so that no credential a caller's hook adds survives a redirect to another origin.
    event_hooks.setdefault("request", []).append(StripForeignCredentials())
    if raise_for_error:
        # Last, so that hooks of the caller (logging, metrics) see error responses too.
        event_hooks.setdefault("response", []).append(RaiseForOTCError())
    extra.update(
        auth=auth,
        transport=RetryTransport(
            retry or RetryPolicy(),
            transport=transport,
            async_transport=async_transport,
            verify=verify_ssl,
            trust_env=bool(extra.get("trust_env", True)),
        ),
        event_hooks=event_hooks,
    )
    kwargs: dict[str, Any] = {
        "base_url": resolve_base_url(endpoint_template, region=region, project_id=project_id, base_url=base_url),
        "headers": all_headers,
        "timeout": timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout),
        "verify_ssl": verify_ssl,
        "follow_redirects": follow_redirects,
        "httpx_args": extra,
        "raise_on_unexpected_status": raise_on_unexpected_status,
    }
    for name, value in (("project_id", project_id), ("region", region)):
        if _accepts(client_cls, name):  # the session the generated operations read their defaults from
            kwargs[name] = value
    if _accepts(client_cls, "token"):
        # AuthenticatedClient always sends ``{auth_header_name}: {prefix} {token}``; give it an
        # empty placeholder (removed by the auth objects) so the secret stays out of its repr.
        kwargs.update(token="", prefix="", auth_header_name=PLACEHOLDER_TOKEN_HEADER)
        if not isinstance(auth, TokenAuth | AkSkAuth | PasswordAuth):
            extra["auth"] = _DropPlaceholder(auth)
    return client_cls(**kwargs)


class _DropPlaceholder(httpx.Auth):
    """Runs a foreign ``httpx.Auth`` after removing the empty placeholder token header."""

    def __init__(self, inner: httpx.Auth) -> None:
        self._inner = inner
        self.wrapped = inner  # what the client's repr names as its auth
        self.requires_request_body = inner.requires_request_body
        self.requires_response_body = inner.requires_response_body

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        drop_placeholder(request)
        yield from self._inner.sync_auth_flow(request)

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        drop_placeholder(request)
        flow = self._inner.async_auth_flow(request)
        outgoing = await flow.__anext__()
        while True:
            response = yield outgoing
            try:
                outgoing = await flow.asend(response)
            except StopAsyncIteration:
                return

    def __repr__(self) -> str:
        return repr(self._inner)
