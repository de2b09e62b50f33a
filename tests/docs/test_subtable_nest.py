"""Issue 22, causes B and G of benchmarks/history_precision.md: tables the old build read as the wrong part of a call.

Each snippet is faithful to the history page it names (the commit is the side the misreading was on).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.build.pipeline import BuildResult, build_spec
from tests.rst_snippets import line_of

Tree = Callable[[dict[str, str]], Path]


def _schema(r: BuildResult, ref_holder: dict[str, Any]) -> dict[str, Any]:
    schema: dict[str, Any] = r.spec["components"]["schemas"][ref_holder["$ref"].rsplit("/", 1)[1]]
    return schema


def _response(r: BuildResult, path: str, method: str) -> dict[str, Any]:
    holder = r.spec["paths"][path][method]["responses"]["200"]
    return _schema(r, holder["content"]["application/json"]["schema"])


# identity-access-management efde69e, apis/user_management/querying_a_user_list.rst: the bullet "Description for the
# user format" holds the table of one element of `users` (a JSONArray); no `:ref:` links the two
IAM_USERS = """\
:original_name: en-us_topic_0057845638.html

.. _en-us_topic_0057845638:

Querying a User List
====================

URI
---

GET /v3/users

Response Parameters
-------------------

-  Parameters in the response body

   ========= ========= =========== =========================
   Parameter Mandatory Type        Description
   ========= ========= =========== =========================
   users     Yes       JSONArray   User list.
   links     Yes       JSON object Links of a user resource.
   ========= ========= =========== =========================

-  Description for the user format

   +---------------------+-----------+-------------+-------------------------------------------------------------+
   | Parameter           | Mandatory | Type        | Description                                                 |
   +=====================+===========+=============+=============================================================+
   | description         | Yes       | String      | Description for a user.                                     |
   +---------------------+-----------+-------------+-------------------------------------------------------------+
   | id                  | Yes       | String      | User ID.                                                    |
   +---------------------+-----------+-------------+-------------------------------------------------------------+
   | name                | Yes       | String      | Username.                                                   |
   +---------------------+-----------+-------------+-------------------------------------------------------------+
   | pwd_status          | No        | Boolean     | Password status.                                            |
   +---------------------+-----------+-------------+-------------------------------------------------------------+

-  Example response

   .. code-block::

      {
          "users": [{"name": "username", "description": "1234", "id": "6d8b04e3bf", "pwd_status": true}],
          "links": {"self": "https://sample.domain.com/v3/users"}
      }

Status Codes
------------

=========== =========================================
Status Code Description
=========== =========================================
200         The request is successful.
=========== =========================================
"""

# identity-access-management efde69e, .../querying_information_about_keystone_api_version_3.0.rst: the same for an
# Object row, the format named as the row is
IAM_VERSION = """\
:original_name: en-us_topic_0057845613.html

.. _en-us_topic_0057845613:

Querying Information About Keystone API Version 3.0
===================================================

URI
---

GET /v3

Response Parameters
-------------------

-  Response parameter description

   ========= ========= ====== =================================
   Parameter Mandatory Type   Description
   ========= ========= ====== =================================
   version   Yes       Object Keystone API version information.
   ========= ========= ====== =================================

-  Description for the version format

   =========== ========= ====== =================================
   Parameter   Mandatory Type   Description
   =========== ========= ====== =================================
   status      Yes       String Version status.
   id          Yes       String Version, for example, v3.0.
   =========== ========= ====== =================================

-  Example response (successful response)

   .. code-block::

      {"version": {"status": "stable", "id": "v3.6"}}
"""


def test_description_for_the_x_format_is_the_table_of_row_x(make_tree: Tree) -> None:
    r = build_spec(make_tree({"user_management/querying_a_user_list.rst": IAM_USERS,
                              "version/querying_information_about_keystone_api_version_3.0.rst": IAM_VERSION}), "iam")
    users_body = _response(r, "/v3/users", "get")
    assert set(users_body["properties"]) == {"users", "links"}
    user = _schema(r, users_body["properties"]["users"]["items"])
    assert list(user["properties"]) == ["description", "id", "name", "pwd_status"]
    assert user["required"] == ["description", "id", "name"]
    version_body = _response(r, "/v3", "get")
    assert list(version_body["properties"]) == ["version"]
    assert list(_schema(r, version_body["properties"]["version"])["properties"]) == ["status", "id"]
    assert not [d for d in r.diagnostics if d.code in ("schema.unreferenced", "example.schema_mismatch")]


# elastic-cloud-server d551006, out-of-date_apis/image_management_openstack_nova_apis/querying_images_discarded.rst:93
ECS_IMAGES = """\
:original_name: en-us_topic_0065817695.html

