"""The service catalog: every entry says what it knows, names what it does not, and sources every fact."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from pathlib import Path

import pytest

import generator.core.catalog as catalog_module
from generator.core.catalog import CORE_FACTS, REGIONS, CatalogEntry, CatalogError, load_catalog, parse_catalog
from generator.core.config import default_service

CATALOG = load_catalog()
ENTRIES = list(CATALOG.entries.values())
# A source names a file a reader can open again: a docs repository's file at a commit, a file of a
# released distribution, or a name in this project.
SOURCE = re.compile(
    r"(?:[\w.-]+/[\w.-]+@[0-9a-f]{12}:[\w./-]+"
    r"|pypi:[\w.-]+==[\w.]+:[\w./-]+#\w+"
    r"|otc-apigen:[\w./-]+#\w+)"
)
# The services of the shared corpus, as their released clients have them: (service type, host, title).
KNOWN_SERVICES = {
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
PORTAL_LIST = "opentelekomcloud-docs/docsportal@64022c8fa26b:doc/source/additional/endpoints.rst"
SWISS_LIST = "opentelekomcloud-docs-swiss/docsportal@e7ed6b511897:doc/source/additional/endpoints.rst"


def ids(entry: CatalogEntry) -> str:
    return entry.name


def test_the_catalog_covers_the_documented_services() -> None:
    assert len(CATALOG) == 72
    assert set(KNOWN_SERVICES) <= set(CATALOG.entries)
    assert {"api-gateway", "function-graph", "data-lake-insight", "web-application-firewall-dedicated"} <= set(
        CATALOG.entries
    )
    # Copies and placeholders of another service's docs are not services of their own.
    assert not {"load-balancer", "geminidb-temp", "object-storage-service-3rd-party"} & set(CATALOG.entries)


@pytest.mark.parametrize("entry", ENTRIES, ids=ids)
def test_entry_states_each_core_fact_or_names_it_unknown(entry: CatalogEntry) -> None:
    assert entry.title.strip() and entry.name == entry.name.strip().lower()
    assert entry.docs_repository == f"https://github.com/opentelekomcloud-docs/{entry.name}"
    for fact in CORE_FACTS:
        assert (fact in entry.stated()) != (fact in entry.unknown), fact
    if "service_type" not in entry.unknown:
        assert entry.service_type
    if "endpoints" not in entry.unknown:
        assert entry.endpoint is not None and entry.endpoint.startswith("https://") and "{region}" in entry.endpoint


@pytest.mark.parametrize("entry", ENTRIES, ids=ids)
def test_every_stated_fact_has_a_source_a_reader_can_open(entry: CatalogEntry) -> None:
    assert set(entry.sources) == set(entry.stated())
    for fact, sources in entry.sources.items():
        assert sources, fact
        for source in sources:
            assert SOURCE.fullmatch(source), (fact, source)


@pytest.mark.parametrize("entry", ENTRIES, ids=ids)
def test_regions_come_from_the_endpoint_lists_that_name_them(entry: CatalogEntry) -> None:
    assert set(entry.regions) <= set(REGIONS)
    assert set(entry.region_endpoints) <= set(REGIONS)
    if entry.regions:
        assert (PORTAL_LIST in entry.sources["regions"]) == bool({"eu-de", "eu-nl"} & set(entry.regions))
        assert (SWISS_LIST in entry.sources["regions"]) == ("eu-ch2" in entry.regions)
    # The Swiss region's hosts are not the templates' (…sc.otc.t-systems.com), so a service offered
    # there carries its eu-ch2 endpoint explicitly.
    if "eu-ch2" in entry.regions:
        assert entry.region_endpoints["eu-ch2"].endswith(".eu-ch2.sc.otc.t-systems.com")


@pytest.mark.parametrize("name", sorted(KNOWN_SERVICES))
def test_corpus_services_agree_with_known_services(name: str) -> None:
    service_type, host, title = KNOWN_SERVICES[name]
    entry = CATALOG[name]
    assert (entry.service_type, entry.title) == (service_type, title)
    assert entry.endpoint == f"https://{host}.{{region}}.otc.t-systems.com"
    assert "otc-apigen:generator/core/catalog.toml#corpus_service_types" in entry.sources["service_type"]
    service = default_service(name)  # what a build of the tree uses, from the catalog alone
    assert (service.service_type, service.title, service.endpoint) == (service_type, title, entry.endpoint)


def test_service_types_are_unique() -> None:
    types = [e.service_type for e in ENTRIES if e.service_type is not None]
    assert len(types) == len(set(types))
    assert CATALOG.by_service_type("ecs") is CATALOG["elastic-cloud-server"]
    assert CATALOG.by_service_type("compute") is None


def test_endpoint_for_a_region() -> None:
    assert CATALOG.template_regions == ("eu-de", "eu-nl")
    assert CATALOG.endpoint_for("elastic-cloud-server", "eu-nl") == "https://ecs.eu-nl.otc.t-systems.com"
    assert CATALOG.endpoint_for("identity-access-management", "eu-ch2") == "https://iam-pub.eu-ch2.sc.otc.t-systems.com"
    # One host per region and no common template: only the stated regions resolve.
    assert CATALOG.endpoint_for("scalable-file-service", "eu-nl") == "https://sfs-turbo.eu-nl.otc.t-systems.com"
    assert CATALOG.endpoint_for("scalable-file-service", "eu-ch2") is None
    assert CATALOG.endpoint_for("data-lake-insight", "eu-de") is None  # not established, so not guessed


def test_core_imports_nothing_else_of_generator() -> None:
    tree = ast.parse(Path(catalog_module.__file__).read_text(encoding="utf-8"))
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert not {m for m in imported if m.split(".")[0] == "generator"}


GOOD = """
template_regions = ["eu-de", "eu-nl"]
[sources]
template_regions = "a/b@0123456789ab:list.rst"
[service.x]
title = "X"
service_type = "x"
endpoints = ["https://x.{region}.otc.t-systems.com"]
regions = ["eu-de"]
[service.x.sources]
title = "a/x@0123456789ab:conf.py"
service_type = "a/b@0123456789ab:list.rst"
endpoints = "a/b@0123456789ab:list.rst"
regions = "a/r@0123456789ab:regions.rst"
"""


def test_a_well_formed_catalog_parses() -> None:
    parsed = parse_catalog(GOOD)
    assert parsed["x"].endpoint == "https://x.{region}.otc.t-systems.com"
    assert parsed.endpoint_for("x", "eu-de") == "https://x.eu-de.otc.t-systems.com"


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda t: t.replace('regions = "a/r@0123456789ab:regions.rst"\n', ""), r"no source for \['regions'\]"),
        (lambda t: t.replace('regions = ["eu-de"]', 'regions = ["eu-de"]\nunknown = ["regions"]'), "both states"),
        (lambda t: t.replace('regions = ["eu-de"]\n', "").replace('regions = "a/r', 'x = "a/r'), "neither states"),
        (lambda t: t.replace('regions = ["eu-de"]', 'regions = ["eu-fr"]'), "unknown region"),
        (lambda t: t.replace("x.{region}.otc", "x.eu-de.otc"), "with {region}"),
        (lambda t: t.replace('title = "X"\n', ""), "no title"),
        (lambda t: t.replace('title = "X"', 'title = "X"\ncolour = "red"'), r"unknown key\(s\) \['colour'\]"),
        (lambda t: t + t[t.index("[service.x]") :].replace("service.x", "service.y"), "service type 'x' of both"),
        (lambda t: t.replace("[service.x.sources]", '[service.x.sources]\nnotes = "a/b@0123456789ab:n"'), "does not"),
        (lambda t: t.replace("[sources]\n", "[other]\n"), "no source for template_regions"),
    ],
)
def test_a_catalog_that_claims_more_than_it_sources_is_refused(edit: Callable[[str], str], message: str) -> None:
    with pytest.raises(CatalogError, match=message):
        parse_catalog(edit(GOOD))
