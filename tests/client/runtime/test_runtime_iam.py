"""A password yields an IAM token: fetched once, refreshed before expiry and after a 401, one fetch
under concurrency (threads and asyncio tasks), never shown. Against the fake IAM in fake_iam.py."""

from __future__ import annotations

import asyncio
import logging
import threading
from types import ModuleType
from typing import Any

import httpx
import pytest
from fake_iam import IAM_URL, PASSWORD, PROJECT_ID, FakeIAM

from generator.client.runtime import PasswordAuth


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def password_auth(clock: Clock | None = None, cls: type[PasswordAuth] = PasswordAuth, **extra: Any) -> PasswordAuth:
    """A PasswordAuth; ``cls`` is the fake client's own vendored class where the client is used."""
    options: dict[str, Any] = {"auth_url": IAM_URL, "username": "alice", "password": PASSWORD,
                               "user_domain_name": "OTC-1", "project_id": PROJECT_ID, **extra}
    if clock is not None:
        options["clock"] = clock
    return cls(**options)


def connect(fake_otc: ModuleType, iam: FakeIAM, auth: PasswordAuth, **options: Any) -> Any:
    return fake_otc.connect(auth=auth, base_url="https://svc.example", **iam.transports(), **options)


def test_token_fetched_once_for_many_calls(fake_otc: ModuleType) -> None:
    iam = FakeIAM()
    client = connect(fake_otc, iam, password_auth(cls=fake_otc.PasswordAuth))
    http = client.get_httpx_client()
    assert [http.get(f"/v1/{PROJECT_ID}/x{i}").json()["token"] for i in range(5)] == ["tok-1"] * 5
    assert len(iam.token_requests) == 1
    assert iam.token_requests[0]["auth"]["scope"] == {"project": {"id": PROJECT_ID}}
    assert all(c.headers["X-Auth-Token"] == "tok-1" for c in iam.calls)
    # The token request carried no service header and the call no placeholder.
    assert all("X-Project-Id" not in c.headers or c.headers["X-Project-Id"] == PROJECT_ID for c in iam.calls)


def test_token_refreshed_before_it_expires(fake_otc: ModuleType) -> None:
    clock, iam = Clock(), FakeIAM(lifetime=3600)
    http = connect(fake_otc, iam, password_auth(clock, fake_otc.PasswordAuth)).get_httpx_client()
    assert http.get("/a").json()["token"] == "tok-1"
    clock.now += 3600 - 301  # still more than the 5-minute margin left
    assert http.get("/a").json()["token"] == "tok-1"
    clock.now += 2  # inside the margin: a new token before the old one expires
    assert http.get("/a").json()["token"] == "tok-2"
    assert len(iam.token_requests) == 2


def test_short_lived_token_is_not_refetched_on_every_call(fake_otc: ModuleType) -> None:
    clock, iam = Clock(), FakeIAM(lifetime=60)  # shorter than the margin: refreshed at half its life
    http = connect(fake_otc, iam, password_auth(clock, fake_otc.PasswordAuth)).get_httpx_client()
    http.get("/a")
    clock.now += 29
    http.get("/a")
    assert len(iam.token_requests) == 1
    clock.now += 2
    http.get("/a")
    assert len(iam.token_requests) == 2


def test_token_refreshed_after_a_401_once(fake_otc: ModuleType) -> None:
    iam = FakeIAM()
    client = connect(fake_otc, iam, password_auth(cls=fake_otc.PasswordAuth))
    http = client.get_httpx_client()
    assert http.get("/a").json()["token"] == "tok-1"
    iam.revoke()  # e.g. the password was changed, or IAM restarted
    response = http.post("/b", json={"k": "v"})
    assert response.json()["token"] == "tok-2"
    assert [c.headers["X-Auth-Token"] for c in iam.calls] == ["tok-1", "tok-1", "tok-2"]
    assert iam.calls[-1].content == b'{"k":"v"}'  # the call was sent again with its body
    # A 401 with a fresh token is the caller's problem: one retry only, then the typed error.
    iam.valid.clear()
    iam.password = "changed"
    with pytest.raises(fake_otc.OTCAPIError) as caught:
        http.get("/c")
    assert caught.value.status_code == 401 and caught.value.url == f"{IAM_URL}/auth/tokens"