.. _en-us_topic_0065817695:

Querying Images (Discarded)
===========================

URI
---

GET /v2/{project_id}/images

Response
--------

.. _en-us_topic_0065817695__table199957019352:

.. table:: **Table 4** Response parameters

   +--------------+-----------+------------------+-------------------------------------------------------------------+
   | Parameter    | Mandatory | Type             | Description                                                       |
   +==============+===========+==================+===================================================================+
   | images       | Yes       | Array of objects | Specifies the image information.                                  |
   +--------------+-----------+------------------+-------------------------------------------------------------------+
   | images_links | No        | Array of objects | Specifies the information about the next page when you query ...  |
   +--------------+-----------+------------------+-------------------------------------------------------------------+

.. table:: **Table 5** **images** information

   +-----------+-----------+------------------+-------------------------------------------+
   | Parameter | Mandatory | Type             | Description                               |
   +===========+===========+==================+===========================================+
   | id        | Yes       | String           | Specifies the image ID in UUID format.    |
   +-----------+-----------+------------------+-------------------------------------------+
   | name      | Yes       | String           | Specifies the image name.                 |
   +-----------+-----------+------------------+-------------------------------------------+

.. table:: **Table 6** **images_links** parameters

   +-----------+-----------+--------+--------------------------------------------------------------------+
   | Parameter | Mandatory | Type   | Description                                                        |
   +===========+===========+========+====================================================================+
   | href      | Yes       | String | Specifies the URL of the next page when you query images in pages. |
   +-----------+-----------+--------+--------------------------------------------------------------------+
   | rel       | Yes       | String | Specifies the query direction when you query images in pages.      |
   +-----------+-----------+--------+--------------------------------------------------------------------+
"""


def test_x_information_is_the_table_of_row_x(make_tree: Tree) -> None:
    r = build_spec(make_tree({"image/querying_images_discarded.rst": ECS_IMAGES}), "ecs")
    body = _response(r, "/v2/{project_id}/images", "get")
    assert list(body["properties"]) == ["images", "images_links"] and body["required"] == ["images"]
    assert list(_schema(r, body["properties"]["images"]["items"])["properties"]) == ["id", "name"]
    assert list(_schema(r, body["properties"]["images_links"]["items"])["properties"]) == ["href", "rel"]


def test_x_information_naming_no_row_stays_in_the_body(make_tree: Tree) -> None:
    """A caption in passing binds only where the page has that object row: otherwise the table is read as before."""
    text = ECS_IMAGES.replace("**Table 5** **images** information", "**Table 5** **server** information")
    r = build_spec(make_tree({"image/querying_images_discarded.rst": text}), "ecs")
    body = _response(r, "/v2/{project_id}/images", "get")
    assert {"id", "name"} <= set(body["properties"])


# object-storage-service f3ea777, apis/operations_on_objects/deleting_object_tags.rst: "Request parameters" lists the
# keys of the request line; `tagging` is the sub-resource the line writes without a value
OBS_DELETE_TAGS = """\
:original_name: obs_04_0165.html

.. _obs_04_0165:

Deleting Object Tags
====================

Functions
---------

This operation deletes tags from an object.

Request Syntax
--------------

.. code-block:: text

   DELETE /objectname?tagging&versionId=versionid  HTTP/1.1
   Host: bucketname.obs.region.example.com
   Date: date
   Authorization: authorization string

Request Parameters
------------------

:ref:`Table 1 <obs_04_0165__table416285709507>` describes the parameters in the request.

.. _obs_04_0165__table416285709507:

.. table:: **Table 1** Request parameters

   +-----------------------+---------------------------------------------------------------+-----------------------+
   | Parameter             | Description                                                   | Mandatory (Yes/No)    |
   +=======================+===============================================================+=======================+
   | tagging               | Indicates an object tag request.                              | Yes                   |
   |                       |                                                               |                       |
   |                       | Type: string                                                  |                       |
   +-----------------------+---------------------------------------------------------------+-----------------------+
   | versionId             | ID of the tagged object version.                              | No                    |
   |                       |                                                               |                       |
   |                       | Type: string                                                  |                       |
   +-----------------------+---------------------------------------------------------------+-----------------------+

Request Headers
---------------

This request uses common headers.

Request Elements
----------------

This request involves no elements.

Response Syntax
---------------

::

   HTTP/1.1 status_code
   Date: date
