"""The service list (`specs/services.toml`), loaded once and passed explicitly."""

from __future__ import annotations

import argparse
import tomllib
from dataclasses import dataclass
from pathlib import Path

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

    @property
    def docs_repository(self) -> str:
        return f"https://github.com/opentelekomcloud-docs/{self.name}"

    @property
    def package(self) -> str:
        """Import name of the generated client package."""
        return self.client.replace("-", "_")


# Known OTC services by docs repository name: (service type, endpoint host prefix, title).
# Service types are otcextensions' (they name the endpoint overrides its users already have in
# clouds.yaml); two deliberate exceptions: ECS is `ecs`, not openstacksdk's `compute` (that is the
# Nova API under /v2.1, while this docs tree documents the native /v1 API), and IAM is `iam`, not
# `identity` (an `identity_endpoint_override` written for keystoneauth ends in /v3, which the
# documented paths repeat). Hosts follow https://<host>.<region>.otc.t-systems.com.
KNOWN_SERVICES: dict[str, tuple[str, str, str]] = {
    "auto-scaling": ("as", "as", "Auto Scaling"),
    "cloud-container-engine": ("cce", "cce", "Cloud Container Engine"),
    "distributed-message-service": ("dms", "dms", "Distributed Message Service"),
    "domain-name-service": ("dns", "dns", "Domain Name Service"),
    "elastic-cloud-server": ("ecs", "ecs", "Elastic Cloud Server"),
    "identity-access-management": ("iam", "iam", "Identity and Access Management"),
    "key-management-service": ("kms", "kms", "Key Management Service"),
    "modelarts": ("modelarts", "modelarts", "ModelArts"),
    "nat-gateway": ("nat", "nat", "NAT Gateway"),
    "object-storage-service": ("obs", "obs", "Object Storage Service"),
    "relational-database-service": ("rds", "rds", "Relational Database Service"),
    "virtual-private-cloud": ("vpc", "vpc", "Virtual Private Cloud"),
}


def default_service(name: str) -> Service:
    """A service not listed in the config (e.g. a corpus tree): derive what the config would say.

    Package and distribution names always come from ``name``; a known OTC service gets its real
    endpoint, title and service type.
    """
    service_type, host, title = KNOWN_SERVICES.get(name, (None, name, name.replace("-", " ").title()))
    return Service(
        name=name,
        title=title,
        docs=Path("."),
        client=f"otc-{name}-client",
        endpoint=f"https://{host}.{{region}}.otc.t-systems.com",
        service_type=service_type,
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
                Service(
                    name=raw["name"],
                    title=raw.get("title", raw["name"]),
                    docs=(path.parent / raw["docs"]).resolve(),
                    client=raw["client"],
                    endpoint=raw["endpoint"],
                    default_region=raw.get("default_region", "eu-de"),
                    docs_commit=raw.get("docs_commit"),
                    docs_date=raw.get("docs_date"),
                    service_type=raw.get("service_type", KNOWN_SERVICES.get(raw["name"], (None,))[0]),
                    **{k: raw[k] for k in ("license", "license_url", "contact_name", "contact_url") if k in raw},
                )
            )
        except KeyError as exc:
            raise ConfigError(f"{path}: service #{i + 1} lacks {exc}") from exc
    names = [s.name for s in services]
    if len(set(names)) != len(names):
        raise ConfigError(f"{path}: duplicate service names in {names}")
    return services


def add_tree_arguments(parser: argparse.ArgumentParser) -> None:
    """DOCS_DIR, --service and --config: how a command names one docs tree and its service."""
    parser.add_argument("docs_dir", type=Path)
    parser.add_argument("--service", required=True, help="service name (looked up in specs/services.toml if listed)")
    parser.add_argument("--config", type=Path, default=None, help="services config (default specs/services.toml)")
