"""The runtime against a real local HTTP server: retries, errors, timeouts, AK/SK verification.

Clients come from the rendered ``otc.py`` template over the real openapi-python-client
``Client`` class (see conftest). Sleeps are recorded, never slept.
"""

from __future__ import annotations

import asyncio
import json
import socket
from datetime import UTC, datetime
from email.utils import format_datetime
from types import ModuleType
from typing import Any

import httpx
import pytest
from otc_test_server import SERVER_AK, SERVER_SK, OTCTestServer, Reply

TOKEN = "tok-SECRET-9f8e7d6c5b4a"
PROJECT = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
FIXED_NOW = 1_700_000_000.0


class Recorder:
    def __init__(self, otc: ModuleType) -> None:
        self.otc = otc
        self.sleeps: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)

    async def async_sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)

    def policy(self, **overrides: Any) -> Any:
        return self.otc.RetryPolicy(
            sleep=self.sleep,
            async_sleep=self.async_sleep,
            random=lambda: 0.5,
            clock=lambda: FIXED_NOW,
            **overrides,
        )


@pytest.fixture
def rec(fake_otc: ModuleType) -> Recorder:
    return Recorder(fake_otc)


def connect(
    otc: ModuleType, server: OTCTestServer, rec: Recorder, *, auth: httpx.Auth | None = None, **options: Any
) -> Any:
    options.setdefault("retry", rec.policy())
    return otc.connect("eu-de", PROJECT, auth=auth or otc.TokenAuth(TOKEN), base_url=server.url, **options)


def test_get_retried_on_5xx_until_success(fake_otc: ModuleType, otc_server: OTCTestServer, rec: Recorder) -> None:
    otc_server.plan("/v1/jobs", Reply(status=503, body={}), Reply(status=500, body={}))
    with connect(fake_otc, otc_server, rec) as client:
        response = client.get_httpx_client().get("/v1/jobs")
    assert response.status_code == 200
    assert otc_server.hits("/v1/jobs") == 3
    assert rec.sleeps == [0.25, 0.5]  # full jitter at random()=0.5 over 0.5 s, 1 s


def test_get_gives_up_after_max_attempts(fake_otc: ModuleType, otc_server: OTCTestServer, rec: Recorder) -> None:
    error_body = {"error_code": "ModelArts.0001", "error_msg": "Internal error"}
    otc_server.plan("/v1/jobs", *[Reply(status=502, body=error_body, headers={"X-Request-Id": "rid-1"})] * 5)
    client = connect(fake_otc, otc_server, rec, retry=rec.policy(max_attempts=3))
    with pytest.raises(fake_otc.OTCAPIError) as caught:
        client.get_httpx_client().get("/v1/jobs")
    assert otc_server.hits("/v1/jobs") == 3
    error = caught.value
    assert (error.status_code, error.error_code, error.error_message, error.request_id) == (
        502,
        "ModelArts.0001",
        "Internal error",
        "rid-1",
    )
    assert error.method == "GET" and error.url.endswith("/v1/jobs")


@pytest.mark.parametrize("method", ["POST", "PATCH"])
def test_non_idempotent_not_retried(
    fake_otc: ModuleType, otc_server: OTCTestServer, rec: Recorder, method: str
) -> None:
    otc_server.plan("/v1/jobs", Reply(status=503, body={"code": "X.1", "message": "busy"}))
    client = connect(fake_otc, otc_server, rec)
    with pytest.raises(fake_otc.OTCAPIError) as caught:
        client.get_httpx_client().request(method, "/v1/jobs", json={"a": 1})
    assert otc_server.hits("/v1/jobs") == 1
    assert rec.sleeps == []
    assert (caught.value.error_code, caught.value.error_message) == ("X.1", "busy")


