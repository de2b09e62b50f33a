"""Credentials never follow a redirect to another origin; the total retry wait is capped.

Two real local servers on 127.0.0.1 (different ports: different origins). Sleeps are recorded,
never slept.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import httpx
import pytest
from otc_test_server import SERVER_AK, SERVER_SK, OTCTestServer, Reply

TOKEN = "tok-SECRET-redirect-1234"
PROJECT = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
CREDENTIALS = ("authorization", "x-auth-token", "x-security-token", "x-sdk-date")


@pytest.fixture
def other_server() -> Iterator[OTCTestServer]:
    server = OTCTestServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


class Sleeps(list[float]):
    def sleep(self, seconds: float) -> None:
        self.append(seconds)

    async def async_sleep(self, seconds: float) -> None:
        self.append(seconds)


def connect(otc: ModuleType, server: OTCTestServer, sleeps: Sleeps, *, auth: httpx.Auth | None = None,
            retry: dict[str, Any] | None = None, **options: Any) -> Any:
    policy = otc.RetryPolicy(sleep=sleeps.sleep, async_sleep=sleeps.async_sleep, random=lambda: 1.0,
                             **(retry or {}))
    return otc.connect("eu-de", PROJECT, auth=auth or otc.TokenAuth(TOKEN), base_url=server.url, retry=policy,
                       **options)


def _credentials(server: OTCTestServer, path: str) -> list[str]:
    [seen] = [s for s in server.seen if s.path == path]
    return sorted(h for h in CREDENTIALS if h in seen.headers)


def test_token_not_sent_to_another_origin(fake_otc: ModuleType, otc_server: OTCTestServer,
                                          other_server: OTCTestServer) -> None:
    otc_server.plan("/v1/start", Reply(status=302, body={}, headers={"Location": other_server.url + "/v1/landing"}))
    client = connect(fake_otc, otc_server, Sleeps(), follow_redirects=True)
    assert client.get_httpx_client().get("/v1/start").json() == {"ok": True}
    assert _credentials(otc_server, "/v1/start") == ["x-auth-token"]
    assert _credentials(other_server, "/v1/landing") == []
    assert all(TOKEN not in v for s in other_server.seen for v in s.headers.values())


def test_aksk_signature_and_security_token_not_sent_to_another_origin(
    fake_otc: ModuleType, otc_server: OTCTestServer, other_server: OTCTestServer
) -> None:
    otc_server.plan("/signed/v1/start",
                    Reply(status=307, body={}, headers={"Location": other_server.url + "/v1/landing"}))
    auth = fake_otc.AkSkAuth(SERVER_AK, SERVER_SK, project_id=PROJECT, security_token="sts-SECRET-token")
    client = connect(fake_otc, otc_server, Sleeps(), auth=auth, follow_redirects=True)
    assert client.get_httpx_client().get("/signed/v1/start").status_code == 200
    assert _credentials(otc_server, "/signed/v1/start") == ["authorization", "x-sdk-date", "x-security-token"]
    assert _credentials(other_server, "/v1/landing") == []


def test_same_origin_redirect_keeps_credentials(fake_otc: ModuleType, otc_server: OTCTestServer) -> None:
    otc_server.plan("/v1/start", Reply(status=302, body={}, headers={"Location": otc_server.url + "/v1/moved"}))
    client = connect(fake_otc, otc_server, Sleeps(), follow_redirects=True)
    assert client.get_httpx_client().get("/v1/start").status_code == 200
    assert _credentials(otc_server, "/v1/moved") == ["x-auth-token"]


def test_redirect_not_followed_by_default(fake_otc: ModuleType, otc_server: OTCTestServer,
                                          other_server: OTCTestServer) -> None:
    otc_server.plan("/v1/start", Reply(status=302, body={}, headers={"Location": other_server.url + "/v1/landing"}))
    response = connect(fake_otc, otc_server, Sleeps()).get_httpx_client().get("/v1/start")
    assert response.status_code == 302 and other_server.seen == []


def test_async_client_strips_too(fake_otc: ModuleType, otc_server: OTCTestServer,
                                 other_server: OTCTestServer) -> None:
    otc_server.plan("/v1/start", Reply(status=302, body={}, headers={"Location": other_server.url + "/v1/landing"}))
    client = connect(fake_otc, otc_server, Sleeps(), follow_redirects=True)

    async def scenario() -> int:
        async with client:
            return (await client.get_async_httpx_client().get("/v1/start")).status_code

    assert asyncio.run(scenario()) == 200
    assert _credentials(otc_server, "/v1/start") == ["x-auth-token"]
    assert _credentials(other_server, "/v1/landing") == []


def test_retry_after_beyond_the_budget_ends_retries_with_the_typed_error(
    fake_otc: ModuleType, otc_server: OTCTestServer
) -> None:
    throttled = Reply(status=429, body={"error_code": "APIGW.0308", "error_msg": "throttled"},
                      headers={"Retry-After": "7"})
    otc_server.plan("/v1/x", throttled, throttled, throttled)
    sleeps = Sleeps()
    client = connect(fake_otc, otc_server, sleeps, retry={"max_total_wait": 10.0, "max_attempts": 5})
    with pytest.raises(fake_otc.OTCAPIError) as caught:
        client.get_httpx_client().get("/v1/x")
    assert (caught.value.status_code, caught.value.error_code) == (429, "APIGW.0308")
    # 7 s waited once; a second 7 s would make 14 s > 10 s, so the second 429 is the answer
    assert sleeps == [7.0] and otc_server.hits("/v1/x") == 2


def test_backoffs_adding_up_beyond_the_budget_raise_the_transport_error(
    fake_otc: ModuleType, otc_server: OTCTestServer
) -> None:
    otc_server.plan("/v1/x", *[Reply(kind="drop")] * 6)
    sleeps = Sleeps()
    client = connect(fake_otc, otc_server, sleeps, retry={"max_total_wait": 2.0, "max_attempts": 6})
    with pytest.raises(httpx.TransportError):
        client.get_httpx_client().get("/v1/x")
    # full backoffs 0.5 + 1.0 fit in 2 s; the next (2.0) would not
    assert sleeps == [0.5, 1.0] and otc_server.hits("/v1/x") == 3


def test_async_retry_budget(fake_otc: ModuleType, otc_server: OTCTestServer) -> None:
    otc_server.plan("/v1/x", *[Reply(status=503, body={}, headers={"Retry-After": "4"})] * 3)
    sleeps = Sleeps()
    client = connect(fake_otc, otc_server, sleeps, retry={"max_total_wait": 9.0, "max_attempts": 5})

    async def scenario() -> int:
        async with client:
            try:
                await client.get_async_httpx_client().get("/v1/x")
            except fake_otc.OTCAPIError as exc:
                return int(exc.status_code)
        return 0

    assert asyncio.run(scenario()) == 503
    assert sleeps == [4.0, 4.0] and otc_server.hits("/v1/x") == 3


def test_negative_budget_refused(fake_otc: ModuleType) -> None:
    with pytest.raises(ValueError, match="max_total_wait"):
        fake_otc.RetryPolicy(max_total_wait=-1)
