"""What the spec SHOULD contain for one real page of each page style (shared/notes/otc-corpus.md §2).

Written against the docs, not against today's output: where extraction falls short, the single test is
marked xfail(strict=True) naming the gap, so fixing the extractor turns it into a failure to un-mark.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from generator.devtools.corpus import TreeBuild

pytestmark = pytest.mark.corpus  # never skipped: without the corpus these fail (tests/conftest.py)

Build = Callable[[str], TreeBuild]
Schema = dict[str, Any]

MODELARTS = "modelarts@1ba1873"
ECS = "elastic-cloud-server@efcbeed"
DNS = "domain-name-service@83bb279"
RDS = "relational-database-service@03eecfd"
OBS = "object-storage-service@b9835f8"


def on(tree: str) -> pytest.MarkDecorator:
    return pytest.mark.xdist_group(tree)  # built by the worker that builds the tree for the count tests


# ---------------------------------------------------------------- spec helpers


def spec_of(corpus_build: Build, tree: str) -> dict[str, Any]:
    return corpus_build(tree).result.spec


def operation(spec: dict[str, Any], method: str, path: str) -> dict[str, Any]:
    item = spec["paths"].get(path)
    assert item is not None, f"{path} not in the spec; near: {[p for p in spec['paths'] if p[:12] == path[:12]][:10]}"
    assert method in item, f"{method.upper()} {path} not in the spec (has {sorted(item)})"
    op: dict[str, Any] = item[method]
    return op


def deref(spec: dict[str, Any], schema: Schema) -> Schema:
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def alternatives(spec: dict[str, Any], schema: Schema) -> list[Schema]:
    """The object schemas a body may be (one, or each branch of a merged operation's anyOf)."""
    schema = deref(spec, schema)
    return [deref(spec, s) for s in schema["anyOf"]] if "anyOf" in schema else [schema]


def prop(spec: dict[str, Any], schema: Schema, *names: str) -> Schema:
    """Follow properties (and array items / $refs on the way) down to a property's own schema."""
    for name in names:
        schema = deref(spec, schema)
        while schema.get("type") == "array":
            schema = deref(spec, schema["items"])
        props = schema.get("properties", {})
        assert name in props, f"no property {name!r}; has {sorted(props)}"
        schema = props[name]
    return schema


def body(spec: dict[str, Any], op: dict[str, Any], media: str = "application/json") -> Schema:
    content = op.get("requestBody", {}).get("content", {})
    assert media in content, f"no {media} request body (has {sorted(content)})"
    s: Schema = content[media]["schema"]
    return s


def response(spec: dict[str, Any], op: dict[str, Any], status: str) -> Schema:
    resp = op["responses"].get(status)
    assert resp is not None, f"no {status} response (has {sorted(op['responses'])})"
    s: Schema = resp["content"]["application/json"]["schema"]
    return s


def sources(op: dict[str, Any]) -> set[str]:
    """The page(s) an operation comes from: its own x-source, plus every page merged into it."""
    files = {op["x-source"]["file"]}
    files |= {v["x-source"]["file"] for v in op.get("x-otc-variants", [])}
    return files


# ---------------------------------------------------------------- generated style (modelarts)

NOTEBOOK = "development_environment_management/creating_a_notebook_instance.rst"


@on(MODELARTS)
def test_modelarts_create_notebook_request_fields_and_enums(corpus_build: Build) -> None:
    spec = spec_of(corpus_build, MODELARTS)
    op = operation(spec, "post", "/v1/{project_id}/notebooks")
    assert op["x-source"]["file"] == NOTEBOOK
    req = deref(spec, body(spec, op))
    assert {"flavor", "name", "volume"} <= set(req["required"])
    assert prop(spec, req, "description")["maxLength"] == 512
    # renamed in 1ba1873 (notes §15): dev_service -> service, ssh_keys -> key_pair_names
    assert prop(spec, req, "endpoints", "service")["enum"] == ["NOTEBOOK", "SSH"]
    assert prop(spec, req, "endpoints", "key_pair_names") == {**prop(spec, req, "endpoints", "key_pair_names"),
                                                              "type": "array", "items": {"type": "string"}}
    assert prop(spec, req, "volume", "category")["enum"] == ["SFS", "EVS"]
    assert prop(spec, req, "volume", "ownership")["enum"] == ["MANAGED", "DEDICATED"]
    assert set(deref(spec, prop(spec, req, "volume"))["required"]) == {"category", "ownership"}


@on(MODELARTS)
def test_modelarts_create_notebook_response_fields(corpus_build: Build) -> None:
    spec = spec_of(corpus_build, MODELARTS)
    res = response(spec, operation(spec, "post", "/v1/{project_id}/notebooks"), "200")
    assert prop(spec, res, "billing_items")["type"] == "array"  # added in 1ba1873
    assert set(deref(spec, prop(spec, res, "user"))["properties"]) >= {"id", "name"}
    assert prop(spec, res, "action_progress")["type"] == "array"


@on(MODELARTS)
def test_modelarts_create_notebook_billing_items_enum(corpus_build: Build) -> None:
    """`billing_items` lists its values as plain lines "STORAGE: ..." (no bullets, no bold) under "Options:"."""
    spec = spec_of(corpus_build, MODELARTS)
    res = response(spec, operation(spec, "post", "/v1/{project_id}/notebooks"), "200")
    assert prop(spec, res, "billing_items")["items"].get("enum") == ["STORAGE", "COMPUTE", "ALL"]


@on(MODELARTS)
def test_modelarts_notebook_example_defect_is_reported(corpus_build: Build) -> None:
    """The request example writes "evs"/"managed" where the table allows only upper case: a docs defect."""
    defects = [(d.line, d.pointer) for d in corpus_build(MODELARTS).coverage.defects if d.file == NOTEBOOK]
    assert {p for _, p in defects} >= {"/volume/category", "/volume/ownership"}


# ---------------------------------------------------------------- old modelarts style: query string in the URI line


@on(MODELARTS)
def test_modelarts_old_style_query_string_becomes_query_parameters(corpus_build: Build) -> None:
    """`GET /v1/{project_id}/demanager/instances?de_type={de_type}&...` under Request Body / Response Body
    headings: the peer rejects the page and, forced through, keeps the query string in its path params."""
    spec = spec_of(corpus_build, MODELARTS)
    op = operation(spec, "get", "/v1/{project_id}/demanager/instances")
    assert op["x-source"]["file"] == ("historical_apis/devenviron_old_version/"
                                      "obtaining_development_environment_instances.rst")
    params = {p["name"]: p for p in op["parameters"]}
    assert [n for n, p in params.items() if p["in"] == "path"] == ["project_id"]
    assert {n for n, p in params.items() if p["in"] == "query"} >= {"de_type", "provision_type", "status", "sortby",
                                                                     "order", "offset", "limit"}
    assert params["de_type"]["required"] is True and params["order"]["required"] is False
    assert params["sortby"]["schema"]["enum"] == ["name", "creation_timestamp"]
    assert params["order"]["schema"] == {**params["order"]["schema"], "enum": ["asc", "desc"], "default": "asc"}
    assert params["offset"]["schema"]["type"] == "integer" and params["offset"]["schema"]["default"] == 0
    instances = prop(spec, response(spec, op, "200"), "instances")
    assert instances["type"] == "array"  # "Array" + "For details, see Table 4"
    assert set(deref(spec, instances["items"])["properties"]) >= {"id", "name", "status", "profile", "flavor"}


# ---------------------------------------------------------------- ECS: two URIs (v2.1 and v2)


@on(ECS)
def test_ecs_listing_azs_has_both_versions(corpus_build: Build) -> None:
    spec = spec_of(corpus_build, ECS)
    page = "native_openstack_nova_apis/az/listing_azs.rst"
    v21 = operation(spec, "get", "/v2.1/{project_id}/os-availability-zone")
    v2 = operation(spec, "get", "/v2/{project_id}/os-availability-zone")
    assert page in sources(v21) and page in sources(v2)
    assert v21["operationId"] != v2["operationId"]
    assert v2.get("x-alias-of") == v21["operationId"]
    assert [p["name"] for p in v2["parameters"] if p["in"] == "path"] == ["project_id"]
    assert prop(spec, response(spec, v21, "200"), "availabilityZoneInfo", "zoneName")["type"] == "string"


# ---------------------------------------------------------------- DNS: one call on two pages

PUBLIC = "apis/public_zone_management/creating_a_public_zone.rst"
PRIVATE = "apis/private_zone_management/creating_a_private_zone.rst"


@on(DNS)
def test_dns_create_zone_documented_by_both_pages(corpus_build: Build) -> None:
    spec = spec_of(corpus_build, DNS)
    op = operation(spec, "post", "/v2/zones")
    assert sources(op) >= {PUBLIC, PRIVATE}
    # the private page's body: `router` (typed Object, described by "Table 2 Description of the router field")
    private = [s for s in alternatives(spec, body(spec, op)) if "router" in s.get("properties", {})]
    assert private, "no request variant with the private zone's router"
    router = deref(spec, prop(spec, private[0], "router"))
    assert set(router.get("properties", {})) >= {"router_id", "router_region"}
    assert router.get("required") == ["router_id"]


@on(DNS)
def test_dns_private_zone_request_example(corpus_build: Build) -> None:
    spec = spec_of(corpus_build, DNS)
    examples = operation(spec, "post", "/v2/zones")["requestBody"]["content"]["application/json"].get("examples", {})
    assert any(e["value"].get("zone_type") == "private" and "router" in e["value"] for e in examples.values())


# ---------------------------------------------------------------- RDS v1: PATH/Method bullets, sentence types


@on(RDS)
def test_rds_v1_database_version_query(corpus_build: Build) -> None:
    spec = spec_of(corpus_build, RDS)
    op = operation(spec, "get", "/rds/v1/{project_id}/datastores/{datastore_name}/versions")
    assert op["x-source"]["file"] == "api_v1_to_be_discarded/database_version_queries.rst"
    assert op.get("deprecated") is True  # api_v1_to_be_discarded/
    params = {p["name"]: p for p in op["parameters"]}
    assert params["datastore_name"]["in"] == "path"
    assert params["datastore_name"]["schema"].get("enum") == ["MySQL", "PostgreSQL", "SQLServer"]
    stores = prop(spec, response(spec, op, "200"), "dataStores")
    assert stores["type"] == "array"  # "List data structure. For details, see Table 3."
    item = deref(spec, stores["items"])
    assert set(item["properties"]) == {"id", "name", "datastore", "image", "packages", "active"}
    assert item["properties"]["active"]["type"] == "integer"


# ---------------------------------------------------------------- OBS: Request Syntax, headers, XML


@on(OBS)
def test_obs_configuring_a_bucket_acl(corpus_build: Build) -> None:
    spec = spec_of(corpus_build, OBS)
    page = "apis/advanced_bucket_settings/configuring_a_bucket_acl.rst"
    ops = [op for item in spec["paths"].values() for m, op in item.items() if m == "put" and page in sources(op)]
    assert len(ops) == 1, "the page should yield one PUT operation (bucket ACL subresource)"
    op = ops[0]
    assert "x-obs-acl" in {p["name"] for p in op.get("parameters", []) if p["in"] == "header"}
    assert "application/xml" in op["requestBody"]["content"]


# ---------------------------------------------------------------- issue 14: what descriptions state reaches the spec

DMS = "distributed-message-service@d2c571c"
VPC = "virtual-private-cloud@eb03d88"


@on(DNS)
def test_dns_limit_examples_are_no_enum(corpus_build: Build) -> None:
    """querying_all_record_sets.rst:45-49: "The value ranges from **0** to **500**." then "Commonly used values are
    **10**, **20**, and **50**. The default value is **500**." (the examples once became a closed enum)."""
    spec = spec_of(corpus_build, DNS)
    params = {p["name"]: p for p in operation(spec, "get", "/v2/recordsets")["parameters"]}
    limit = params["limit"]["schema"]
    assert "enum" not in limit
    assert (limit["minimum"], limit["maximum"], limit["default"]) == (0, 500, 500)


@on(DMS)
def test_dms_default_as_its_own_paragraph_is_typed(corpus_build: Build) -> None:
    """initiating_partition_reassigning_for_a_kafka_instance.rst:46: `Default: **false**` under a Boolean."""
    spec = spec_of(corpus_build, DMS)
    body = operation(spec, "post", "/v2/kafka/{project_id}/instances/{instance_id}/reassign")["requestBody"]
    assert prop(spec, body["content"]["application/json"]["schema"], "time_estimate")["default"] is False


@on(RDS)
def test_rds_which_can_be_names_the_values(corpus_build: Build) -> None:
    """obtaining_a_parameter_template.rst:123: "..., which can be **integer**, **string**, **boolean**, **list**, or
    **float**." """
    spec = spec_of(corpus_build, RDS)
    op = operation(spec, "get", "/v1.0/{project_id}/configurations/{id}")
    found = [s for s in spec["components"]["schemas"].values()
             if s.get("properties", {}).get("datatype", {}).get("x-source", {}).get("file", "").endswith(
                 "obtaining_a_parameter_template.rst")]
    assert op and found
    assert all(s["properties"]["datatype"]["enum"] == ["integer", "string", "boolean", "list", "float"] for s in found)


@on(DNS)
def test_dns_every_2xx_of_the_prose_is_a_success(corpus_build: Build) -> None:
    """creating_a_public_zone.rst:203: "If a 2xx status code is returned, for example, 200, 202, or 204, the request
    is successful." beside a response table without a status (once only 200 was kept)."""
    spec = spec_of(corpus_build, DNS)
    responses = operation(spec, "post", "/v2/zones")["responses"]
    assert {"200", "202", "204"} <= set(responses)
    json_schema = {k: r["content"]["application/json"]["schema"] for k, r in responses.items() if k in ("200", "202")}
    assert json_schema["202"] == json_schema["200"]
    assert "content" not in responses["204"]


@on(VPC)
def test_vpc_ntp_option_may_be_set_to_null(corpus_build: Build) -> None:
    """updating_subnet_information.rst:97: "If this value is set to **null**, the configuration of the NTP server
    address of the subnet is deleted." (a request field that must accept null)."""
    spec = spec_of(corpus_build, VPC)
    req = body(spec, operation(spec, "put", "/v1/{project_id}/vpcs/{vpc_id}/subnets/{subnet_id}"))
    opt = prop(spec, req, "subnet", "extra_dhcp_opts", "opt_value")
    assert opt["type"] == ["string", "null"]