def test_post_retried_when_opted_in(fake_otc: ModuleType, otc_server: OTCTestServer, rec: Recorder) -> None:
    otc_server.plan("/v1/jobs", Reply(status=503, body={}))
    client = connect(fake_otc, otc_server, rec, retry=rec.policy(retry_non_idempotent=True))
    assert client.get_httpx_client().post("/v1/jobs", json={"a": 1}).status_code == 200
    assert otc_server.hits("/v1/jobs") == 2
    assert [json.loads(s.body) for s in otc_server.seen] == [{"a": 1}] * 2  # the body is replayed


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409])
def test_4xx_not_retried(fake_otc: ModuleType, otc_server: OTCTestServer, rec: Recorder, status: int) -> None:
    otc_server.plan("/v1/x", Reply(status=status, body={"error_code": "E", "error_msg": "no"}))
    with pytest.raises(fake_otc.OTCAPIError):
        connect(fake_otc, otc_server, rec).get_httpx_client().delete("/v1/x")
    assert otc_server.hits("/v1/x") == 1


def test_429_retry_after_seconds(fake_otc: ModuleType, otc_server: OTCTestServer, rec: Recorder) -> None:
    otc_server.plan("/v1/x", Reply(status=429, body={}, headers={"Retry-After": "7"}))
    assert connect(fake_otc, otc_server, rec).get_httpx_client().get("/v1/x").status_code == 200
    assert otc_server.hits("/v1/x") == 2
    assert rec.sleeps == [7.0]


def test_429_retry_after_http_date(fake_otc: ModuleType, otc_server: OTCTestServer, rec: Recorder) -> None:
    when = format_datetime(datetime.fromtimestamp(FIXED_NOW + 12, UTC), usegmt=True)
    otc_server.plan("/v1/x", Reply(status=429, body={}, headers={"Retry-After": when}))
    assert connect(fake_otc, otc_server, rec).get_httpx_client().put("/v1/x").status_code == 200
    assert rec.sleeps == [12.0]


def test_retry_after_too_long_is_not_waited_for(fake_otc: ModuleType, otc_server: OTCTestServer, rec: Recorder) -> None:
    otc_server.plan(
        "/v1/x",
        Reply(
            status=429,
            body={"error_code": "APIGW.0308", "error_msg": "throttled"},
            headers={"Retry-After": "3600"},
        ),
    )
    with pytest.raises(fake_otc.OTCAPIError) as caught:
        connect(fake_otc, otc_server, rec).get_httpx_client().get("/v1/x")
    assert caught.value.status_code == 429 and caught.value.error_code == "APIGW.0308"
    assert otc_server.hits("/v1/x") == 1 and rec.sleeps == []


def test_dropped_connection_retried_for_get_only(
    fake_otc: ModuleType, otc_server: OTCTestServer, rec: Recorder
) -> None:
    otc_server.plan("/v1/get", Reply(kind="drop"))
    otc_server.plan("/v1/post", Reply(kind="drop"))
    client = connect(fake_otc, otc_server, rec)
    assert client.get_httpx_client().get("/v1/get").status_code == 200
    assert otc_server.hits("/v1/get") == 2
    with pytest.raises(httpx.RemoteProtocolError):
        client.get_httpx_client().post("/v1/post")
    assert otc_server.hits("/v1/post") == 1


def test_slow_response_times_out_and_get_is_retried(
    fake_otc: ModuleType, otc_server: OTCTestServer, rec: Recorder
) -> None:
    otc_server.plan("/v1/slow", Reply(kind="slow", delay=5.0, body={}), Reply(kind="slow", delay=5.0, body={}))
    client = connect(fake_otc, otc_server, rec, timeout=0.2)
    assert client.get_httpx_client().get("/v1/slow").status_code == 200
    assert otc_server.hits("/v1/slow") == 3

    otc_server.plan("/v1/slow-post", Reply(kind="slow", delay=5.0, body={}))
    with pytest.raises(httpx.ReadTimeout):
        client.get_httpx_client().post("/v1/slow-post")
    assert otc_server.hits("/v1/slow-post") == 1


