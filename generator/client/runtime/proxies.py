"""The transport under the retry layer: direct, or through the environment's proxy.

httpx stops reading ``HTTP(S)_PROXY`` / ``ALL_PROXY`` / ``NO_PROXY`` as soon as a client is
given its own transport, which the retry layer is; without this, clients behind a
corporate proxy would silently try to connect directly.

Example:
    >>> router = ProxyRouter(proxies={"https": "http://proxy.example:3128", "no": "localhost"})
    >>> router.proxy_for(httpx.URL("https://ecs.eu-de.otc.t-systems.com/"))
    'http://proxy.example:3128'
    >>> router.proxy_for(httpx.URL("https://localhost:8443/")) is None
    True
    >>> _bypassed("obs.eu-de.otc.t-systems.com", "example.org, .otc.t-systems.com")
    True
"""

from __future__ import annotations

import ssl
import urllib.request
from collections.abc import Mapping

import httpx

__all__ = ["ProxyRouter"]


def _bypassed(host: str, no_proxy: str) -> bool:
    """Whether ``NO_PROXY`` covers ``host``: ``*``, the host itself, or a parent domain."""
    for entry in no_proxy.split(","):
        domain = entry.strip().lower().lstrip(".")
        if domain == "*" or (domain and (host == domain or host.endswith("." + domain))):
            return True
    return False


class ProxyRouter(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Sends each request directly or via the proxy the environment names for its scheme.

    ``proxies`` maps ``http`` / ``https`` / ``all`` to proxy URLs and ``no`` to the
    ``NO_PROXY`` list; by default it is read from the environment, as httpx would.
    """

    def __init__(
        self,
        *,
        verify: ssl.SSLContext | str | bool = True,
        proxies: Mapping[str, str] | None = None,
    ) -> None:
        self._proxies = dict(urllib.request.getproxies() if proxies is None else proxies)
        # One TLS context for all (loading CA files is the slow part of building a transport),
        # honouring SSL_CERT_FILE / SSL_CERT_DIR as httpx's default transport would.
        context = verify if isinstance(verify, ssl.SSLContext) else httpx.create_ssl_context(verify=verify)
        # Built up front (pools connect lazily), so no lock is needed when threads share us.
        targets = {None} | {url for key, url in self._proxies.items() if key != "no" and url}
        self._sync = {
            url: httpx.HTTPTransport(verify=context, proxy=httpx.Proxy(url) if url else None) for url in targets
        }
        self._async = {
            url: httpx.AsyncHTTPTransport(verify=context, proxy=httpx.Proxy(url) if url else None) for url in targets
        }

    def proxy_for(self, url: httpx.URL) -> str | None:
        """The proxy URL to use for ``url``, or None to connect directly."""
        proxy = self._proxies.get(url.scheme) or self._proxies.get("all")
        if not proxy:
            return None
        if _bypassed(url.host.lower(), self._proxies.get("no", "")):
            return None
        return proxy

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self._sync[self.proxy_for(request.url)].handle_request(request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self._async[self.proxy_for(request.url)].handle_async_request(request)

    def close(self) -> None:
        for transport in self._sync.values():
            transport.close()

    async def aclose(self) -> None:
        for transport in self._async.values():
            await transport.aclose()

    def __repr__(self) -> str:
        # Proxy URLs may embed credentials (http://user:pass@proxy): show the keys only.
        return f"ProxyRouter(proxies={sorted(k for k in self._proxies if k != 'no')})"
