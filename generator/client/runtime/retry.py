"""Retries with exponential backoff and jitter, as an httpx transport wrapper.

Only idempotent methods are retried unless the caller opts in, since a POST that
reached the server before the connection dropped may already have created something.
A retried AK/SK request is resent as signed: the gateway accepts a signature for
15 minutes, far longer than the total waiting time allowed by ``max_total_wait``.

Example:
    >>> policy = RetryPolicy(max_attempts=3, random=lambda: 1.0)
    >>> [policy.backoff(n) for n in (1, 2, 3)]
    [0.5, 1.0, 2.0]
    >>> transport = RetryTransport(policy, transport=httpx.MockTransport(lambda r: httpx.Response(200)))
    >>> httpx.Client(transport=transport).get("https://example.invalid/").status_code
    200
"""

from __future__ import annotations

import asyncio
import logging
import random as _random
import ssl
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime

import httpx

from .proxies import ProxyRouter

__all__ = ["IDEMPOTENT_METHODS", "RetryPolicy", "RetryTransport"]

logger = logging.getLogger(__name__)

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"})
RETRY_STATUSES = frozenset({429, *range(500, 600)})
# Failures where no usable answer arrived. PoolTimeout is left out: it is local congestion.
RETRY_EXCEPTIONS: tuple[type[httpx.TransportError], ...] = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.ReadError,
    httpx.WriteError,
    httpx.ReadTimeout,
    httpx.WriteTimeout,
    httpx.RemoteProtocolError,
)


