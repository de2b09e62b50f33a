"""A services config that cannot be used is an error (exit 2, one line), never a silent fall-back to defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

import generator.build.pipeline
from generator.build.pipeline import resolve_service
from generator.cli import main
from generator.core.config import ConfigError, default_service, load_services, tree_name


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    config = tmp_path / "services.toml"
    config.write_text("[[service]\nname = 'x'\n", encoding="utf-8")  # not TOML
    return config


@pytest.mark.parametrize("command", ["build", "report"])
def test_command_with_broken_config_exits_2_with_one_line(command: str, broken: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    argv = [command, str(docs), "--service", "x", "--config", str(broken)]
    assert main([*argv, "-o", str(tmp_path / "x.yaml")] if command == "build" else argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {broken}: ") and err.count("\n") == 1
    assert not (tmp_path / "x.yaml").exists()


def test_missing_config_given_explicitly_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="nope.toml"):
        resolve_service("x", tmp_path / "nope.toml")


def test_listed_service_comes_from_the_config_and_unlisted_gets_defaults(tmp_path: Path) -> None:
    config = tmp_path / "services.toml"
    config.write_text('[[service]]\nname = "x"\ntitle = "Service X"\ndocs = "d"\nclient = "otc-x-client"\n'
                      'endpoint = "https://x.{region}.example"\n', encoding="utf-8")
    assert resolve_service("x", config).title == "Service X"
    assert resolve_service("y", config).title == "Y"


def test_without_a_default_config_every_service_is_unlisted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(generator.build.pipeline, "DEFAULT_CONFIG", tmp_path / "absent.toml")
    assert resolve_service("modelarts").title == "ModelArts"  # a known OTC service


def test_a_catalogued_service_needs_only_name_and_docs(tmp_path: Path) -> None:
    config = tmp_path / "services.toml"
    config.write_text("[[service]]\nname = 'elastic-cloud-server'\ndocs = 'ecs'\n", encoding="utf-8")
    (svc,) = load_services(config)
    assert (svc.title, svc.service_type) == ("Elastic Cloud Server", "ecs")
    assert svc.client == "otc-elastic-cloud-server-client"
    assert svc.endpoint == "https://ecs.{region}.otc.t-systems.com"
    assert svc.docs == (tmp_path / "ecs").resolve()
    # the client knows where each region's endpoint is, and refuses a region the catalog names no endpoint in
    assert dict(svc.endpoints or ()) == {"eu-de": "https://ecs.eu-de.otc.t-systems.com",
                                         "eu-nl": "https://ecs.eu-nl.otc.t-systems.com",
                                         "eu-ch2": "https://ecs.eu-ch2.sc.otc.t-systems.com"}


def test_an_endpoint_the_config_states_serves_every_region(tmp_path: Path) -> None:
    config = tmp_path / "services.toml"
    config.write_text("[[service]]\nname = 'domain-name-service'\ndocs = 'd'\n"
                      "endpoint = 'https://dns.{region}.example'\n", encoding="utf-8")
    (svc,) = load_services(config)
    assert (svc.endpoint, svc.endpoints, svc.service_type) == ("https://dns.{region}.example", None, "dns")


def test_an_uncatalogued_service_must_state_its_endpoint(tmp_path: Path) -> None:
    config = tmp_path / "services.toml"
    config.write_text("[[service]]\nname = 'my-own-service'\ndocs = 'd'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="lacks 'endpoint' .the service catalog knows no endpoint"):
        load_services(config)
    # built without a config, it gets a placeholder template and no known endpoint: connecting needs base_url
    svc = default_service("my-own-service")
    assert (svc.service_type, svc.endpoints) == (None, ())


def test_a_docs_tree_names_its_service_by_its_folder(tmp_path: Path) -> None:
    checkout = tmp_path / "domain-name-service" / "api-ref" / "source"
    checkout.mkdir(parents=True)
    corpus = tmp_path / "modelarts@1ba1873"
    corpus.mkdir()
    assert (tree_name(checkout), tree_name(corpus), tree_name(tmp_path / "plain")) == (
        "domain-name-service", "modelarts", "plain")
