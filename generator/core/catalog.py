"""The OTC service catalog (`catalog.toml`): every docs repository with an API reference, what is known of
its service, and the file each fact was read from. Loaded once; a fact that could not be established is
absent and named in the entry's `unknown`, never guessed.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

CATALOG_PATH = Path(__file__).with_name("catalog.toml")

# Regions a catalog entry may name; a fourth one would be a new fact to source, not a typo to accept.
REGIONS = ("eu-de", "eu-nl", "eu-ch2")
# Facts every entry either states or lists in `unknown`.
CORE_FACTS = ("service_type", "endpoints", "regions")
_OPTIONAL_FACTS = ("docs_service_type", "sdk_service_type", "catalog_type", "region_endpoints")
_KEYS = frozenset({"title", *CORE_FACTS, *_OPTIONAL_FACTS, "unknown", "notes", "sources"})


class CatalogError(Exception):
    pass


@dataclass(frozen=True)
class CatalogEntry:
    name: str  # the docs repository, github.com/opentelekomcloud-docs/<name>
    title: str
    sources: Mapping[str, tuple[str, ...]]  # fact -> files it was read from
    service_type: str | None = None
    docs_service_type: str | None = None
    sdk_service_type: str | None = None
    catalog_type: str | None = None
    endpoints: tuple[str, ...] = ()  # URL templates with {region}; the first is the main one
    region_endpoints: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    regions: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()
    notes: str | None = None

    @property
    def docs_repository(self) -> str:
        return f"https://github.com/opentelekomcloud-docs/{self.name}"

    @property
    def endpoint(self) -> str | None:
        return self.endpoints[0] if self.endpoints else None

    def stated(self) -> tuple[str, ...]:
        """The facts this entry states (each has a source)."""
        values = {
            "title": self.title,
            "service_type": self.service_type,
            "docs_service_type": self.docs_service_type,
            "sdk_service_type": self.sdk_service_type,
            "catalog_type": self.catalog_type,
            "endpoints": self.endpoints,
            "region_endpoints": self.region_endpoints,
            "regions": self.regions,
        }
        return tuple(fact for fact, value in values.items() if value)


@dataclass(frozen=True)
class Catalog:
    entries: Mapping[str, CatalogEntry]  # by docs repository name
    template_regions: tuple[str, ...]  # regions whose hosts follow the entries' {region} templates
    sources: Mapping[str, tuple[str, ...]]  # of `template_regions`

    def __getitem__(self, name: str) -> CatalogEntry:
        return self.entries[name]

    def __contains__(self, name: object) -> bool:
        return name in self.entries

    def __len__(self) -> int:
        return len(self.entries)

    def by_service_type(self, service_type: str) -> CatalogEntry | None:
        return next((e for e in self.entries.values() if e.service_type == service_type), None)

    def endpoint_for(self, name: str, region: str) -> str | None:
        """The main endpoint of service `name` in `region`, if the catalog knows it."""
        entry = self.entries[name]
        if region in entry.region_endpoints:
            return entry.region_endpoints[region]
        if entry.endpoint is not None and region in self.template_regions:
            return entry.endpoint.format(region=region)
        return None


def _strings(where: str, value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and value and all(isinstance(v, str) and v for v in value):
        return tuple(value)
    raise CatalogError(f"{where}: expected a string or a non-empty list of strings, got {value!r}")


def _optional_str(where: str, raw: Mapping[str, Any], key: str) -> str | None:
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise CatalogError(f"{where}.{key}: expected a non-empty string, got {value!r}")
    return value


def _regions(where: str, value: object) -> tuple[str, ...]:
    regions = _strings(where, value)
    if bad := [r for r in regions if r not in REGIONS]:
        raise CatalogError(f"{where}: unknown region(s) {bad}; known: {list(REGIONS)}")
    if len(set(regions)) != len(regions):
        raise CatalogError(f"{where}: duplicate regions in {list(regions)}")
    return regions


def _entry(name: str, raw: object) -> CatalogEntry:
    where = f"service.{name}"
    if not isinstance(raw, dict):
        raise CatalogError(f"{where}: expected a table")
    if extra := sorted(set(raw) - _KEYS):
        raise CatalogError(f"{where}: unknown key(s) {extra}")
    title = _optional_str(where, raw, "title")
    if title is None:
        raise CatalogError(f"{where}: no title")
    endpoints = _strings(f"{where}.endpoints", raw["endpoints"]) if "endpoints" in raw else ()
    if bad := [t for t in endpoints if "{region}" not in t or not t.startswith("https://")]:
        raise CatalogError(f"{where}.endpoints: not an https template with {{region}}: {bad}")
    region_endpoints = raw.get("region_endpoints", {})
    if not isinstance(region_endpoints, dict):
        raise CatalogError(f"{where}.region_endpoints: expected a table")
    if region_endpoints:
        _regions(f"{where}.region_endpoints", list(region_endpoints))
    for region, url in region_endpoints.items():
        if not isinstance(url, str) or not url.startswith("https://") or "{" in url:
            raise CatalogError(f"{where}.region_endpoints.{region}: not a plain https URL: {url!r}")
    regions = _regions(f"{where}.regions", raw["regions"]) if "regions" in raw else ()
    unknown = _strings(f"{where}.unknown", raw["unknown"]) if "unknown" in raw else ()
    if bad := [u for u in unknown if u not in CORE_FACTS]:
        raise CatalogError(f"{where}.unknown: {bad} are not among {list(CORE_FACTS)}")
    raw_sources = raw.get("sources", {})
    if not isinstance(raw_sources, dict):
        raise CatalogError(f"{where}.sources: expected a table")
    entry = CatalogEntry(
        name=name,
        title=title,
        sources=MappingProxyType({k: _strings(f"{where}.sources.{k}", v) for k, v in raw_sources.items()}),
        service_type=_optional_str(where, raw, "service_type"),
        docs_service_type=_optional_str(where, raw, "docs_service_type"),
        sdk_service_type=_optional_str(where, raw, "sdk_service_type"),
        catalog_type=_optional_str(where, raw, "catalog_type"),
        endpoints=endpoints,
        region_endpoints=MappingProxyType(dict(region_endpoints)),
        regions=regions,
        unknown=unknown,
        notes=_optional_str(where, raw, "notes"),
    )
    stated = entry.stated()
    for fact in CORE_FACTS:
        if (fact in stated) == (fact in unknown):
            verdict = "both states and lists as unknown" if fact in stated else "neither states nor lists as unknown"
            raise CatalogError(f"{where}: {verdict} {fact!r}")
    if unsourced := [fact for fact in stated if fact not in entry.sources]:
        raise CatalogError(f"{where}: no source for {unsourced}")
    if orphans := sorted(set(entry.sources) - set(stated)):
        raise CatalogError(f"{where}.sources: for facts it does not state: {orphans}")
    return entry


def parse_catalog(text: str, origin: str = "catalog.toml") -> Catalog:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(f"{origin}: {exc}") from exc
    services = data.get("service")
    if not isinstance(services, dict) or not services:
        raise CatalogError(f"{origin}: no [service.<name>] tables")
    entries = {name: _entry(name, raw) for name, raw in sorted(services.items())}
    owners: dict[str, str] = {}
    for entry in entries.values():
        if entry.service_type is None:
            continue
        if entry.service_type in owners:
            raise CatalogError(
                f"{origin}: service type {entry.service_type!r} of both {owners[entry.service_type]} and {entry.name}"
            )
        owners[entry.service_type] = entry.name
    template_regions = _regions(f"{origin}: template_regions", data.get("template_regions", []))
    raw_sources = data.get("sources", {})
    if not isinstance(raw_sources, dict) or "template_regions" not in raw_sources:
        raise CatalogError(f"{origin}: no source for template_regions")
    return Catalog(
        entries=MappingProxyType(entries),
        template_regions=template_regions,
        sources=MappingProxyType({k: _strings(f"{origin}: sources.{k}", v) for k, v in raw_sources.items()}),
    )


@cache
def load_catalog(path: Path = CATALOG_PATH) -> Catalog:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CatalogError(f"{path}: {exc}") from exc
    return parse_catalog(text, str(path))
