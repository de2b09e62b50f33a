"""The page styles of the OTC docs (shared/notes/otc-corpus.md §2-§13), each on a small snippet."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.build.pipeline import build_spec
from tests.rst_snippets import line_of

Tree = Callable[[dict[str, str]], Path]

RDS_V1 = """
:original_name: rds_01_0006.html

.. _rds_01_0006:

Adding a Tag
============

Function
--------

Adds a tag.

URI
---

-  URI format

   PATH: /v1/{project_id}/rds/{instanceId}/tags

   Method: POST

-  Parameter description

   .. table:: **Table 1** Parameter description

      ========== ========= ==============
      Name       Mandatory Description
      ========== ========= ==============
      project_id Yes       The project.
      instanceId Yes       The instance.
      ========== ========= ==============

Request
-------

-  Parameter description

   .. table:: **Table 2** Parameter description

      ==== ========= ================================================================ ===========
      Name Mandatory Type                                                             Description
      ==== ========= ================================================================ ===========
      tag  Yes       Dictionary data structure. For details, see :ref:`Table 3 <t3>`. The tag.
      ==== ========= ================================================================ ===========

   .. _t3:

   .. table:: **Table 3** tag field data structure description

      ===== ========= ====== =====================================
      Name  Mandatory Type   Description
      ===== ========= ====== =====================================
      key   Yes       String Must be 1 to 36 characters in length.
      value Yes       String The value.
      ===== ========= ====== =====================================

-  Request example

   .. code-block:: text

      {"tag": {"key": "ENV", "value": "DEV"}}

Normal Response
---------------

Normal response code: 200
"""


def test_rds_v1_path_and_method_bullets(make_tree: Tree) -> None:
    r = build_spec(make_tree({"api_v1/adding_a_tag.rst": RDS_V1}), "rds")
    op = r.spec["paths"]["/v1/{project_id}/rds/{instanceId}/tags"]["post"]
    assert [p["name"] for p in op["parameters"]] == ["project_id", "instanceId"]
    body = r.spec["components"]["schemas"]["CreateTagRequest"]
    assert body["properties"]["tag"]["$ref"] == "#/components/schemas/Tag"
    tag = r.spec["components"]["schemas"]["Tag"]
    assert tag["required"] == ["key", "value"]
    assert (tag["properties"]["key"]["minLength"], tag["properties"]["key"]["maxLength"]) == (1, 36)
    examples = op["requestBody"]["content"]["application/json"]["examples"]
    assert [e["value"] for e in examples.values()] == [{"tag": {"key": "ENV", "value": "DEV"}}]
    assert list(op["responses"]) == ["200"]
    assert not [d for d in r.diagnostics if d.code in ("schema.unreferenced", "page.no_uri", "status.none")]


OBS = """
:original_name: obs_04_0027.html

.. _obs_04_0027:

Configuring a Bucket ACL
========================

Functions
---------

Sets an ACL.

Request Syntax
--------------

.. code-block:: text

   PUT /?acl HTTP/1.1
   Host: bucketname.obs.region.example.com

Request Parameters
------------------

.. table:: **Table 1** Request parameters

   ========= ====== ========= ===========
   Parameter Type   Mandatory Description
   ========= ====== ========= ===========
   acl       String Yes       Selects the sub-resource.
   ========= ====== ========= ===========

Request Headers
---------------

.. table:: **Table 2** Headers

   ========= ====== ================== ===========
   Header    Type   Mandatory (Yes/No) Description
   ========= ====== ================== ===========
   x-obs-acl String No                 Canned ACL.
   ========= ====== ================== ===========

Response Syntax
---------------

::

   HTTP/1.1 status_code

Sample Response
---------------

.. code-block:: text

   HTTP/1.1 200 OK
   Server: OBS
"""


def test_obs_request_syntax_query_and_header_tables(make_tree: Tree) -> None:
    r = build_spec(make_tree({"apis/configuring_a_bucket_acl.rst": OBS}), "obs")
    op = r.spec["paths"]["/"]["put"]
    params = {(p["name"], p["in"]) for p in op["parameters"]}
    assert params == {("acl", "query"), ("x-obs-acl", "header")}


ECS = """
:original_name: en-us_topic_0065817722.html

.. _en-us_topic_0065817722:

Querying Details About an ECS Group
===================================

Function
--------

Queries a group.

URI
---

GET /v2.1/{project_id}/os-server-groups/{server_group_id}

GET /v2/{project_id}/os-server-groups/{server_group_id}

.. _tbl1:

.. table:: **Table 1** Parameter description

   =============== ========= ==============
   Parameter       Mandatory Description
   =============== ========= ==============
   project_id      Yes       The project.
   server_group_id Yes       The group.
   =============== ========= ==============

Returned Values
---------------

