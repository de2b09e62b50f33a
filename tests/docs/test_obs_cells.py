"""OBS description cells (issue 22, precision sample causes M and L): the old `Parameter | Description | Mandatory`
layout states each type as a "Type: integer" paragraph of the Description cell, and "Example:" before a list of
bold header lines gives examples, not the header's values. Snippets faithful to the OBS pages of 5d1d0ce /
c20ad7b (object-storage-service history): listing_objects_in_a_bucket.rst, configuring_bucket_cors.rst,
initiating_a_multipart_upload.rst."""

from __future__ import annotations

import textwrap
from pathlib import Path

from generator.build.pipeline import build_spec
from generator.core.model import Field, Page, ParamLocation
from generator.core.types import Kind, TypeExpr
from generator.diff.compare import diff_specs
from generator.docs.extract import extract
from generator.docs.prose.read import read_description
from generator.docs.read import read_text

FILE = "apis/operations_on_buckets/listing_objects_in_a_bucket.rst"


def grid(caption: str, rows: list[list[list[str]]]) -> str:
    """An OBS-style grid table: every cell a list of paragraphs (a blank cell line between two)."""
    widths = [max(len(p) for r in rows for p in r[i]) + 2 for i in range(len(rows[0]))]

    def rule(ch: str) -> str:
        return "   +" + "+".join(ch * w for w in widths) + "+"

    out = [f".. table:: **Table 1** {caption}", "", rule("-")]
    for n, row in enumerate(rows):
        lines: list[list[str]] = []
        for paras in row:
            cell: list[str] = []
            for p in paras:
                cell += ([""] if cell else []) + [p]
            lines.append(cell)
        for k in range(max(len(c) for c in lines)):
            out.append("   |" + "|".join(" " + (c[k] if k < len(c) else "").ljust(w - 1)
                                         for c, w in zip(lines, widths, strict=True)) + "|")
        out.append(rule("=" if n == 0 else "-"))
    return "\n".join(out) + "\n\n"


def obs_page(query: list[list[list[str]]], elements: list[list[list[str]]]) -> str:
    return textwrap.dedent("""\
        :original_name: obs_04_0022.html

        .. _obs_04_0022:

        Listing Objects in a Bucket
        ===========================

        Functions
        ---------

        This operation lists objects in a bucket.

        Request Syntax
        --------------

        .. code-block:: text

           GET / HTTP/1.1
           Host: bucketname.obs.region.example.com

        Request Parameters
        ------------------

        """) + grid("Request parameters", query) + textwrap.dedent("""\
        Response Syntax
        ---------------

        ::

           HTTP/1.1 status_code

        Response Elements
        -----------------

        """) + grid("Response elements", elements)


OLD_QUERY = [
    [["Parameter"], ["Description"], ["Mandatory"]],
    [["prefix"], ["Lists objects that begin with the specified prefix.", "Type: string"], ["No"]],
    [["max-keys"], ["Specifies the maximum number (from **1** to **1000**) of objects returned (in alphabetical "
                    "order) in the response. If the value is beyond this range, only 1,000 objects are returned by "
                    "default.", "Type: integer"], ["No"]],
    [["marker"], ["Specifies a marker when listing objects in a bucket.", "Type: string, which must be a UTC time."],
     ["No"]],
    [["body"], ["Object content.", "Type: binary content or text"], ["No"]],
]
OLD_ELEMENTS = [
    [["Element"], ["Description"]],
    [["IsTruncated"], ["Determines whether the returned list of objects is truncated.", "Type: boolean"]],
    [["LastModified"], ["Time (UTC) when an object was last modified", "Type: date", "Parent: ListBucketResult"]],
    [["Version"], ["Container for version information", "Type: container"]],
]
# the same fields restated with a Type column (b387771)
NEW_QUERY = [
    [["Parameter"], ["Type"], ["Mandatory"], ["Description"]],
    [["prefix"], ["String"], ["No"], ["Lists objects that begin with the specified prefix."]],
    [["max-keys"], ["Integer"], ["No"], ["The maximum number of objects returned in the response in alphabetical "
                                         "order."]],
    [["marker"], ["String"], ["No"], ["Specifies a marker when listing objects in a bucket."]],
    [["body"], ["String"], ["No"], ["Object content."]],
]
NEW_ELEMENTS = [
    [["Element"], ["Type"], ["Description"]],
    [["IsTruncated"], ["Boolean"], ["Determines whether the returned list of objects is truncated."]],
    [["LastModified"], ["Date"], ["Time (UTC) when an object was last modified", "Parent: ListBucketResult"]],
    [["Version"], ["Container"], ["Container for version information"]],
]


