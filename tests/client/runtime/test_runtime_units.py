"""Small pure pieces of the runtime: retry policy, endpoints, error parsing, doctests."""

from __future__ import annotations

import doctest
import importlib
import pickle

import httpx
import pytest

from generator.client.runtime import OTCAPIError, RetryPolicy, resolve_base_url
from generator.client.runtime.errors import parse_error_body

MODULES = ["auth", "cloudconfig", "endpoints", "errors", "factory", "iam", "retry", "signing"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(f"generator.client.runtime.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def response(status: int, **headers: str) -> httpx.Response:
    return httpx.Response(status, headers=headers)


def test_backoff_is_exponential_capped_and_jittered() -> None:
    policy = RetryPolicy(backoff_base=1.0, backoff_max=5.0, random=lambda: 1.0)
    assert [policy.backoff(n) for n in range(1, 6)] == [1.0, 2.0, 4.0, 5.0, 5.0]
    assert RetryPolicy(random=lambda: 0.0).backoff(3) == 0.0


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0", 0.0),
        ("2.5", 2.5),
        ("-3", 0.0),
        ("Wed, 21 Oct 2015 07:28:10 GMT", 10.0),
        ("Wed, 21 Oct 2015 07:27:00 GMT", 0.0),  # in the past
        ("soon", None),
        ("Wed, 21 Oct 2015 07:28:10", None),  # no zone: not an HTTP-date
    ],
)
def test_retry_after_parsing(value: str, expected: float | None) -> None:
    policy = RetryPolicy(clock=lambda: 1445412480.0)  # 2015-10-21 07:28:00 UTC
    assert policy.retry_after(response(503, **{"Retry-After": value})) == expected


def test_delay_for_response() -> None:
    policy = RetryPolicy(random=lambda: 1.0, max_retry_after=10)
    assert policy.delay_for_response(response(200), 1) is None
    assert policy.delay_for_response(response(404), 1) is None
    assert policy.delay_for_response(response(503), 2) == 1.0
    assert policy.delay_for_response(response(429, **{"Retry-After": "9"}), 1) == 9.0
    assert policy.delay_for_response(response(429, **{"Retry-After": "11"}), 1) is None


def test_allows_methods() -> None:
    assert all(RetryPolicy().allows(m) for m in ["GET", "get", "HEAD", "PUT", "DELETE", "OPTIONS"])
    assert not any(RetryPolicy().allows(m) for m in ["POST", "PATCH"])
    assert RetryPolicy(retry_non_idempotent=True).allows("POST")
    assert not RetryPolicy(max_attempts=1).allows("GET")
    with pytest.raises(ValueError):
        RetryPolicy(max_attempts=0)


@pytest.mark.parametrize(
    ("template", "kwargs", "expected"),
    [
        ("https://modelarts.{region}.otc.t-systems.com", {"region": "eu-de"}, "https://modelarts.eu-de.otc.t-systems.com"),
        ("https://x.{region}.example/v3/{project_id}/", {"region": "eu-nl", "project_id": "abc"}, "https://x.eu-nl.example/v3/abc"),
        ("https://x.{region}.example", {"region": "eu-de", "base_url": "https://other.example/"}, "https://other.example"),
    ],
)  # fmt: skip
def test_resolve_base_url(template: str, kwargs: dict[str, str], expected: str) -> None:
    assert resolve_base_url(template, **kwargs) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("template", "kwargs"),
    [
        ("https://x.{region}.example", {"region": "eu-de.evil.example/"}),
        ("https://x.{region}.example", {"region": "EU_DE"}),
        ("https://x.{region}.example", {"region": ""}),
        ("https://x.{zone}.example", {"region": "eu-de"}),
        ("https://x.{region}.example/{project_id}", {"region": "eu-de"}),
        ("https://x.{region}.example/{project_id}", {"region": "eu-de", "project_id": "../admin"}),
        ("https://x.{region}.example", {"region": "eu-de", "base_url": "ftp://x"}),
    ],
)
def test_resolve_base_url_rejects(template: str, kwargs: dict[str, str]) -> None:
    with pytest.raises(ValueError):
        resolve_base_url(template, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b'{"error_code": "A.1", "error_msg": "m", "request_id": "r"}', ("A.1", "m", "r")),
        (b'{"error_msg": "only message"}', (None, "only message", None)),
        # Precedence: top-level error_code/error_msg beat a nested "error" and code/message.
        (b'{"error_code": "A.1", "error_msg": "m", "error": {"code": "B"}, "code": "C"}', ("A.1", "m", None)),
        (b'{"error": {"code": "B", "message": "n"}, "code": "C", "message": "o"}', ("B", "n", None)),
        (b'{"error": {"error_code": "B", "error_msg": "n", "request_id": "q"}}', ("B", "n", "q")),
        (b'{"error": "invalid_grant"}', (None, "invalid_grant", None)),
        (b'{"code": 400, "message": "bad"}', ("400", "bad", None)),
        (b'{"something": "else"}', (None, None, None)),
        (b'{"error_code": {"nested": 1}, "error_msg": null}', (None, None, None)),
        (b"[1, 2]", (None, None, None)),
        (b"", (None, None, None)),
        (b"\xff\xfe binary", (None, "\ufffd\ufffd binary", None)),
        (b"Service Unavailable\nmore", (None, "Service Unavailable", None)),
    ],
)
def test_parse_error_body(body: bytes, expected: tuple[str | None, ...]) -> None:
    assert parse_error_body(body) == expected


def test_error_str_repr_and_pickle() -> None:
    request = httpx.Request("DELETE", "https://svc.example/v1/p/jobs/1?token=should-not-show")
    resp = httpx.Response(
        409,
        json={"error_code": "X.9", "error_msg": "busy"},
        headers={"X-Openstack-Request-Id": "req-7"},
        request=request,
    )
    error = OTCAPIError.from_response(resp)
    assert str(error) == "HTTP 409 from DELETE https://svc.example/v1/p/jobs/1: X.9: busy (request id req-7)"
    assert "should-not-show" not in str(error) + repr(error)
    clone = pickle.loads(pickle.dumps(error))
    assert (clone.status_code, clone.error_code, clone.request_id, clone.body) == (409, "X.9", "req-7", resp.content)
    bare = OTCAPIError.from_response(httpx.Response(500, content=b""))
    assert str(bare) == "HTTP 500"