See :ref:`Returned Values for General Requests <general>`.
"""


def test_ecs_two_uri_lines_become_two_operations(make_tree: Tree) -> None:
    r = build_spec(make_tree({"nova/querying_details_about_an_ecs_group.rst": ECS}), "ecs")
    first = r.spec["paths"]["/v2.1/{project_id}/os-server-groups/{server_group_id}"]["get"]
    second = r.spec["paths"]["/v2/{project_id}/os-server-groups/{server_group_id}"]["get"]
    assert first["operationId"] == "ShowEcsGroup"
    assert second["operationId"] == "ShowEcsGroupV2"
    assert second["x-alias-of"] == "ShowEcsGroup"
    assert [p["name"] for p in first["parameters"]] == ["project_id", "server_group_id"]
    assert [p["description"] for p in second["parameters"]] == ["The project.", "The group."]
    # the labelled table in the URI section holds path parameters, not a nested object
    assert not [d for d in r.diagnostics if d.code in ("param.undocumented_path", "schema.unreferenced")]
    assert list(first["responses"]) == ["default"]  # only an appendix link: no code is invented
    assert "Returned Values for General Requests" in first["responses"]["default"]["description"]


IAM = """
:original_name: en-us_topic_0057845650.html

.. _en-us_topic_0057845650:

Creating a User Group
=====================

Function
--------

Creates a group.

URI
---

POST /v3/groups

Request Parameters
------------------

-  Parameters in the request body

   +--------------------------+-----------+--------+-------------------------+
   | Parameter                | Mandatory | Type   | Description             |
   +==========================+===========+========+=========================+
   | :ref:`group <li-group>`  | Yes       | Object | User group information. |
   +--------------------------+-----------+--------+-------------------------+

-  .. _li-group:

   group

   +-------------+-----------+--------+--------------------------------------------------------+
   | Parameter   | Mandatory | Type   | Description                                            |
   +=============+===========+========+========================================================+
   | name        | Yes       | String | The length is less than or equal to 64 characters.     |
   +-------------+-----------+--------+--------------------------------------------------------+

-  Example request

   .. code-block::

      curl -i -k -H 'Content-Type:application/json;charset=utf8' -X POST -d '{"group": {"name": "g1"}}' https://iam/v3/groups

Response Parameters
-------------------

Status Codes
------------

=========== ===========
Status Code Description
=========== ===========
201         Created.
=========== ===========
"""


def test_iam_bullet_tables_name_cell_refs_and_curl(make_tree: Tree) -> None:
    r = build_spec(make_tree({"groups/creating_a_user_group.rst": IAM}), "iam")
    op = r.spec["paths"]["/v3/groups"]["post"]
    body = r.spec["components"]["schemas"]["CreateUserGroupRequest"]
    assert body["properties"]["group"]["$ref"] == "#/components/schemas/Group"
    group = r.spec["components"]["schemas"]["Group"]
    assert group["properties"]["name"]["maxLength"] == 64 and group["required"] == ["name"]
    (example,) = op["requestBody"]["content"]["application/json"]["examples"].values()
    assert example["value"] == {"group": {"name": "g1"}}
    assert example["x-source"]["line"] == line_of(IAM.lstrip("\n"), "curl -i")
    assert not [d for d in r.diagnostics if d.code == "schema.unreferenced"]


def test_one_call_on_two_pages_is_merged(make_tree: Tree) -> None:
    def zone(title: str, name: str, field: str) -> str:
        return (f":original_name: {name}.html\n\n.. _{name}:\n\n{title}\n{'=' * len(title)}\n\nFunction\n--------\n\n"
                f"{title}.\n\nURI\n---\n\nPOST /v2/zones\n\nRequest Parameters\n------------------\n\n"
                ".. table:: **Table 1** Request body parameters\n\n"
                "   ========= ========= ====== ===========\n"
                "   Parameter Mandatory Type   Description\n"
                "   ========= ========= ====== ===========\n"
                f"   {field:<9} Yes       String A field.\n"
                "   ========= ========= ====== ===========\n\n"
                "Status Codes\n------------\n\n=========== ===========\nStatus Code Description\n"
                "=========== ===========\n202         Accepted\n=========== ===========\n")

    root = make_tree({"a/creating_a_private_zone.rst": zone("Creating a Private Zone", "CreatePrivateZone", "router"),
                      "a/creating_a_public_zone.rst": zone("Creating a Public Zone", "CreatePublicZone", "email")})
    r = build_spec(root, "dns")
    op = r.spec["paths"]["/v2/zones"]["post"]
    assert op["operationId"] == "CreatePrivateZone"
    assert [v["operationId"] for v in op["x-otc-variants"]] == ["CreatePrivateZone", "CreatePublicZone"]
    assert op["requestBody"]["content"]["application/json"]["schema"] == {"anyOf": [
        {"$ref": "#/components/schemas/CreatePrivateZoneRequest"},
        {"$ref": "#/components/schemas/CreatePublicZoneRequest"}]}
    assert [d.code for d in r.diagnostics if d.code == "operation.merged"] == ["operation.merged"]


def test_lone_dash_row_types_the_whole_body(make_tree: Tree) -> None:
    from tests.rst_snippets import page, table

    body = ("Request Parameters\n------------------\n\n"
            + table("Request body parameters", [["Parameter", "Mandatory", "Type", "Description"],
                                                ["-", "Yes", "Object", "Free-form settings."]]))
    text = page("Starting It", "POST /v1/start", body, name="Start")
    r = build_spec(make_tree({"a/start.rst": text}), "svc")
    media = r.spec["paths"]["/v1/start"]["post"]["requestBody"]["content"]["application/json"]
    # the body is the `-` row's type, traced to that row
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t.split()[:2] == ["-", "Yes"])
    assert media["schema"] == {"type": "object", "x-source": {"file": "a/start.rst", "line": line}}
    assert "StartRequest" not in r.spec["components"]["schemas"]
