"""Tokens, secret keys and security tokens never show in repr, str, logs or errors."""

from __future__ import annotations

import logging
import pickle
import traceback
from types import ModuleType

import pytest
from otc_test_server import SERVER_AK, SERVER_SK, OTCTestServer, Reply

from generator.client.runtime import AkSkAuth, Secret, TokenAuth

TOKEN = "MIIZtoken-SECRET-abcdef0123456789"
STS = "sts-SECRET-security-token-42"
SECRETS = (TOKEN, SERVER_SK, STS)


def assert_clean(text: str) -> None:
    # Compute first so a failure message cannot itself print the secret.
    leaked = [i for i, secret in enumerate(SECRETS) if secret in text]
    assert not leaked, f"secret #{leaked} leaked"


def test_auth_objects_hide_secrets() -> None:
    for auth in (TokenAuth(TOKEN, project_id="p1"), AkSkAuth(SERVER_AK, SERVER_SK, "p1", STS)):
        assert_clean(repr(auth))
        assert_clean(str(auth))
        assert_clean(f"{auth!r} {auth!s} {vars(auth)}")
    assert (
        repr(AkSkAuth("AK", SERVER_SK, "p1", STS)) == "AkSkAuth(ak='AK', sk=***, project_id='p1', security_token=***)"
    )


def test_secret_wrapper() -> None:
    secret = Secret(SERVER_SK)
    assert_clean(f"{secret} {secret!r} {secret:>40} {[secret]} { ({'k': secret}) }")
    assert secret.reveal() == SERVER_SK
    with pytest.raises(TypeError):
        pickle.dumps(secret)
    with pytest.raises(ValueError):
        Secret("")


def test_client_repr_hides_secrets(fake_otc: ModuleType) -> None:
    for auth in (fake_otc.TokenAuth(TOKEN), fake_otc.AkSkAuth(SERVER_AK, SERVER_SK, security_token=STS)):
        client = fake_otc.connect("eu-de", "p1", auth=auth)
        assert_clean(repr(client))
        assert_clean(repr(client.get_httpx_client().__dict__))
        assert_clean(repr(client.get_async_httpx_client().__dict__))


def test_logs_and_errors_hide_secrets(
    fake_otc: ModuleType,
    otc_server: OTCTestServer,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger, httpx and httpcore included
    policy = fake_otc.RetryPolicy(sleep=lambda _: None, random=lambda: 0.0)
    texts = []
    cases = [
        ("/v1/x", fake_otc.TokenAuth(TOKEN)),
        ("/signed/v1/x", fake_otc.AkSkAuth(SERVER_AK, SERVER_SK, security_token=STS)),
    ]
    for path, auth in cases:
        otc_server.plan(path, Reply(status=503, body={}), Reply(status=401, body={"error_code": "E"}))
        client = fake_otc.connect("eu-de", "p1", auth=auth, base_url=otc_server.url, retry=policy)
        with pytest.raises(fake_otc.OTCAPIError) as caught:
            client.get_httpx_client().get(path, params={"q": "v"})
        error = caught.value
        texts += [str(error), repr(error), repr(error.args), "".join(traceback.format_exception(error))]
    assert caplog.text.count("retrying GET") == 2  # the retries really were logged
    assert [s.signature_sdk for s in otc_server.seen] == [None, None, True, True]
    assert_clean(caplog.text)
    for text in texts:
        assert_clean(text)
    out, err = capsys.readouterr()
    assert_clean(out + err)
