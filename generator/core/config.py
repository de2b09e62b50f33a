"""The service list (`specs/services.toml`), loaded once and passed explicitly."""

from __future__ import annotations

import argparse
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.core.catalog import load_catalog

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CONFIG = REPO_ROOT / "specs" / "services.toml"


class ConfigError(Exception):
    pass


@dataclass(frozen=True)
class Service:
    name: str
    title: str
    docs: Path
    client: str  # distribution name of the generated client
    endpoint: str  # URL template with {region}
    default_region: str = "eu-de"
    docs_commit: str | None = None
    docs_date: str | None = None
    # `info.license` / `info.contact` of the spec. The spec is a derived work of the service's docs
    # repository (opentelekomcloud-docs/<name>, "Free software: Apache license"), so it carries that
    # licence; questions about what the API does go to that repository's issues.
    license: str = "Apache-2.0"
    license_url: str = "https://www.apache.org/licenses/LICENSE-2.0"
    contact_name: str = "Open Telekom Cloud documentation"
    contact_url: str | None = None  # default: docs_repository
    # The OpenStack-style service type (`dns`, `ecs`, ...): names the endpoint override a client reads
    # (`<service_type>_endpoint_override` in clouds.yaml, `OS_<SERVICE_TYPE>_ENDPOINT_OVERRIDE`).
    service_type: str | None = None
    # (region, endpoint URL or template) for every region whose endpoint is known; a client refuses other regions.
    # None: `endpoint` is the user's own template, filled in for any region asked for.
    endpoints: tuple[tuple[str, str], ...] | None = None

    @property
    def docs_repository(self) -> str:
        return f"https://github.com/opentelekomcloud-docs/{self.name}"

    @property
    def package(self) -> str:
        """Import name of the generated client package."""
        return self.client.replace("-", "_")


def catalog_facts(name: str) -> dict[str, Any]:
    """What the service catalog (`core/catalog.toml`) states of docs repository `name`, as `Service` fields.

    `endpoints` lists the regions whose endpoint the catalog knows (a URL template or a URL each): a client
    refuses any other region rather than guess a host. A service the catalog does not know gets nothing here.
    """
    catalog = load_catalog()
    entry = catalog.entries.get(name)
    if entry is None:
        return {}
    facts: dict[str, Any] = {"title": entry.title}
    if entry.service_type is not None:
        facts["service_type"] = entry.service_type
    if entry.endpoint is not None:
        facts["endpoint"] = entry.endpoint
    # regions the catalog names for the service, else every region whose hosts follow the templates
    regions = entry.regions or catalog.template_regions
    facts["endpoints"] = tuple((r, url) for r in regions if (url := catalog.endpoint_for(name, r)) is not None)
    return facts


def tree_name(docs: Path) -> str:
    """The service a docs tree documents, by its folder: `<repo>/api-ref/source` -> `<repo>` (the docs repository,
    as the service catalog knows it), a corpus tree `<service>@<commit>` -> `<service>`."""
    docs = docs.resolve()
    if docs.name == "source" and docs.parent.name == "api-ref":
        return docs.parent.parent.name
    return docs.name.split("@", 1)[0]


def default_service(name: str) -> Service:
    """A service not listed in the config (e.g. a corpus tree): derive what the config would say.

    Package and distribution names always come from ``name``; a service of the catalog gets its real
    title, endpoints and service type. Any other gets a guessed endpoint template its client never uses
    unasked: its ``endpoints`` are empty, so connecting needs a base URL or an endpoint override.
    """
    facts = catalog_facts(name)
    return Service(
        name=name,
        title=facts.get("title", name.replace("-", " ").title()),
        docs=Path("."),
        client=f"otc-{name}-client",
        endpoint=facts.get("endpoint", f"https://{name}.{{region}}.otc.t-systems.com"),
        service_type=facts.get("service_type"),
        endpoints=facts.get("endpoints", ()),
    )


def load_services(path: Path = DEFAULT_CONFIG) -> list[Service]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    services = []
    for i, raw in enumerate(data.get("service", [])):
        try:
            services.append(
                _configured(raw, path, catalog_facts(raw["name"]))
            )
        except KeyError as exc:
            raise ConfigError(f"{path}: service #{i + 1} lacks {exc}") from exc
    names = [s.name for s in services]
    if len(set(names)) != len(names):
        raise ConfigError(f"{path}: duplicate service names in {names}")
    return services


def _configured(raw: dict[str, Any], path: Path, facts: dict[str, Any]) -> Service:
    """An entry of the config; what it leaves out comes from the catalog (`name` and `docs` suffice for a
    catalogued service). An endpoint the entry states is used for every region, as the user wrote it."""
    endpoint = raw.get("endpoint", facts.get("endpoint"))
    if endpoint is None:
        raise ConfigError(f"{path}: service {raw['name']!r} lacks 'endpoint' (the service catalog knows no endpoint"
                          " of this service)")
    return Service(
        name=raw["name"],
        title=raw.get("title", facts.get("title", raw["name"])),
        docs=(path.parent / raw["docs"]).resolve(),
        client=raw.get("client", f"otc-{raw['name']}-client"),
        endpoint=endpoint,
        default_region=raw.get("default_region", "eu-de"),
        docs_commit=raw.get("docs_commit"),
        docs_date=raw.get("docs_date"),
        service_type=raw.get("service_type", facts.get("service_type")),
        endpoints=None if "endpoint" in raw else facts.get("endpoints", ()),
        **{k: raw[k] for k in ("license", "license_url", "contact_name", "contact_url") if k in raw},
    )


def add_tree_arguments(parser: argparse.ArgumentParser) -> None:
    """DOCS_DIR, --service and --config: how a command names one docs tree and its service."""
    parser.add_argument("docs_dir", type=Path)
    parser.add_argument("--service", required=True, help="service name (looked up in specs/services.toml if listed)")
    parser.add_argument("--config", type=Path, default=None, help="services config (default specs/services.toml)")
