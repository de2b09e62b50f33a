"""The committed ModelArts client, end to end: ``connect()`` with no arguments reads a clouds.yaml
from a temporary HOME, gets a token from a fake IAM and calls a generated operation."""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
from fake_iam import IAM_URL, PASSWORD, PROJECT_ID, FakeIAM

CLIENT_ROOT = Path(__file__).resolve().parents[3] / "generated" / "modelarts"
PACKAGE = "otc_modelarts_client"


@pytest.fixture(scope="module")
def package() -> Iterator[ModuleType]:
    sys.path.insert(0, str(CLIENT_ROOT))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(CLIENT_ROOT))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
            del sys.modules[name]


def example_operation() -> dict[str, Any]:
    data = json.loads((CLIENT_ROOT / "tests" / "conformance_data.json").read_text(encoding="utf-8"))
    for op in data["operations"]:
        ok = [r for r in op["responses"] if r["status"] == 200 and isinstance(r.get("body"), dict)]
        if ok and all(p["in"] == "path" for p in op["params"]):
            return dict(op, example=ok[0]["body"])
    pytest.fail("no operation with only path parameters and a 200 example")


def test_connect_from_clouds_yaml_end_to_end(package: ModuleType, no_cloud_config_from_machine: Path) -> None:
    folder = no_cloud_config_from_machine / ".config" / "openstack"
    folder.mkdir(parents=True)
    (folder / "clouds.yaml").write_text(
        "clouds:\n  otc:\n    auth:\n"
        f"      auth_url: {IAM_URL}\n      username: alice\n      password: {PASSWORD}\n"
        "      user_domain_name: OTC-EU-DE-1\n      project_name: eu-de\n",
        encoding="utf-8",
    )
    op = example_operation()
    iam = FakeIAM()
    served: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host.startswith("iam."):
            return iam.handler(request)
        served.append(request)
        if request.headers.get("X-Auth-Token") not in iam.valid:
            return httpx.Response(401, json={"error_code": "APIGW.0301", "error_msg": "bad token"})
        return httpx.Response(200, json=op["example"])

    client = package.connect(transport=httpx.MockTransport(handler))
    assert isinstance(client, package.AuthenticatedClient)
    assert (client.project_id, client.region) == (PROJECT_ID, "eu-de")  # the token's project
    assert repr(client) == (
        "AuthenticatedClient(base_url='https://modelarts.eu-de.otc.t-systems.com', region='eu-de', "
        f"project_id='{PROJECT_ID}', auth='PasswordAuth')"
    )
    module = importlib.import_module(f"{PACKAGE}.api.{op['tag_module']}.{op['module']}")
    kwargs: dict[str, Any] = {p["python_name"]: p["value"] for p in op["params"]}
    kwargs["project_id"] = client.project_id
    request = op.get("request") or {}
    if request.get("schema") and isinstance(request.get("body"), dict):
        models = importlib.import_module(f"{PACKAGE}.models")
        kwargs["body"] = getattr(models, request["schema"]).from_dict(request["body"])
    with client:  # connect() fetched the token on a connection of its own: the client can still be entered
        for _ in range(2):
            response = module.sync_detailed(client=client, **kwargs)
            assert response.status_code == 200 and response.parsed.to_dict() == op["example"]
    assert len(iam.token_requests) == 1
    assert served[0].url.host == "modelarts.eu-de.otc.t-systems.com"
    assert PROJECT_ID in served[0].url.path
    assert all(r.headers["X-Auth-Token"] == "tok-1" for r in served)
    assert package.otc.SERVICE_TYPE == "modelarts"


def test_endpoint_override_variable_for_the_service(package: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OS_MODELARTS_ENDPOINT_OVERRIDE", "http://127.0.0.1:8080/ma")
    client = package.connect(auth=package.otc.TokenAuth("t"))
    assert repr(client).startswith("AuthenticatedClient(base_url='http://127.0.0.1:8080/ma', region='eu-de'")
    with pytest.raises(package.OTCConfigError, match="no OTC credentials"):
        package.connect()


def test_docstring_of_a_session_parameter_says_it_defaults_to_the_client(package: ModuleType) -> None:
    module = importlib.import_module(PACKAGE + ".api.development_environment_management.update_notebook")
    for fn in (module.sync, module.sync_detailed, module.asyncio, module.asyncio_detailed):
        doc = " ".join((fn.__doc__ or "").split())
        assert "project_id (str | None): Project ID." in doc
        assert "None (the default): ``client.project_id``." in doc
        assert "project_id (str):" not in doc
        assert "id (str): Notebook instance ID." in doc  # an ordinary path parameter keeps its type