def test_connection_refused_is_retried_then_raised(fake_otc: ModuleType, rec: Recorder) -> None:
    with socket.socket() as sock:  # a port that was free a moment ago and now refuses
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    client = fake_otc.connect(
        "eu-de", auth=fake_otc.TokenAuth(TOKEN), base_url=f"http://127.0.0.1:{port}", retry=rec.policy()
    )
    with pytest.raises(httpx.ConnectError):
        client.get_httpx_client().get("/v1/x")
    assert len(rec.sleeps) == 3  # 4 attempts


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        (
            Reply(
                status=400,
                body={"error_code": "ModelArts.0104", "error_msg": "bad", "request_id": "body-rid"},
            ),
            ("ModelArts.0104", "bad", "body-rid"),
        ),
        (
            Reply(status=401, body={"error": {"code": 401, "message": "auth needed", "title": "Unauthorized"}}),
            ("401", "auth needed", "hdr-rid"),
        ),
        (
            Reply(status=403, body={"error": {"error_code": "IAM.0002", "error_msg": "denied"}}),
            ("IAM.0002", "denied", "hdr-rid"),
        ),
        (Reply(status=404, body={"code": "DLS.1", "message": "gone"}), ("DLS.1", "gone", "hdr-rid")),
        (Reply(status=409, body=["not", "an", "object"]), (None, None, "hdr-rid")),
        (
            Reply(kind="raw", status=400, body=b"<html><h1>400 Bad Request</h1></html>"),
            (None, "<html><h1>400 Bad Request</h1></html>", "hdr-rid"),
        ),
        (
            Reply(kind="raw", status=422, body=b'{"error_code": "X.1", "error_m'),
            (None, '{"error_code": "X.1", "error_m', "hdr-rid"),
        ),
    ],
)
def test_error_bodies_become_otcapierror(
    fake_otc: ModuleType, otc_server: OTCTestServer, rec: Recorder, reply: Reply, expected: tuple[Any, ...]
) -> None:
    headers = (
        {}
        if reply.body and isinstance(reply.body, dict) and "request_id" in reply.body
        else {"X-Openstack-Request-Id": "hdr-rid"}
    )
    otc_server.plan("/v1/e", Reply(reply.kind, reply.status, reply.body, headers))
    with pytest.raises(fake_otc.OTCAPIError) as caught:
        connect(fake_otc, otc_server, rec).get_httpx_client().get("/v1/e")
    error = caught.value
    assert (error.error_code, error.error_message, error.request_id) == expected
    assert error.status_code == reply.status
    if reply.kind == "raw":
        assert error.body == reply.body
    else:
        assert json.loads(error.body) == reply.body


def test_malformed_json_5xx_still_typed_after_retries(
    fake_otc: ModuleType, otc_server: OTCTestServer, rec: Recorder
) -> None:
    otc_server.plan("/v1/m", *[Reply(kind="raw", status=500, body=b'{"error_code": ')] * 4)
    with pytest.raises(fake_otc.OTCAPIError) as caught:
        connect(fake_otc, otc_server, rec).get_httpx_client().get("/v1/m")
    assert caught.value.status_code == 500 and caught.value.body == b'{"error_code": '
    assert otc_server.hits("/v1/m") == 4


def test_raise_for_error_off_returns_response(fake_otc: ModuleType, otc_server: OTCTestServer, rec: Recorder) -> None:
    otc_server.plan("/v1/e", Reply(status=404, body={"error_code": "E", "error_msg": "no"}))
    response = connect(fake_otc, otc_server, rec, raise_for_error=False).get_httpx_client().get("/v1/e")
    assert response.status_code == 404


def test_default_timeout_is_30s_and_never_none(fake_otc: ModuleType, otc_server: OTCTestServer, rec: Recorder) -> None:
    client = connect(fake_otc, otc_server, rec)
    assert client.get_httpx_client().timeout == httpx.Timeout(30.0)
    with pytest.raises(ValueError):
        connect(fake_otc, otc_server, rec, timeout=None)


def test_token_and_project_headers_sent(fake_otc: ModuleType, otc_server: OTCTestServer, rec: Recorder) -> None:
    connect(fake_otc, otc_server, rec).get_httpx_client().get("/v1/h")
    seen = otc_server.seen[-1].headers
    assert seen["x-auth-token"] == TOKEN
    assert seen["x-project-id"] == PROJECT
    assert "authorization" not in seen


