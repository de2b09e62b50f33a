"""Never a silent endpoint: an override the client cannot apply, or a region without a known endpoint of the
service, is an error naming what to set; a known endpoint (template or a region's own host) is used as stated."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.client.runtime.auth import TokenAuth
from generator.client.runtime.cloudconfig import OTCConfigError
from generator.client.runtime.session import connect_service, override_variable

TEMPLATE = "https://dns.{region}.otc.t-systems.com"


class Client:
    def __init__(self, base_url: str, **_: Any) -> None:
        self.base_url = base_url


def connect(environ: dict[str, str], tmp_path: Path, **kwargs: Any) -> Client:
    kwargs.setdefault("service_type", "dns")
    kwargs.setdefault("endpoint_template", TEMPLATE)
    return connect_service(Client, default_region="eu-de", auth=TokenAuth("t"), environ={"HOME": str(tmp_path),
                           **environ}, cwd=tmp_path, **kwargs)


def test_the_override_of_the_clients_own_service_type_is_used(tmp_path: Path) -> None:
    client = connect({"OS_DNS_ENDPOINT_OVERRIDE": "http://127.0.0.1:9/dns"}, tmp_path)
    assert client.base_url == "http://127.0.0.1:9/dns"
    assert override_variable("object-store") == "OS_OBJECT_STORE_ENDPOINT_OVERRIDE"


def test_another_services_override_leaves_the_endpoint_alone(tmp_path: Path) -> None:
    client = connect({"OS_ECS_ENDPOINT_OVERRIDE": "http://127.0.0.1:9/ecs"}, tmp_path)
    assert client.base_url == "https://dns.eu-de.otc.t-systems.com"


def test_an_override_a_client_without_service_type_cannot_apply_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(OTCConfigError, match=r"OS_DNS_ENDPOINT_OVERRIDE set, but this client has no service type"
                                             r".*pass base_url="):
        connect({"OS_DNS_ENDPOINT_OVERRIDE": "http://127.0.0.1:9/dns"}, tmp_path, service_type=None)
    assert connect({}, tmp_path, service_type=None).base_url == "https://dns.eu-de.otc.t-systems.com"
    explicit = connect({"OS_DNS_ENDPOINT_OVERRIDE": "http://127.0.0.1:9/dns"}, tmp_path, service_type=None,
                       base_url="http://127.0.0.1:9/mine")
    assert explicit.base_url == "http://127.0.0.1:9/mine"


def test_an_override_in_clouds_yaml_counts_too(tmp_path: Path) -> None:
    (tmp_path / "clouds.yaml").write_text("clouds:\n  otc:\n    auth:\n      token: t\n"
                                          "    dns_endpoint_override: http://127.0.0.1:9/dns\n", encoding="utf-8")
    with pytest.raises(OTCConfigError, match=r"clouds\.otc\.dns_endpoint_override in .*clouds\.yaml set"):
        connect({"OS_CLOUD": "otc"}, tmp_path, service_type=None)
    assert connect({"OS_CLOUD": "otc"}, tmp_path).base_url == "http://127.0.0.1:9/dns"


def test_a_region_without_a_known_endpoint_is_an_error_naming_what_to_set(tmp_path: Path) -> None:
    endpoints = {"eu-de": TEMPLATE, "eu-ch2": "https://dns.eu-ch2.sc.otc.t-systems.com"}
    assert connect({}, tmp_path, endpoints=endpoints).base_url == "https://dns.eu-de.otc.t-systems.com"
    # a region whose hosts do not follow the template has its own endpoint
    assert connect({}, tmp_path, endpoints=endpoints, region="eu-ch2").base_url == (
        "https://dns.eu-ch2.sc.otc.t-systems.com")
    with pytest.raises(OTCConfigError, match=r"no known endpoint of this service in region 'eu-nl' \(regions with "
                                             r"a known endpoint: eu-ch2, eu-de\); set OS_DNS_ENDPOINT_OVERRIDE or "
                                             r"base_url="):
        connect({}, tmp_path, endpoints=endpoints, region="eu-nl")
    with pytest.raises(OTCConfigError, match=r"region 'eu-xx'"):
        connect({"OS_REGION_NAME": "eu-xx"}, tmp_path, endpoints=endpoints)
    # an override or base_url decides where the client goes, known endpoint or not
    assert connect({"OS_DNS_ENDPOINT_OVERRIDE": "http://127.0.0.1:9/dns"}, tmp_path, endpoints={},
                   region="eu-nl").base_url == "http://127.0.0.1:9/dns"
    with pytest.raises(OTCConfigError, match=r"regions with a known endpoint: none\); set base_url="):
        connect({}, tmp_path, endpoints={}, service_type=None)


def test_without_an_endpoint_table_the_template_serves_every_region(tmp_path: Path) -> None:
    assert connect({}, tmp_path, region="eu-nl").base_url == "https://dns.eu-nl.otc.t-systems.com"