"""

# relational-database-service 03eecfd (corpus), .../querying_the_major_version_check_status_or_upgrade_status_of_a_db_
# instance_rds_for_postgresql.rst: the Request section's table is the `?action=` of the URI
RDS_STATUS = """\
:original_name: rds_19_0003.html

.. _rds_19_0003:

Querying the Major Version Check Status or Upgrade Status of a DB Instance (RDS for PostgreSQL)
===============================================================================================

URI
---

-  URI format

   GET /v3/{project_id}/instances/{instance_id}/major-version/status?action={current_action}

Request
-------

-  Request parameters

   .. table:: **Table 2** Parameter description

      +-----------------+-----------------+-----------------+---------------------------------------------------------+
      | Name            | Type            | Mandatory       | Description                                             |
      +=================+=================+=================+=========================================================+
      | action          | String          | Yes             | The status to be queried.                               |
      +-----------------+-----------------+-----------------+---------------------------------------------------------+
"""


def test_request_parameters_naming_the_request_lines_keys_are_its_query(make_tree: Tree) -> None:
    r = build_spec(make_tree({"objects/deleting_object_tags.rst": OBS_DELETE_TAGS,
                              "upgrade/querying_the_major_version_status.rst": RDS_STATUS}), "obs")
    op = r.spec["paths"]["/objectname"]["delete"]
    assert "requestBody" not in op
    query = {p["name"]: p for p in op["parameters"] if p["in"] == "query"}
    assert list(query) == ["tagging", "versionId"]
    assert not query["tagging"]["required"] and not query["versionId"]["required"]
    assert query["tagging"]["x-source"]["line"] == line_of(OBS_DELETE_TAGS, "   | tagging ")
    assert [d.source.line for d in r.diagnostics if d.code == "param.subresource_key"] == [
        line_of(OBS_DELETE_TAGS, "   | tagging ")]
    rds = r.spec["paths"]["/v3/{project_id}/instances/{instance_id}/major-version/status"]["get"]
    assert "requestBody" not in rds
    action = [p for p in rds["parameters"] if p["name"] == "action"]
    assert [(p["in"], p["required"]) for p in action] == [("query", True)]


# object-storage-service b9835f8 (corpus), apis/operations_on_multipart_upload/listing_uploaded_parts_that_have_not_be
# en_assembled.rst: the name cell wraps `part-number-marker` over two lines, read as "part-number -marker"
OBS_LIST_PARTS = """\
:original_name: obs_04_0101.html

.. _obs_04_0101:

Listing Uploaded Parts that Have Not Been Assembled
===================================================

Request Syntax
--------------

.. code-block:: text

   GET /ObjectName?uploadId=uploadid&max-parts=max&part-number-marker=marker HTTP/1.1
   Host: bucketname.obs.region.example.com

Request Parameters
------------------

.. table:: **Table 1** Request parameters

   +-----------------------+--------------------------------------------------------------+-----------------+
   | Parameter             | Description                                                  | Mandatory       |
   +=======================+==============================================================+=================+
   | uploadId              | ID of the multipart upload                                   | Yes             |
   |                       |                                                              |                 |
   |                       | Type: string                                                 |                 |
   +-----------------------+--------------------------------------------------------------+-----------------+
   | part-number           | Part after which the part listing begins.                    | No              |
   |                       |                                                              |                 |
   | -marker               | Type: integer                                                |                 |
   +-----------------------+--------------------------------------------------------------+-----------------+
"""


def test_a_query_row_wrapped_over_lines_takes_the_request_lines_name(make_tree: Tree) -> None:
    r = build_spec(make_tree({"multipart/listing_uploaded_parts.rst": OBS_LIST_PARTS}), "obs")
    op = r.spec["paths"]["/ObjectName"]["get"]
    assert "requestBody" not in op
    query = {p["name"]: p["required"] for p in op["parameters"] if p["in"] == "query"}
    assert query == {"uploadId": True, "part-number-marker": False, "max-parts": False}
    assert [d.source.line for d in r.diagnostics if d.code == "param.name_spaced"] == [
        line_of(OBS_LIST_PARTS, "   | part-number ")]


# modelarts 3fb762f, service_management/deploying_a_model_as_a_service.rst: "**config** parameters of **real-time**"
# and "... of **batch**" have no label and their row no `:ref:`; read as a second request body, their rows
# (`custom_spec`) became body fields
MA_DEPLOY = """\
:original_name: modelarts_03_0082.html

.. _modelarts_03_0082:

Deploying a Model as a Service
==============================

URI
---

POST /v1/{project_id}/services

