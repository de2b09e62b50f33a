"""The real generated ModelArts client, through its ``otc.connect()``, against the local server.

Operations and example payloads come from the client's own conformance data, so the test
follows the generated package as it changes. Skipped when the package is not generated.
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from otc_test_server import SERVER_AK, SERVER_SK, OTCTestServer, Reply

CLIENT_ROOT = Path(__file__).resolve().parents[3] / "generated" / "modelarts"
PACKAGE = "otc_modelarts_client"
PROJECT = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"



@pytest.fixture(scope="module")
def modelarts() -> Iterator[ModuleType]:
    sys.path.insert(0, str(CLIENT_ROOT))
    try:
        yield importlib.import_module(f"{PACKAGE}.otc")
    finally:
        sys.path.remove(str(CLIENT_ROOT))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
            del sys.modules[name]


def example_operation() -> dict[str, Any]:
    """The first documented operation whose parameters are all in the path, with a 200 example."""
    data = json.loads((CLIENT_ROOT / "tests" / "conformance_data.json").read_text(encoding="utf-8"))
    for op in data["operations"]:
        ok = [r for r in op["responses"] if r["status"] == 200 and isinstance(r.get("body"), dict)]
        if ok and all(p["in"] == "path" for p in op["params"]):
            return dict(op, example=ok[0]["body"])
    # the bundled ModelArts page (UpdateNotebook) always provides one: its absence is a regression
    pytest.fail("no operation with only path parameters and a 200 example")


def call(modelarts: ModuleType, op: dict[str, Any], client: Any) -> Any:
    module = importlib.import_module(f"{PACKAGE}.api.{op['tag_module']}.{op['module']}")
    kwargs: dict[str, Any] = {p["python_name"]: p["value"] for p in op["params"]}
    kwargs["project_id"] = PROJECT
    request = op.get("request") or {}
    if request.get("schema") and isinstance(request.get("body"), dict):
        models = importlib.import_module(f"{PACKAGE}.models")
        kwargs["body"] = getattr(models, request["schema"]).from_dict(request["body"])
    return module.sync_detailed(client=client, **kwargs)


def served_path(op: dict[str, Any], prefix: str = "/signed") -> str:
    path = prefix + op["path"]
    for p in op["params"]:
        path = path.replace("{" + p["name"] + "}", PROJECT if p["name"] == "project_id" else p["value"])
    return path


def test_generated_operation_signed_and_parsed(modelarts: ModuleType, otc_server: OTCTestServer) -> None:
    op = example_operation()
    path = served_path(op)
    otc_server.plan(path, Reply(status=503, body={}), Reply(body=op["example"]))
    policy = modelarts.RetryPolicy(sleep=lambda _: None, retry_non_idempotent=True)
    auth = modelarts.AkSkAuth(SERVER_AK, SERVER_SK, project_id=PROJECT)
    with modelarts.connect("eu-de", PROJECT, auth=auth, base_url=otc_server.url + "/signed", retry=policy) as client:
        response = call(modelarts, op, client)
    assert response.status_code == 200
    assert response.parsed is not None and response.parsed.to_dict() == op["example"]
    assert otc_server.hits(path) == 2
    assert all(s.signature_ours and s.signature_sdk for s in otc_server.seen)
    assert otc_server.seen[-1].method == op["method"]


def test_generated_operation_error_is_typed(modelarts: ModuleType, otc_server: OTCTestServer) -> None:
    op = example_operation()
    path = served_path(op, prefix="")
    otc_server.plan(
        path,
        Reply(
            status=404,
            body={"error_code": "ModelArts.6404", "error_msg": "Notebook not found"},
            headers={"X-Request-Id": "req-42"},
        ),
    )
    client = modelarts.connect("eu-de", PROJECT, auth=modelarts.TokenAuth("token-value"), base_url=otc_server.url)
    with pytest.raises(modelarts.OTCAPIError) as caught:
        call(modelarts, op, client)
    error = caught.value
    assert (error.status_code, error.error_code, error.error_message, error.request_id) == (
        404,
        "ModelArts.6404",
        "Notebook not found",
        "req-42",
    )