@dataclass(frozen=True)
class RetryPolicy:
    """When and how long to wait before trying a request again.

    Attributes:
        max_attempts: total tries including the first (1 disables retries).
        backoff_base, backoff_max: attempt ``n`` waits up to ``min(max, base * 2**(n-1))`` s,
            scaled by ``random()`` ("full jitter", so clients that failed together spread out).
        max_retry_after: a ``Retry-After`` longer than this is not waited for; the
            response is returned as is.
        max_total_wait: budget in seconds for all waits of one request together; a wait that
            would exceed it (a long ``Retry-After``, or backoffs adding up) ends the retries:
            the last response is returned (an :class:`OTCAPIError` when errors raise) or the
            last transport error is raised.
        retry_non_idempotent: also retry POST and PATCH (only for calls known to be safe).
        retry_exceptions: transport errors worth another try. Timeouts are among them, so
            an idempotent call may take up to ``max_attempts`` times the client timeout.
        sleep, async_sleep, random, clock: injectable for fast, deterministic tests.
    """

    max_attempts: int = 4
    backoff_base: float = 0.5
    backoff_max: float = 8.0
    max_retry_after: float = 60.0
    max_total_wait: float = 120.0
    retry_statuses: frozenset[int] = RETRY_STATUSES
    retry_exceptions: tuple[type[httpx.TransportError], ...] = RETRY_EXCEPTIONS
    idempotent_methods: frozenset[str] = IDEMPOTENT_METHODS
    retry_non_idempotent: bool = False
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False, compare=False)
    async_sleep: Callable[[float], Awaitable[None]] = field(default=asyncio.sleep, repr=False, compare=False)
    random: Callable[[], float] = field(default=_random.random, repr=False, compare=False)
    clock: Callable[[], float] = field(default=time.time, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if self.max_total_wait < 0:
            raise ValueError("max_total_wait must not be negative")

    def allows(self, method: str) -> bool:
        """Whether requests with this method may be retried at all."""
        return self.max_attempts > 1 and (self.retry_non_idempotent or method.upper() in self.idempotent_methods)

    def backoff(self, attempt: int) -> float:
        """Seconds to wait after failed attempt number ``attempt`` (1-based)."""
        ceiling = min(self.backoff_max, self.backoff_base * 2.0 ** (attempt - 1))
        return ceiling * self.random()

    def retry_after(self, response: httpx.Response) -> float | None:
        """Seconds asked for by ``Retry-After`` (delta-seconds or HTTP-date), if valid."""
        value = response.headers.get("Retry-After", "").strip()
        if not value:
            return None
        try:
            return max(0.0, float(value))
        except ValueError:
            pass
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:  # RFC 9110 dates are GMT
            return None
        return max(0.0, when.timestamp() - self.clock())

    def delay_for_response(self, response: httpx.Response, attempt: int) -> float | None:
        """Seconds to wait before retrying after ``response``, or None not to retry."""
        if response.status_code not in self.retry_statuses:
            return None
        asked = self.retry_after(response)
        if asked is None:
            return self.backoff(attempt)
        return asked if asked <= self.max_retry_after else None


def _describe(request: httpx.Request) -> str:
    return f"{request.method} {request.url.copy_with(query=None)}"


class RetryTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Wraps a sync and an async transport, retrying as ``policy`` says.

    One object serves ``httpx.Client`` and ``httpx.AsyncClient`` alike, because the
    generated client passes the same ``httpx_args`` to both.
    """

    def __init__(
        self,
        policy: RetryPolicy | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        async_transport: httpx.AsyncBaseTransport | None = None,
        verify: ssl.SSLContext | str | bool = True,
        trust_env: bool = True,
    ) -> None:
        self.policy = policy or RetryPolicy()
        if transport is None or async_transport is None:
            # httpx ignores the client's ``verify`` and proxy settings once a transport is
            # given, so the default transport under the retry layer takes them over.
            default = ProxyRouter(verify=verify, proxies=None if trust_env else {})
            transport = transport or default
            async_transport = async_transport or default
        self._transport = transport
        self._async_transport = async_transport

    def _log_retry(self, request: httpx.Request, attempt: int, reason: str, delay: float) -> None:
        logger.info(
            "retrying %s after %s (attempt %d of %d) in %.2fs",
            _describe(request),
            reason,
            attempt + 1,
            self.policy.max_attempts,
            delay,
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        policy = self.policy
        if not policy.allows(request.method):
            return self._transport.handle_request(request)
        request.read()  # a streamed body must be replayable
        attempt, waited = 1, 0.0
        while True:
            try:
                response = self._transport.handle_request(request)
            except policy.retry_exceptions as exc:
                if attempt >= policy.max_attempts:
                    raise
                delay = policy.backoff(attempt)
                if waited + delay > policy.max_total_wait:
                    raise
                self._log_retry(request, attempt, type(exc).__name__, delay)
            else:
                delay_or_none = policy.delay_for_response(response, attempt) if attempt < policy.max_attempts else None
                if delay_or_none is None or waited + delay_or_none > policy.max_total_wait:
                    return response
                delay = delay_or_none
                response.close()
                self._log_retry(request, attempt, f"HTTP {response.status_code}", delay)
            policy.sleep(delay)
            waited += delay
            attempt += 1

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        policy = self.policy
        if not policy.allows(request.method):
            return await self._async_transport.handle_async_request(request)
        await request.aread()
        attempt, waited = 1, 0.0
        while True:
            try:
                response = await self._async_transport.handle_async_request(request)
            except policy.retry_exceptions as exc:
                if attempt >= policy.max_attempts:
                    raise
                delay = policy.backoff(attempt)
                if waited + delay > policy.max_total_wait:
                    raise
                self._log_retry(request, attempt, type(exc).__name__, delay)
            else:
                delay_or_none = policy.delay_for_response(response, attempt) if attempt < policy.max_attempts else None
                if delay_or_none is None or waited + delay_or_none > policy.max_total_wait:
                    return response
                delay = delay_or_none
                await response.aclose()
                self._log_retry(request, attempt, f"HTTP {response.status_code}", delay)
            await policy.async_sleep(delay)
            waited += delay
            attempt += 1

    def close(self) -> None:
        self._transport.close()

    async def aclose(self) -> None:
        await self._async_transport.aclose()

    def __repr__(self) -> str:
        return f"RetryTransport({self.policy!r})"
