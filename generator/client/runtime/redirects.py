"""Credentials never follow a redirect to another origin.

httpx follows redirects inside one ``send`` and only drops ``Authorization`` when the origin
changes (and keeps it on an http -> https upgrade). OTC credentials also travel as
``X-Auth-Token`` (IAM token), ``X-Security-Token`` (temporary AK/SK) and ``X-Sdk-Date`` (part
of the signature), so a redirect to another host would hand them over. This request hook pins the
origin of the first request of a ``send`` in ``request.extensions`` (which httpx carries over to
each redirect request) and strips every credential header from a request to any other origin.

Example:
    >>> import httpx
    >>> hook = StripForeignCredentials()
    >>> first = httpx.Request("GET", "https://a.example/x", headers={"X-Auth-Token": "t"})
    >>> _ = hook(first)
    >>> moved = httpx.Request("GET", "https://b.example/x", headers=first.headers, extensions=first.extensions)
    >>> _ = hook(moved)
    >>> "X-Auth-Token" in moved.headers, "X-Auth-Token" in first.headers
    (False, True)
"""

from __future__ import annotations

from collections.abc import Awaitable, Generator
from typing import Any

import httpx

__all__ = ["CREDENTIAL_HEADERS", "StripForeignCredentials"]

CREDENTIAL_HEADERS = ("Authorization", "Proxy-Authorization", "X-Auth-Token", "X-Security-Token", "X-Sdk-Date")
_ORIGIN = "otc_credential_origin"
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    return url.scheme, url.host, url.port or _DEFAULT_PORTS.get(url.scheme)


class _Done:
    def __await__(self) -> Generator[Any, None, None]:
        yield from ()


class StripForeignCredentials:
    """A request event hook serving ``httpx.Client`` and ``httpx.AsyncClient`` alike."""

    def __call__(self, request: httpx.Request) -> Awaitable[None]:
        pinned = request.extensions.setdefault(_ORIGIN, _origin(request.url))
        if pinned != _origin(request.url):
            for name in CREDENTIAL_HEADERS:
                request.headers.pop(name, None)
        return _Done()

    def __repr__(self) -> str:
        return "StripForeignCredentials()"