def test_401_retry_without_error_hook(fake_otc: ModuleType) -> None:
    iam = FakeIAM()
    http = connect(fake_otc, iam, password_auth(cls=fake_otc.PasswordAuth), raise_for_error=False).get_httpx_client()
    http.get("/a")
    iam.revoke()
    assert http.get("/a").status_code == 200
    iam.revoke()
    iam.valid.add("never")
    iam.password = "changed"
    with pytest.raises(fake_otc.OTCAPIError):  # IAM's own refusal still raises: no token, no call
        http.get("/a")


def test_one_fetch_for_eight_threads(fake_otc: ModuleType) -> None:
    iam = FakeIAM(token_delay=0.2)
    http = connect(fake_otc, iam, password_auth(cls=fake_otc.PasswordAuth)).get_httpx_client()
    barrier = threading.Barrier(8)
    tokens: list[str] = []

    def call() -> None:
        barrier.wait()
        tokens.append(http.get("/t").json()["token"])

    threads = [threading.Thread(target=call) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert tokens == ["tok-1"] * 8
    assert len(iam.token_requests) == 1


def test_one_fetch_for_eight_tasks_and_across_event_loops(fake_otc: ModuleType) -> None:
    iam = FakeIAM(token_delay=0.2)
    auth = password_auth(cls=fake_otc.PasswordAuth)
    client = connect(fake_otc, iam, auth)

    async def main() -> list[str]:
        http = client.get_async_httpx_client()
        responses = await asyncio.gather(*(http.get("/t") for _ in range(8)))
        return [r.json()["token"] for r in responses]

    assert asyncio.run(main()) == ["tok-1"] * 8
    assert len(iam.token_requests) == 1
    # A second event loop (a new asyncio.run) gets its own lock; the cached token still serves.
    iam.revoke()
    client2 = connect(fake_otc, iam, auth)

    async def again() -> list[str]:
        http = client2.get_async_httpx_client()
        return [r.json()["token"] for r in await asyncio.gather(*(http.get("/t") for _ in range(8)))]

    assert asyncio.run(again()) == ["tok-2"] * 8
    assert len(iam.token_requests) == 2


def test_async_flow_never_touches_the_sync_transport(fake_otc: ModuleType) -> None:
    iam = FakeIAM()

    def refuse(request: httpx.Request) -> httpx.Response:
        raise AssertionError("a blocking call inside the event loop")

    client = fake_otc.connect(auth=password_auth(cls=fake_otc.PasswordAuth), base_url="https://svc.example",
                              transport=httpx.MockTransport(refuse),
                              async_transport=httpx.MockTransport(iam.async_handler))

    async def main() -> str:
        response = await client.get_async_httpx_client().get("/t")
        return str(response.json()["token"])

    assert asyncio.run(main()) == "tok-1"


def test_scopes_and_user_forms() -> None:
    by_name = password_auth(project_id=None, project_name="eu-de_x", project_domain_name="OTC-1")
    assert by_name._body()["auth"]["scope"] == {"project": {"name": "eu-de_x", "domain": {"name": "OTC-1"}}}
    domain = password_auth(project_id=None)
    assert domain._body()["auth"]["scope"] == {"domain": {"name": "OTC-1"}}
    by_id = PasswordAuth(auth_url="https://iam.example/", user_id="u-1", password="p")
    assert by_id._body() == {"auth": {"identity": {"methods": ["password"], "password": {
        "user": {"password": "p", "id": "u-1"}}}}}
    assert str(by_id.token_request().url) == "https://iam.example/v3/auth/tokens?nocatalog=true"
    with pytest.raises(ValueError, match="user_domain"):
        PasswordAuth(auth_url=IAM_URL, username="u", password="p")


def test_token_and_password_never_shown(fake_otc: ModuleType, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    iam = FakeIAM()
    auth = password_auth(cls=fake_otc.PasswordAuth)
    client = connect(fake_otc, iam, auth)
    client.get_httpx_client().get("/a")
    iam.revoke()
    client.get_httpx_client().get("/a")
    texts = [repr(auth), str(auth), repr(client), caplog.text, repr(vars(auth))]
    assert repr(auth) == f"PasswordAuth(auth_url='{IAM_URL}', user='alice', project='{PROJECT_ID}', token=***)"
    for text in texts:
        assert PASSWORD not in text and "tok-1" not in text and "tok-2" not in text