def run(text: str) -> Page:
    return extract(read_text(text, FILE))


def _request_types(p: Page) -> dict[str, TypeExpr]:
    # the rows of the "Request parameters" table: read as the request body today (the real page's GET
    # ListObjectsInBucketRequest), as the query once OBS request tables are the query string; the type is the point
    [op] = p.operations
    fields = op.request_body.fields if op.request_body is not None else op.parameters.get(ParamLocation.QUERY, [])
    return {f.name: f.type for f in fields}


def test_type_paragraph_of_the_description_types_the_row() -> None:
    p = run(obs_page(OLD_QUERY, OLD_ELEMENTS))
    assert _request_types(p) == {"prefix": TypeExpr(Kind.STRING), "max-keys": TypeExpr(Kind.INTEGER, "int32"),
                     "marker": TypeExpr(Kind.STRING), "body": TypeExpr(Kind.STRING)}
    elements = {f.name: f.type for f in _response_fields(p)}
    assert elements == {"IsTruncated": TypeExpr(Kind.BOOLEAN), "LastModified": TypeExpr(Kind.STRING, "date"),
                        "Version": TypeExpr(Kind.OBJECT)}
    said = {d.message for d in p.diagnostics if d.code == "type.no_column"}
    assert "'max-keys': table has no Type column; its description's 'Type: integer'; typed integer" in said
    # a type word with a comment after it is the type word; prose the grammar cannot read stays a string, said so
    assert ("'marker': table has no Type column; its description's 'Type: string, which must be a UTC time.'; "
            "typed string") in said
    assert ("'body': table has no Type column; its description's 'Type: binary content or text' is not in the type "
            "grammar; typed string") in said


def _response_fields(p: Page) -> list[Field]:
    [op] = p.operations
    return [f for r in op.responses if r.body is not None for f in r.body.fields]


def test_a_type_column_wins_over_a_type_paragraph() -> None:
    rows = [[["Parameter"], ["Type"], ["Mandatory"], ["Description"]],
            [["max-keys"], ["String"], ["No"], ["Maximum number.", "Type: integer"]]]
    assert _request_types(run(obs_page(rows, OLD_ELEMENTS))) == {"max-keys": TypeExpr(Kind.STRING)}


def test_a_type_paragraph_inside_a_list_is_not_the_fields() -> None:
    rows = [[["Parameter"], ["Description"], ["Mandatory"]],
            [["max-keys"], ["Maximum number. Its parts:", "-  Type: integer"], ["No"]]]
    assert _request_types(run(obs_page(rows, OLD_ELEMENTS))) == {"max-keys": TypeExpr(Kind.STRING)}


def _write(root: Path, text: str) -> Path:
    (root / "apis" / "operations_on_buckets").mkdir(parents=True)
    (root / FILE).write_text(text, encoding="utf-8")
    return root


def test_restating_the_table_with_a_type_column_is_no_retype(tmp_path: Path) -> None:
    # OBS 5d1d0ce -> b387771: max-keys, IsTruncated, Version were each reported as a type change from string
    old = build_spec(_write(tmp_path / "old", obs_page(OLD_QUERY, OLD_ELEMENTS)), "obs")
    new = build_spec(_write(tmp_path / "new", obs_page(NEW_QUERY, NEW_ELEMENTS)), "obs")
    retyped = [c.rule_id for c in diff_specs(old.spec, new.spec).changes if c.rule_id.endswith("-type-changed")]
    assert retyped == []