Request Body
------------

.. table:: **Table 2** Parameters

   +--------------+-----------+--------------------------------------------------+-----------------------------+
   | Parameter    | Mandatory | Type                                             | Description                 |
   +==============+===========+==================================================+=============================+
   | service_name | Yes       | String                                           | Service name.               |
   +--------------+-----------+--------------------------------------------------+-----------------------------+
   | config       | Yes       | **config** array corresponding to **infer_type** | Model running configuration.|
   +--------------+-----------+--------------------------------------------------+-----------------------------+

.. table:: **Table 3** **config** parameters of **real-time**

   +-------------+-----------+---------------------------+----------------------------+
   | Parameter   | Mandatory | Type                      | Description                |
   +=============+===========+===========================+============================+
   | model_id    | Yes       | String                    | Model ID                   |
   +-------------+-----------+---------------------------+----------------------------+
   | custom_spec | No        | **custom_spec** structure | Custom specifications.     |
   +-------------+-----------+---------------------------+----------------------------+

.. table:: **Table 4** **config** parameters of **batch**

   +-------------+-----------+---------------------------+----------------------------+
   | Parameter   | Mandatory | Type                      | Description                |
   +=============+===========+===========================+============================+
   | model_id    | Yes       | String                    | Model ID                   |
   +-------------+-----------+---------------------------+----------------------------+
   | src_path    | Yes       | String                    | OBS path of the input data |
   +-------------+-----------+---------------------------+----------------------------+
"""


def test_x_parameters_of_y_is_a_table_of_row_x_not_a_second_body(make_tree: Tree) -> None:
    r = build_spec(make_tree({"services/deploying.rst": MA_DEPLOY}), "modelarts")
    op = r.spec["paths"]["/v1/{project_id}/services"]["post"]
    body = _schema(r, op["requestBody"]["content"]["application/json"]["schema"])
    assert list(body["properties"]) == ["service_name", "config"]
    config = _schema(r, body["properties"]["config"])
    assert list(config["properties"]) == ["model_id", "custom_spec"]
    assert config["x-source"]["line"] == line_of(MA_DEPLOY, ".. table:: **Table 3**")
    # the batch case is not dropped unseen: no row links it, and that is reported
    assert [d.source.line for d in r.diagnostics if d.code == "schema.unreferenced"] == [
        line_of(MA_DEPLOY, ".. table:: **Table 4**")]


# virtual-private-cloud 934506a, native_openstack_neutron_apis_v2.0/router/creating_a_router.rst: the response row's
# `:ref:` names the page, not a table; by name it took the request's table, which had lost `enable_snat`
VPC_ROUTER = """\
:original_name: vpc_router_0003.html

.. _vpc_router_0003:

Creating a Router
=================

URI
---

POST /v2.0/routers

Request Parameters
------------------

.. _vpc_router_0003__table24153696181443:

.. table:: **Table 2** **router** objects

   +-----------------------+-----------+-----------------------------------------------------------+-------------+
   | Parameter             | Mandatory | Type                                                      | Description |
   +=======================+===========+===========================================================+=============+
   | external_gateway_info | No        | :ref:`external_gateway_info <vpc_router_0003__t3>` object | Gateway.    |
   +-----------------------+-----------+-----------------------------------------------------------+-------------+

.. _vpc_router_0003__t3:

.. table:: **Table 3** **external_gateway_info** objects

   +------------+-----------+--------+----------------------+
   | Parameter  | Mandatory | Type   | Description          |
   +============+===========+========+======================+
   | network_id | Yes       | String | The external network |
   +------------+-----------+--------+----------------------+

Response Parameters
-------------------

.. _vpc_router_0003__table1923815121475:

.. table:: **Table 5** **router** objects

   +-----------------------+-------------------------------------------------------+-----------------------+
   | Parameter             | Type                                                  | Description           |
   +=======================+=======================================================+=======================+
   | id                    | String                                                | The router ID.        |
   +-----------------------+-------------------------------------------------------+-----------------------+
   | external_gateway_info | :ref:`external_gateway_info <vpc_router_0003>` object | The external gateway. |
   +-----------------------+-------------------------------------------------------+-----------------------+

.. table:: **Table 6** **external_gateway_info** objects

   +-------------+---------+---------------------------------+
   | Parameter   | Type    | Description                     |
   +=============+=========+=================================+
   | network_id  | String  | The external network            |
   +-------------+---------+---------------------------------+
   | enable_snat | Boolean | Whether SNAT is enabled.        |
   +-------------+---------+---------------------------------+
