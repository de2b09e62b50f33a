"""The naming grammar (generator/docs/naming.py): operationIds from titles, model names from fields."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openapi_python_client.strings import snake_case

from generator.build.link import link
from generator.build.render.openapi import render_spec
from generator.core.config import default_service
from generator.core.model import DocOperation, Source
from generator.devtools.corpus import CORPUS
from generator.docs.extract import extract
from generator.docs.naming import gerund_verb, title_name, unique_operation_ids
from generator.docs.read import read_text
from tests.rst_snippets import page, table


@pytest.mark.parametrize(("title", "name"), [
    ("Querying Public Zones", "ListPublicZones"),
    ("Querying a Public Zone", "ShowPublicZone"),
    ("Querying Details of a Public Zone", "ShowPublicZone"),
    ("Querying Details About an ECS", "ShowEcs"),
    ("Querying VPC Details", "ShowVpc"),
    ("Querying the Domain Name of a DB Instance", "ShowDomainNameOfDbInstance"),
    ("Querying the List of CMKs", "ListCmks"),
    ("Querying the Identity Provider List", "ListIdentityProviders"),
    ("Querying All PTR Records", "ListPtrRecords"),
    ("Querying AS Policies Bound to an AS Group", "ListAsPoliciesBoundToAsGroup"),
    ("Listing Flavor Details and Extended Information", "ListFlavorDetailsAndExtendedInformation"),
    ("Creating a Private Zone", "CreatePrivateZone"),
    ("Adding a Backend Server", "CreateBackendServer"),
    ("Modifying a PTR Record", "UpdatePtrRecord"),
    ("Updating a Security Group", "UpdateSecurityGroup"),
    ("Changing a Password", "UpdatePassword"),
    ("Deleting a Record Set", "DeleteRecordSet"),
    ("Removing a Security Group", "DeleteSecurityGroup"),
    ("Associating a Private Zone with a VPC", "AssociatePrivateZoneWithVpc"),
    ("Disassociating a VPC from a Private Zone", "DisassociateVpcFromPrivateZone"),
    ("Unsetting a PTR Record", "UnsetPtrRecord"),
    ("Starting ECSs in a Batch", "BatchStartEcss"),
    ("Stopping ECSs in a Batch", "BatchStopEcss"),
    ("Deleting Consumer Groups of a Kafka Instance in Batches", "BatchDeleteConsumerGroupsOfKafkaInstance"),
    ("Batch Deleting AS Configurations", "BatchDeleteAsConfigurations"),
    ("Adding or Deleting Resource Tags in Batches", "BatchCreateOrDeleteResourceTags"),
    ("Adding Resource Tags", "CreateResourceTags"),
    ("Querying Tags of a Specified Resource Type", "ListTagsOfResourceType"),
    ("Enabling or Disabling an AS Group", "EnableOrDisableAsGroup"),
    ("Executing, Enabling, or Disabling an AS Policy", "ExecuteEnableOrDisableAsPolicy"),
    ("Checking Whether an Agency Has Specified Permissions", "CheckAgencyHasSpecifiedPermissions"),
    ("Querying Whether a User Group Under a Domain Has Specific Permissions",
     "CheckUserGroupUnderDomainHasSpecificPermissions"),
    ("Forcibly Deleting an IP Address Group", "ForciblyDeleteIpAddressGroup"),
    ("Querying Scaling Action Logs (V2)", "ListScalingActionLogs"),
    ("Uploading an Object - PUT", "UploadObject"),
    ("Querying Keystone API Version 3.0", "ShowKeystoneApiVersion30"),
    ("Creating an IPv6 Subnet", "CreateIpv6Subnet"),
])
def test_title_grammar(title: str, name: str) -> None:
    got = title_name(title)
    assert got.parsed and got.name == name


def test_distinguishing_words_are_kept_apart() -> None:
    assert title_name("Querying Scaling Action Logs (V2)").extra == ("V2",)
    assert title_name("Uploading an Object - PUT").extra == ("Put",)


def test_title_without_gerund_falls_back_to_its_words() -> None:
    got = title_name("Authentication of Signature in a Header")
    assert not got.parsed and got.name == "AuthenticationOfSignatureInHeader"


@pytest.mark.parametrize(("gerund", "verb"), [
    ("Starting", "Start"), ("Stopping", "Stop"), ("Enabling", "Enable"), ("Binding", "Bind"), ("Unsetting", "Unset"),
    ("Associating", "Associate"), ("Configuring", "Configure"), ("Retiring", "Retire"), ("Revoking", "Revoke"),
    ("Releasing", "Release"), ("Scheduling", "Schedule"), ("Restoring", "Restore"), ("Renaming", "Rename"),
    ("Upgrading", "Upgrade"), ("Synchronizing", "Synchronize"), ("Managing", "Manage"), ("Waking", "Wake"),
    ("Hibernating", "Hibernate"), ("Executing", "Execute"), ("Completing", "Complete"), ("Copying", "Copy"),
    ("Installing", "Install"), ("Canceling", "Cancel"), ("Registering", "Register"), ("Monitoring", "Monitor"),
    ("Adding", "Add"), ("Using", "Use"), ("Refusing", "Refuse"), ("Embedding", "Embed"), ("Uploading", "Upload"),
])
def test_gerund_to_verb(gerund: str, verb: str) -> None:
    assert gerund_verb(gerund) == verb


_WORDS = st.sampled_from(["Querying", "Creating", "Starting", "Deleting", "a", "an", "the", "VPC", "ECSs", "IPv6",
                          "Zone", "Zones", "PTR", "of", "in", "with", "v2.0", "3.0", "Add-on", "Record", "SSE-KMS",
                          "2FA", "Batch", "(V2)", "Details", "Whether", "X509", "Keystone"])


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=8))
def test_snake_case_splits_at_our_words(words: list[str]) -> None:
    """openapi-python-client's snake_case of the operationId is exactly our words joined by `_`."""
    got = title_name(" ".join(words))
    assert snake_case(got.name) == "_".join(w.lower() for w in got.words)
    assert re.fullmatch(r"[A-Z][A-Za-z0-9]*", got.name)


