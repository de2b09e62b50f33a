"""Corpus: every page of a call documented on several pages is a client function of its own (issue 11, required 2).

Pinned per tree: spec operations, merged operations, the pages merged into them (variants) and the client's
operations (spec operations - merged + variants). Names are not pinned here (tests/corpus/names does that):
only that the pages' functions are distinct, each with its own request model, on the shared path.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from generator.client import client_view
from generator.client.names import generator_names
from generator.client.variants import client_path
from generator.core.config import default_service
from generator.core.spec import iter_operations, iter_variants
from generator.devtools.corpus import TreeBuild

from .conftest import tree_params

pytestmark = pytest.mark.corpus

DNS, ECS, OBS = "domain-name-service@83bb279", "elastic-cloud-server@efcbeed", "object-storage-service@b9835f8"
# tree -> (spec operations, merged operations, variant pages, client operations)
EXPECTED = {DNS: (25, 7, 15, 33), ECS: (188, 6, 39, 221), OBS: (16, 8, 71, 79)}
# calls whose pages must be distinct functions: tree -> (METHOD, path, pages, a property only each page's body has)
CALLS = {
    DNS: ("POST", "/v2/zones", 2, None),
    ECS: ("POST", "/v1/{project_id}/cloudservers/action", 3, ("reboot", "os-start", "os-stop")),
}


def _counts(spec: dict[str, Any]) -> tuple[int, int, int]:
    ops = list(iter_operations(spec))
    merged = [op for _, _, op in ops if list(iter_variants(op))]
    return len(ops), len(merged), sum(len(list(iter_variants(op))) for op in merged)


@pytest.mark.parametrize("tree", tree_params(names=sorted(EXPECTED)))
def test_one_client_operation_per_page(tree: str, corpus_build: Callable[[str], TreeBuild]) -> None:
    spec = corpus_build(tree).result.spec
    n_ops, n_merged, n_variants = _counts(spec)
    view, notes = client_view(spec)
    client_ops = list(iter_operations(view))
    assert (n_ops, n_merged, n_variants, len(client_ops)) == EXPECTED[tree]
    assert len([d for d in notes if d.code == "client.variants_split"]) == n_merged
    # every page of the tree is behind exactly one client operation
    spec_ids = {str(op["operationId"]) for _, _, op in iter_operations(spec) if not list(iter_variants(op))}
    spec_ids |= {str(v["operationId"]) for _, _, op in iter_operations(spec) for v in iter_variants(op)}
    assert sorted(str(op["operationId"]) for _, _, op in client_ops) == sorted(spec_ids)


@pytest.mark.parametrize("tree", tree_params(names=sorted(CALLS)))
def test_pages_of_one_call_are_distinct_functions(tree: str, corpus_build: Callable[[str], TreeBuild]) -> None:
    method, path, pages, own_properties = CALLS[tree]
    spec = corpus_build(tree).result.spec
    view, _ = client_view(spec)
    names = generator_names(view, default_service(tree.split("@")[0]).package)
    mine = sorted((key, names.endpoints[key], names.bodies[key]) for key in names.endpoints
                  if key[0] == method and client_path(key[1]) == path)
    assert len(mine) == pages
    assert len({e[1] for _, e, _ in mine}) == pages  # module names
    assert len({b["cls"] for _, _, b in mine}) == pages  # request models
    variants = spec["paths"][path][method.lower()]["x-otc-variants"]
    if tree == DNS:
        assert sorted(e[0] for _, e, _ in mine) == ["private_zone_management", "public_zone_management"]
    if own_properties:
        schemas = spec["components"]["schemas"]
        props = [set(schemas[v["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]]
                     ["properties"]) for v in variants]
        assert props == [{own} for own in own_properties]