KMS_KEY_ID = """
Master key ID. This header is used in SSE-KMS mode. If the customer does not provide the master key ID, the default master key ID will be used.

Type: string

The following two formats are supported:

- *regionID*\\ **:**\\ *domainID*\\ **:key/**\\ *key_id*

- *key_id*

*regionID* indicates the ID of the region where the key belongs. *domainID* indicates the ID of the tenant where the key belongs. *key_id* indicates the ID of the key created in KMS.

Examples:

- **x-obs-server-side-encryption-kms-key-id:**\\ *region*\\ **:domainiddomainiddomainiddoma0001:key/4f1cd4de-ab64-4807-920a-47fc42e7f0d0**

- **x-obs-server-side-encryption-kms-key-id:4f1cd4de-ab64-4807-920a-47fc42e7f0d0**
"""  # noqa: E501 - the cell of initiating_a_multipart_upload.rst:115 (c20ad7b) as it stands


def test_bold_lines_after_examples_are_no_value_set() -> None:
    cell = read_text(KMS_KEY_ID.strip() + "\n", "t.rst").doctree
    r = read_description(cell, TypeExpr(Kind.STRING))
    assert r.constraints.enum is None
    assert [m for c, m in r.findings if c == "prose.enum_example_only"] == [
        "values given as examples, not a closed set: 'Examples:'"]


def test_a_list_after_an_example_label_is_no_value_set() -> None:
    for lead in ("Example:", "The key ID. For example:", "Example values:"):
        cell = read_text(f"Storage class.\n\n{lead}\n\n- **STANDARD**\n\n- **WARM**\n", "t.rst").doctree
        assert read_description(cell, TypeExpr(Kind.STRING)).constraints.enum is None, lead
    # the same list after a lead that announces the set stays the set
    cell = read_text("Storage class.\n\nThe options are:\n\n- **STANDARD**\n\n- **WARM**\n", "t.rst").doctree
    assert read_description(cell, TypeExpr(Kind.STRING)).constraints.enum == ["STANDARD", "WARM"]


def test_older_type_phrasings() -> None:
    # OBS 77bcb3b: configuring_a_bucket_acl.rst:98, :104, configuring_bucket_lifecycle_rules.rst:147, :155,
    # configuring_tags_for_a_bucket.rst:78 ("element" is what 5a27830 calls "container")
    rows = [[["Parameter"], ["Description"], ["Mandatory"]],
            [["Delivered"], ["Whether the ACL applies.", "Type: boolean The default value is **false**."],
             ["No"]],
            [["Days"], ["Number of days.", "Type: positive integer"], ["No"]],
            [["Permission"], ["Permissions to be granted", "Type: Enumeration"], ["No"]],
            [["Grant"], ["A grant.", "Type: element"], ["No"]],
            [["StorageClass"], ["Storage class.", "Type: string WARM or COLD"], ["No"]],
            [["Owner"], ["The owner.", "Type: Grantee"], ["No"]]]
    p = run(obs_page(rows, OLD_ELEMENTS))
    assert _request_types(p) == {"Delivered": TypeExpr(Kind.BOOLEAN), "Days": TypeExpr(Kind.INTEGER, "int32"),
                                 "Permission": TypeExpr(Kind.STRING), "Grant": TypeExpr(Kind.OBJECT),
                                 "StorageClass": TypeExpr(Kind.STRING), "Owner": TypeExpr(Kind.STRING)}
    # any other bare word is no link to a table here: said, and left a string
    said = {d.message for d in p.diagnostics if d.code == "type.no_column"}
    assert ("'Owner': table has no Type column; its description's 'Type: Grantee' is not in the type grammar;"
            " typed string") in said
    assert not [d for d in p.diagnostics if d.code.startswith("ref.")]