AKSK_REQUESTS: list[tuple[str, str, dict[str, Any]]] = [
    ("GET", "/signed/v1/jobs", {"params": [("limit", "10"), ("offset", "0"), ("sort_by", "create_time")]}),
    (
        "GET",
        "/signed/v1/a%20b/%E6%97%A5%2Fx",
        {"params": [("tag", "b"), ("tag", "a"), ("empty", ""), ("ä", "ö ü+")]},
    ),
    ("POST", "/signed/v1/jobs", {"json": {"name": "job-ä", "spec": {"n": 1}}}),
    ("PUT", "/signed/v1/jobs/1", {"json": {"description": "x"}, "headers": {"X-Language": "en-us"}}),
    (
        "PATCH",
        "/signed/v1/jobs/1",
        {"content": b"\x00\x01\xffbinary", "headers": {"Content-Type": "application/octet-stream"}},
    ),
    ("DELETE", "/signed/v1/jobs/1", {"headers": {"X_Underscored": "not signed"}}),
    ("HEAD", "/signed/v1/jobs", {}),
    ("OPTIONS", "/signed/v1/jobs", {}),
]


@pytest.mark.parametrize(("method", "path", "kwargs"), AKSK_REQUESTS)
def test_aksk_requests_verify_on_server(
    fake_otc: ModuleType,
    otc_server: OTCTestServer,
    rec: Recorder,
    method: str,
    path: str,
    kwargs: dict[str, Any],
) -> None:
    auth = fake_otc.AkSkAuth(SERVER_AK, SERVER_SK, project_id=PROJECT, security_token="sts-SECRET-token")
    client = connect(fake_otc, otc_server, rec, auth=auth)
    response = client.get_httpx_client().request(method, path, **kwargs)
    assert response.status_code == 200
    seen = otc_server.seen[-1]
    assert seen.signature_ours is True and seen.signature_sdk is True
    assert "x-auth-token" not in seen.headers  # the AuthenticatedClient placeholder is dropped
    assert seen.headers["x-project-id"] == PROJECT
    assert seen.headers["x-security-token"] == "sts-SECRET-token"


def test_aksk_wrong_secret_fails_on_server(fake_otc: ModuleType, otc_server: OTCTestServer, rec: Recorder) -> None:
    client = connect(fake_otc, otc_server, rec, auth=fake_otc.AkSkAuth(SERVER_AK, "wrong-SECRET"))
    with pytest.raises(fake_otc.OTCAPIError) as caught:
        client.get_httpx_client().get("/signed/v1/jobs")
    assert caught.value.status_code == 401 and caught.value.error_code == "APIGW.0301"
    assert otc_server.seen[-1].signature_ours is False and otc_server.seen[-1].signature_sdk is False


def test_aksk_retry_resends_a_valid_signature(fake_otc: ModuleType, otc_server: OTCTestServer, rec: Recorder) -> None:
    otc_server.plan("/signed/v1/r", Reply(status=503, body={}))
    client = connect(fake_otc, otc_server, rec, auth=fake_otc.AkSkAuth(SERVER_AK, SERVER_SK))
    assert client.get_httpx_client().get("/signed/v1/r", params={"q": "1"}).json() == {"verified": True}
    assert [s.signature_sdk for s in otc_server.seen] == [True, True]


