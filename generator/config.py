"""The service list (`specs/services.toml`), loaded once and passed explicitly."""

from __future__ import annotations

import argparse
import tomllib
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
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

    @property
    def package(self) -> str:
        """Import name of the generated client package."""
        return self.client.replace("-", "_")


def default_service(name: str) -> Service:
    """A service not listed in the config (e.g. a corpus tree): derive what the config would say."""
    return Service(
        name=name,
        title=name.replace("-", " ").title(),
        docs=Path("."),
        client=f"otc-{name}-client",
        endpoint=f"https://{name}.{{region}}.otc.t-systems.com",
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