def test_snake_names_of_the_issue() -> None:
    assert snake_case(title_name("Unsetting a PTR Record").name) == "unset_ptr_record"
    assert snake_case(title_name("Starting ECSs in a Batch").name) == "batch_start_ecss"


# ---------------------------------------------------------------- through the pipeline


def _build(pages: dict[str, str]) -> tuple[dict[str, object], list[str]]:
    extracted = [extract(read_text(text, file)) for file, text in pages.items()]
    schemas = link(extracted)
    out = render_spec(default_service("svc"), extracted, schemas)
    codes = [d.code for p in extracted for d in p.diagnostics] + [d.code for d in out.diagnostics]
    return out.spec, codes


def _ids(spec: dict[str, object]) -> list[str]:
    paths = spec["paths"]
    assert isinstance(paths, dict)
    return sorted(op["operationId"] for item in paths.values() for op in item.values())


def test_collisions_are_resolved_and_reported() -> None:
    body = "Response Parameters\n-------------------\n\nNone.\n"
    spec, codes = _build({
        "a/querying_zones.rst": page("Querying Zones", "GET /v2/zones", body, name="x1"),
        "b/querying_zones.rst": page("Querying Zones", "GET /v3/zones", body, name="x2"),
        "b/querying_zones_v2.rst": page("Querying Zones (V2)", "GET /v4/zones", body, name="x3"),
    })
    assert _ids(spec) == ["ListZones", "ListZonesB", "ListZonesV2"]
    assert codes.count("naming.collision") == 2


def test_current_page_keeps_the_name_of_a_discarded_one() -> None:
    ops = [DocOperation("DeleteDisk", "delete", f"/v{n}/disks", "Deleting a Disk" + extra, "", Source(f, 1),
                        "Disks", deprecated=bool(extra))
           for n, (f, extra) in enumerate([("a.rst", " (Discarded)"), ("b.rst", "")])]
    diags = unique_operation_ids(ops)
    assert [o.operation_id for o in ops] == ["DeleteDiskDiscarded", "DeleteDisk"]
    assert [d.code for d in diags] == ["naming.collision"] and diags[0].source.file == "a.rst"


def test_unparsed_title_is_reported() -> None:
    spec, codes = _build({"a/bandwidth.rst": page("Bandwidth", "GET /v1/bandwidths", name="x")})
    assert _ids(spec) == ["Bandwidth"] and "naming.fallback" in codes


def test_model_named_after_its_field_not_its_anchor() -> None:
    anchor = "x__t0a1b2c3d4e5f60718293"
    head = ["Parameter", "Mandatory", "Type", "Description"]
    body = ("Request Parameters\n------------------\n\n"
            + table("Request parameters", [head, ["tag", "Yes", "Object", f"Tag, see :ref:`Table 3 <{anchor}>`."]])
            + table("Parameters in the tag list", [head, ["key", "Yes", "String", "Tag key"]], label=anchor))
    spec, _ = _build({"a/adding_tags.rst": page("Adding Resource Tags", "POST /v1/tags", body, name="x")})
    components = spec["components"]
    assert isinstance(components, dict)
    assert sorted(components["schemas"]) == ["CreateResourceTagsRequest", "Tag"]


# ---------------------------------------------------------------- mutation over a real corpus tree

DNS = CORPUS / "domain-name-service@83bb279"
_ARTICLE = re.compile(r"\b(a|an|the|A|An|The)\b")


def _dns_titles() -> list[str]:
    if not DNS.is_dir():
        pytest.fail(f"corpus tree {DNS} not found")  # a required input: never a silent skip
    out = []
    for f in sorted(Path(DNS, "apis").rglob("*.rst")):
        lines = f.read_text(encoding="utf-8").splitlines()
        for prev, line in zip(lines, lines[1:], strict=False):
            if prev.strip() and re.fullmatch(r"=+", line.strip()) and f.name != "index.rst":
                out.append(prev.strip())
                break
    return out


@pytest.mark.corpus
@settings(max_examples=60, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_article_and_casing_variants_of_real_titles_keep_their_names(data: st.DataObject) -> None:
    """Each DNS title with its articles swapped, re-cased or doubled-spaced gives the same name, and the
    names stay unique across the tree (the grammar reads words, not a writer's choice of article)."""
    titles = _dns_titles()
    assert len(titles) >= 30
    original = [title_name(t).name for t in titles]
    assert len(set(original)) == len(original)

    def vary(title: str) -> str:
        def one(m: re.Match[str]) -> str:
            word = data.draw(st.sampled_from(["a", "an", "the", "A", "The", "AN"]))
            return word + data.draw(st.sampled_from(["", " "]))
        return _ARTICLE.sub(one, title)

    mutated = [title_name(vary(t)).name for t in titles]
    assert mutated == original
