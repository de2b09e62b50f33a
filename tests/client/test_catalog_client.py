"""A client for a corpus service generated from the service catalog alone: the services config names only the
service and its docs; the client knows its service type and endpoints, honours its endpoint override and refuses
what it cannot apply."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from generator.cli import main
from generator.devtools.corpus import CORPUS

pytestmark = pytest.mark.corpus
PACKAGE = "otc_domain_name_service_client"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    root = tmp_path_factory.mktemp("catalog")
    config = root / "services.toml"
    config.write_text(f"[[service]]\nname = 'domain-name-service'\ndocs = '{CORPUS / 'domain-name-service@83bb279'}'\n",
                      encoding="utf-8")
    assert main(["generate", "--config", str(config), "--specs-dir", str(root / "specs"),
                 "--generated-dir", str(root / "generated"), "--no-cache"]) == 0
    project = root / "generated" / "domain-name-service"
    sys.path.insert(0, str(project))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(project))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
            del sys.modules[name]


def test_the_catalog_gives_service_type_title_and_endpoints(client: ModuleType) -> None:
    otc = client.otc
    assert (otc.SERVICE_TYPE, otc.SERVICE_TITLE) == ("dns", "Domain Name Service")
    assert otc.ENDPOINT_TEMPLATE == "https://dns.{region}.otc.t-systems.com"
    assert dict(otc.ENDPOINTS) == {"eu-de": "https://dns.eu-de.otc.t-systems.com",
                                   "eu-nl": "https://dns.eu-nl.otc.t-systems.com",
                                   "eu-ch2": "https://dns.eu-ch2.sc.otc.t-systems.com"}


def test_the_endpoint_override_is_honoured(client: ModuleType, monkeypatch: pytest.MonkeyPatch,
                                           tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("OS_DNS_ENDPOINT_OVERRIDE", "http://127.0.0.1:9/dns")
    connected = client.connect(auth=client.otc.TokenAuth("t"))
    assert str(connected._base_url) == "http://127.0.0.1:9/dns"
    monkeypatch.delenv("OS_DNS_ENDPOINT_OVERRIDE")
    assert str(client.connect(auth=client.otc.TokenAuth("t"), region="eu-ch2")._base_url) == (
        "https://dns.eu-ch2.sc.otc.t-systems.com")


def test_what_the_client_cannot_apply_is_an_error(client: ModuleType, monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    with pytest.raises(client.otc.OTCConfigError, match="no known endpoint of this service in region 'eu-xx'"
                                                        r".*set OS_DNS_ENDPOINT_OVERRIDE or base_url="):
        client.connect(auth=client.otc.TokenAuth("t"), region="eu-xx")