def test_async_client_retries_and_raises(fake_otc: ModuleType, otc_server: OTCTestServer, rec: Recorder) -> None:
    otc_server.plan("/signed/v1/a", Reply(status=503, body={}))
    otc_server.plan("/v1/b", Reply(status=404, body={"error_code": "E.404", "error_msg": "missing"}))
    otc_server.plan("/v1/c", Reply(status=503, body={}))
    client = connect(fake_otc, otc_server, rec, auth=fake_otc.AkSkAuth(SERVER_AK, SERVER_SK))

    async def scenario() -> tuple[int, list[Any]]:
        errors = []
        async with client:
            first = await client.get_async_httpx_client().get("/signed/v1/a")
            for method, path in [("GET", "/v1/b"), ("POST", "/v1/c")]:
                try:
                    await client.get_async_httpx_client().request(method, path, json={})
                except fake_otc.OTCAPIError as exc:
                    errors.append(exc)
        return first.status_code, errors

    status, errors = asyncio.run(scenario())
    assert status == 200 and [s.signature_sdk for s in otc_server.seen[:2]] == [True, True]
    assert [(e.status_code, e.error_code) for e in errors] == [(404, "E.404"), (503, None)]
    # GET retried once after the 503; the 404 and the POST's 503 were not retried.
    assert otc_server.hits("/signed/v1/a") == 2 and otc_server.hits("/v1/b") == 1 and otc_server.hits("/v1/c") == 1
    assert rec.sleeps == [0.25]


def test_foreign_auth_gets_no_placeholder_header(
    fake_otc: ModuleType, otc_server: OTCTestServer, rec: Recorder
) -> None:
    client = connect(fake_otc, otc_server, rec, auth=httpx.BasicAuth("user", "pw"))
    client.get_httpx_client().get("/v1/basic")

    async def run() -> None:
        async with client:
            await client.get_async_httpx_client().get("/v1/basic")

    asyncio.run(run())
    for seen in otc_server.seen:
        assert seen.headers["authorization"].startswith("Basic ")
        assert "x-auth-token" not in seen.headers


def test_project_id_on_token_auth(fake_otc: ModuleType, otc_server: OTCTestServer, rec: Recorder) -> None:
    client = fake_otc.connect(
        "eu-de", auth=fake_otc.TokenAuth(TOKEN, project_id="proj-7"), base_url=otc_server.url, retry=rec.policy()
    )
    client.get_httpx_client().get("/v1/p")
    assert otc_server.seen[-1].headers["x-project-id"] == "proj-7"


def test_caller_event_hooks_kept_and_see_errors(fake_otc: ModuleType, otc_server: OTCTestServer, rec: Recorder) -> None:
    statuses: list[int] = []
    otc_server.plan("/v1/hook", Reply(status=404, body={"error_code": "E", "error_msg": "no"}))
    client = connect(
        fake_otc, otc_server, rec, httpx_args={"event_hooks": {"response": [lambda r: statuses.append(r.status_code)]}}
    )
    with pytest.raises(fake_otc.OTCAPIError):
        client.get_httpx_client().get("/v1/hook")
    assert statuses == [404]
    with pytest.raises(ValueError, match="transport"):
        connect(fake_otc, otc_server, rec, httpx_args={"transport": httpx.HTTPTransport()})


def test_environment_proxy_is_used_under_the_retry_layer(
    fake_otc: ModuleType, otc_server: OTCTestServer, rec: Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """httpx drops env proxies once a transport is given; the runtime must not."""
    monkeypatch.setenv("HTTP_PROXY", otc_server.url)  # the test server plays the proxy
    target = "http://otc.invalid/v1/p"  # never resolved: only the "proxy" sees the name
    otc_server.plan(target, Reply(status=503, body={}))
    client = fake_otc.connect(
        "eu-de", auth=fake_otc.TokenAuth(TOKEN), base_url="http://otc.invalid", retry=rec.policy()
    )
    assert client.get_httpx_client().get("/v1/p").status_code == 200
    assert otc_server.hits(target) == 2  # proxied (absolute-form request line) and retried

    # NO_PROXY: straight to the address, here a loopback port that refuses connections.
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("NO_PROXY", "localhost,127.0.0.1")
    client = fake_otc.connect(
        "eu-de", auth=fake_otc.TokenAuth(TOKEN), base_url=f"http://127.0.0.1:{port}", retry=rec.policy()
    )
    with pytest.raises(httpx.ConnectError):
        client.get_httpx_client().get("/v1/p")
    assert len(otc_server.seen) == 2