"""


def test_a_row_naming_a_table_both_sides_have_takes_its_own_sides(make_tree: Tree) -> None:
    r = build_spec(make_tree({"router/creating_a_router.rst": VPC_ROUTER}), "vpc")
    op = r.spec["paths"]["/v2.0/routers"]["post"]
    request = _schema(r, op["requestBody"]["content"]["application/json"]["schema"])
    response = _response(r, "/v2.0/routers", "post")
    sent = _schema(r, request["properties"]["external_gateway_info"])
    got = _schema(r, response["properties"]["external_gateway_info"])
    assert list(sent["properties"]) == ["network_id"]
    assert list(got["properties"]) == ["network_id", "enable_snat"]
    assert got["x-source"]["line"] == line_of(VPC_ROUTER, ".. table:: **Table 6**")


# modelarts 3fb762f (history), devenviron/querying_a_list_of_development_environment_instances.rst:16-42: a GET's
# "Request Body" table lists the keys of its request line and more; a GET has no body: the table is its query
MA_LIST_INSTANCES = """\
:original_name: modelarts_03_0111.html

.. _modelarts_03_0111:

Querying a List of Development Environment Instances
====================================================

URI
---

GET /v1/{project_id}/demanager/instances?de_type={de_type}&limit={limit}

Request Body
------------

.. table:: **Table 2** Parameters

   +-----------------+-----------------+-----------------+-----------------------------------------------+
   | Parameter       | Mandatory       | Type            | Description                                   |
   +=================+=================+=================+===============================================+
   | de_type         | Yes             | String          | Development environment type.                 |
   +-----------------+-----------------+-----------------+-----------------------------------------------+
   | limit           | No              | Integer         | Maximum number of records returned.           |
   +-----------------+-----------------+-----------------+-----------------------------------------------+
   | workspace_id    | No              | String          | Workspace ID.                                 |
   +-----------------+-----------------+-----------------+-----------------------------------------------+
"""


def test_a_get_body_table_holding_its_request_lines_keys_is_its_query(make_tree: Tree) -> None:
    r = build_spec(make_tree({"devenviron/listing.rst": MA_LIST_INSTANCES}), "modelarts")
    op = r.spec["paths"]["/v1/{project_id}/demanager/instances"]["get"]
    assert "requestBody" not in op
    query = {p["name"]: p for p in op["parameters"] if p["in"] == "query"}
    assert {n: p["required"] for n, p in query.items()} == {"de_type": True, "limit": False, "workspace_id": False}
    assert query["workspace_id"]["schema"]["type"] == "string"
    assert query["de_type"]["x-source"]["line"] == line_of(MA_LIST_INSTANCES, "   | de_type ")


# object-storage-service 03b2e6d (history), apis/operations_on_objects/copying_an_object.rst:115: the header cell
# wraps `x-obs-metadata-directive` at its hyphen, read as "x-obs-metadata- directive"
OBS_COPY = """\
:original_name: obs_04_0082.html

.. _obs_04_0082:

Copying an Object
=================

Request Syntax
--------------

.. code-block:: text

   PUT /destinationobjectname HTTP/1.1
   Host: bucketname.obs.region.example.com
   x-obs-copy-source: /sourcebucket/sourceobject

Request Headers
---------------

.. table:: **Table 1** Request headers

   +-----------------------+---------------------------------------------------------------+-----------------------+
   | Header                | Description                                                   | Mandatory             |
   +=======================+===============================================================+=======================+
   | x-obs-metadata-       | Whether the metadata of the target object is copied.          | No                    |
   | directive             |                                                               |                       |
   |                       | Type: string                                                  |                       |
   +-----------------------+---------------------------------------------------------------+-----------------------+
   | x-obs-copy-source     | The source object.                                            | Yes                   |
   |                       |                                                               |                       |
   |                       | Type: string                                                  |                       |
   +-----------------------+---------------------------------------------------------------+-----------------------+
"""


def test_a_header_cell_wrapped_at_its_hyphen_names_one_header(make_tree: Tree) -> None:
    r = build_spec(make_tree({"objects/copying_an_object.rst": OBS_COPY}), "obs")
    op = r.spec["paths"]["/destinationobjectname"]["put"]
    headers = [p["name"] for p in op["parameters"] if p["in"] == "header"]
    assert headers == ["x-obs-metadata-directive", "x-obs-copy-source"]
    (said,) = [d for d in r.diagnostics if d.code == "param.name_spaced"]
    assert said.source.line == line_of(OBS_COPY, "   | x-obs-metadata- ")
