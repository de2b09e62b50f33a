"""Issue 23, "tables that mean what they say": each test is a faithful snippet of the page the issue cites."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.build.pipeline import BuildResult, build_spec
from generator.core.model import Source
from tests.rst_snippets import line_of

Tree = Callable[[dict[str, str]], Path]


def _schema(r: BuildResult, ref_holder: dict[str, Any]) -> dict[str, Any]:
    schema: dict[str, Any] = r.spec["components"]["schemas"][ref_holder["$ref"].rsplit("/", 1)[1]]
    return schema


def _body(r: BuildResult, path: str, method: str, status: str | None = None) -> dict[str, Any]:
    op = r.spec["paths"][path][method]
    holder = op["requestBody"] if status is None else op["responses"][status]
    return _schema(r, holder["content"]["application/json"]["schema"])


# elastic-cloud-server native_openstack_nova_apis/network_management/querying_the_networks_of_a_specified_ecs.rst
ECS_IPS = """\
:original_name: en-us_topic_0031169058.html

.. _en-us_topic_0031169058:

Querying the Networks of a Specified ECS
========================================

URI
---

GET /v2/{project_id}/servers/{server_id}/ips

Response
--------

.. _en-us_topic_0031169058__table53480673143936:

.. table:: **Table 2** Response parameters

   ========= ========= ====== ========================================================================================
   Parameter Mandatory Type   Description
   ========= ========= ====== ========================================================================================
   addresses Yes       Object Specifies the network address of the ECS. For details, see :ref:`Table 3
                              <en-us_topic_0031169058__table56891490143956>`.
   ========= ========= ====== ========================================================================================

.. _en-us_topic_0031169058__table56891490143956:

.. table:: **Table 3** **addresses** parameter structure description

   ========================== ========= ================ =============================================================
   Parameter                  Mandatory Type             Description
   ========================== ========= ================ =============================================================
   Network address of the ECS Yes       Array of objects Specifies the network where the ECS accesses. For details
                                                         about the network parameter, see :ref:`Table 4
                                                         <en-us_topic_0031169058__table22651992144025>`.
   ========================== ========= ================ =============================================================

.. _en-us_topic_0031169058__table22651992144025:

.. table:: **Table 4** ECS network parameter structure description

   +-----------+---------+----------------------------+
   | Attribute | Type    | Remarks                    |
   +===========+=========+============================+
   | version   | Integer | Specifies the IP version.  |
   +-----------+---------+----------------------------+
   | addr      | String  | Specifies the IP address.  |
   +-----------+---------+----------------------------+

Example Response
----------------

.. code-block::

   {
       "addresses": {
           "net-1": [{"version": 4, "addr": "10.176.42.16"}]
       }
   }
"""


def test_a_prose_row_name_is_the_key_of_a_map_never_a_required_property(make_tree: Tree) -> None:
    r = build_spec(make_tree({"network_management/querying_the_networks_of_a_specified_ecs.rst": ECS_IPS}), "ecs")
    body = _body(r, "/v2/{project_id}/servers/{server_id}/ips", "get", "200")
    addresses = _schema(r, body["properties"]["addresses"])
    assert addresses["properties"] == {} and "required" not in addresses
    values = addresses["additionalProperties"]
    assert values["type"] == "array"
    assert set(_schema(r, values["items"])["properties"]) == {"version", "addr"}
    assert [d.source.line for d in r.diagnostics if d.code == "table.map_key"] == [
        line_of(ECS_IPS, "   Network address of the ECS Yes")]
    assert not [d for d in r.diagnostics if d.code == "example.schema_mismatch"]


# cloud-container-engine .../obtaining_the_list_of_parameters_that_can_be_configured_for_a_cluster.rst and the IAM
# `<operator>` rows: placeholders in braces or angle brackets
def test_a_placeholder_row_typed_as_a_map_gives_the_values_of_that_map(make_tree: Tree) -> None:
    text = """\
        :original_name: ShowClusterConfigurationDetails.html

        .. _ShowClusterConfigurationDetails:

        Obtaining the List of Parameters That Can Be Configured for a Cluster
        =====================================================================

        URI
        ---

        GET /api/v3/projects/{project_id}/clusters/{cluster_id}/configuration/detail

        Response Parameters
        -------------------

        **Status code: 200**

        .. table:: **Table 3** Response body parameters

           +--------------------+--------------------------------------------------------+-------------------------+
           | Parameter          | Type                                                   | Description             |
           +====================+========================================================+=========================+
           | {User defined key} | Map<String,Array<:ref:`PackageOptions <sccd_po>`>>     | Response body.          |
           +--------------------+--------------------------------------------------------+-------------------------+

        .. _sccd_po:

        .. table:: **Table 4** PackageOptions

           +-----------+--------+--------------------+
           | Parameter | Type   | Description        |
           +===========+========+====================+
           | name      | String | Parameter name.    |
           +-----------+--------+--------------------+
           | <attr>    | String | Any other setting. |
           +-----------+--------+--------------------+
        """
    r = build_spec(make_tree({"configuration_management/obtaining.rst": text}), "cce")
    body = _body(r, "/api/v3/projects/{project_id}/clusters/{cluster_id}/configuration/detail", "get", "200")
    assert body["properties"] == {}
    assert body["additionalProperties"]["type"] == "array"
    options = _schema(r, body["additionalProperties"]["items"])
    assert list(options["properties"]) == ["name"]
    assert options["additionalProperties"]["type"] == "string"


# elastic-cloud-server out-of-date_apis/floating_ip_address_management_openstack_nova_apis/
# binding_a_floating_ip_address_discarded.rst:42-58
ECS_ADD_FLOATING_IP = """\
:original_name: en-us_topic_0065817718.html

.. _en-us_topic_0065817718:

Binding a Floating IP Address (Discarded)
=========================================

URI
---

POST /v2/{project_id}/servers/{server_id}/action

Request
-------

.. _en-us_topic_0065817718__en-us_topic_0057972997_table49322741:

.. table:: **Table 2** Request parameter

   +---------------+-----------+--------+----------------------------------------------------------+
   | Parameter     | Mandatory | Type   | Description                                              |
   +===============+===========+========+==========================================================+
   | addFloatingIp | Yes       | Object | Specifies the floating IP address to be bound to an ECS. |
   +---------------+-----------+--------+----------------------------------------------------------+

.. table:: **Table 3** **addFloatingIp** parameter information

   ============= ========= ====== =============================================================================
   Parameter     Mandatory Type   Description
   ============= ========= ====== =============================================================================
   address       Yes       String Specifies the floating IP address.
   fixed_address No        String Specifies the fixed IP address with which the floating IP address associates.
   ============= ========= ====== =============================================================================

Example Request
---------------

.. code-block::

   {
      "addFloatingIp" : {
          "address" : "10.144.2.1",
          "fixed_address" : "192.168.1.3"
       }
   }
"""


def test_x_parameter_information_describes_the_inside_of_x(make_tree: Tree) -> None:
    r = build_spec(make_tree({"floating_ip/binding_a_floating_ip_address_discarded.rst": ECS_ADD_FLOATING_IP}),
                   "ecs")
    body = _body(r, "/v2/{project_id}/servers/{server_id}/action", "post")
    assert list(body["properties"]) == ["addFloatingIp"] and body["required"] == ["addFloatingIp"]
    inner = _schema(r, body["properties"]["addFloatingIp"])
    assert list(inner["properties"]) == ["address", "fixed_address"] and inner["required"] == ["address"]
    assert not [d for d in r.diagnostics if d.code == "example.schema_mismatch"]


# elastic-cloud-server .../querying_floating_ip_addresses_discarded.rst: "floating_ip attributes" are no root rows
ECS_FLOATING_IPS = """\
:original_name: en-us_topic_0065820817.html

.. _en-us_topic_0065820817:

Querying Floating IP Addresses (Discarded)
==========================================

URI
---

GET /v2/{project_id}/os-floating-ips

Response
--------

.. table:: **Table 2** Response parameters

   +--------------+-----------+------------------+--------------------------------------+
   | Parameter    | Mandatory | Type             | Description                          |
   +==============+===========+==================+======================================+
   | floating_ips | Yes       | Array of objects | Specifies the floating IP addresses. |
   +--------------+-----------+------------------+--------------------------------------+

.. table:: **Table 3** **floating_ip** objects

   =========== ========= ====== ==================================
   Parameter   Mandatory Type   Description
   =========== ========= ====== ==================================
   floating_ip Yes       Object Specifies the floating IP address.
   =========== ========= ====== ==================================

.. table:: **Table 4** **floating_ip** attributes

   +-------------+-----------+--------+--------------------------------------------------+
   | Parameter   | Mandatory | Type   | Description                                      |
   +=============+===========+========+==================================================+
   | id          | Yes       | String | Specifies the floating IP address ID.            |
   +-------------+-----------+--------+--------------------------------------------------+
   | ip          | Yes       | String | Specifies the floating IP address.               |
   +-------------+-----------+--------+--------------------------------------------------+

Example Response
----------------

.. code-block::

   {
     "floating_ips": [
       {"id": "05f71f43-f3c9-47ef-ac8d-9f02aef66418", "ip": "10.154.51.235"}
     ]
   }
"""


def test_x_attributes_are_not_rows_of_the_response_root(make_tree: Tree) -> None:
    r = build_spec(make_tree({"floating_ip/querying_floating_ip_addresses_discarded.rst": ECS_FLOATING_IPS}), "ecs")
    body = _body(r, "/v2/{project_id}/os-floating-ips", "get", "200")
    assert list(body["properties"]) == ["floating_ips"] and body["required"] == ["floating_ips"]
    assert not [d for d in r.diagnostics if d.code == "example.schema_mismatch"]


# virtual-private-cloud vpc_apis_v1_v2/vpc_route/creating_a_vpc_route.rst: the Type cell names the page
# (`vpc_route_0003`), the description the table (line 78's Table 4)
VPC_ROUTE = """\
:original_name: vpc_route_0003.html

.. _vpc_route_0003:

Creating a VPC Route
====================

URI
---

POST /v2.0/vpc/routes

Request Parameters
------------------

.. table:: **Table 1** Request parameter

   ========= ==================================== ========= ==========================================================
   Parameter Type                                 Mandatory Description
   ========= ==================================== ========= ==========================================================
   route     :ref:`route <vpc_route_0003>` object Yes       Specifies the route. For details, see :ref:`Table 2
                                                            <vpc_route_0003__table05001250111>`.
   ========= ==================================== ========= ==========================================================

.. _vpc_route_0003__table05001250111:

.. table:: **Table 2** **route** objects

   +-------------+--------+-----------+----------------------------------------+
   | Parameter   | Type   | Mandatory | Description                            |
   +=============+========+===========+========================================+
   | destination | String | Yes       | Specifies the destination address.     |
   +-------------+--------+-----------+----------------------------------------+
   | nexthop     | String | Yes       | Specifies the next hop.                |
   +-------------+--------+-----------+----------------------------------------+

Response Parameters
-------------------

.. table:: **Table 3** Response parameter

   ========= ==================================== ====================================================================
   Parameter Type                                 Description
   ========= ==================================== ====================================================================
   route     :ref:`route <vpc_route_0003>` object Specifies the route. For details, see :ref:`Table 4
                                                  <vpc_route_0003__table1163544010410>`.
   ========= ==================================== ====================================================================

.. _vpc_route_0003__table1163544010410:

.. table:: **Table 4** **route** objects

   +-------------+--------+------------------------------------+
   | Parameter   | Type   | Description                        |
   +=============+========+====================================+
   | id          | String | Specifies the route ID.            |
   +-------------+--------+------------------------------------+
   | destination | String | Specifies the destination address. |
   +-------------+--------+------------------------------------+
   | tenant_id   | String | Specifies the project ID.          |
   +-------------+--------+------------------------------------+
"""


def test_a_response_binds_to_the_response_table_its_row_points_at(make_tree: Tree) -> None:
    r = build_spec(make_tree({"vpc_route/creating_a_vpc_route.rst": VPC_ROUTE}), "vpc")
    request_route = _schema(r, _body(r, "/v2.0/vpc/routes", "post")["properties"]["route"])
    assert list(request_route["properties"]) == ["destination", "nexthop"]
    response_route = _schema(r, _body(r, "/v2.0/vpc/routes", "post", "200")["properties"]["route"])
    assert list(response_route["properties"]) == ["id", "destination", "tenant_id"]
    assert "required" not in response_route


# cloud-container-engine apis/cluster_management/reading_job_progress.rst:67-148: `subJobs` points back at the
# "Response parameters" table, which is still the body
CCE_JOB = """\
:original_name: cce_02_0247.html

.. _cce_02_0247:

Reading Job Progress
====================

URI
---

GET /api/v3/projects/{project_id}/jobs/{job_id}

Response
--------

**Response parameters**:

.. _cce_02_0247__ref458774242:

.. table:: **Table 3** Response parameters

   ========= =================================================== =====================================================
   Parameter Type                                                Description
   ========= =================================================== =====================================================
   kind      String                                              API type. The value is fixed at **Job** and cannot be
                                                                 changed.
   spec      :ref:`spec <cce_02_0247__table620623542313>` object Detailed node parameters.
   ========= =================================================== =====================================================

.. _cce_02_0247__table620623542313:

.. table:: **Table 5** Data structure of the **spec** field

   +------------+--------+------------------------------------------------------------------------------------------+
   | Parameter  | Type   | Description                                                                              |
   +============+========+==========================================================================================+
   | type       | String | Job type, for example, **CreateCluster**.                                                |
   +------------+--------+------------------------------------------------------------------------------------------+
   | subJobs    | Object | List of sub-jobs. For details, see :ref:`Table 3 <cce_02_0247__ref458774242>`.           |
   +------------+--------+------------------------------------------------------------------------------------------+

Status Code
-----------

=========== ========================================================
Status Code Description
=========== ========================================================
200         The progress of the specified job is successfully obtained.
=========== ========================================================
"""


def test_a_response_table_a_row_points_back_at_is_still_the_body(make_tree: Tree) -> None:
    r = build_spec(make_tree({"cluster_management/reading_job_progress.rst": CCE_JOB}), "cce")
    body = _body(r, "/api/v3/projects/{project_id}/jobs/{job_id}", "get", "200")
    assert list(body["properties"]) == ["kind", "spec"]
    spec = _schema(r, body["properties"]["spec"])
    assert list(_schema(r, spec["properties"]["subJobs"])["properties"]) == ["kind", "spec"]


# cloud-container-engine apis/cluster_management/updating_a_specified_node.rst:86-91 names the body table of
# reading_a_specified_node.rst; creating_a_node.rst:474-500 are request tables read-node's response reaches
CCE_CREATE_NODE = """\
:original_name: cce_02_0242.html

.. _cce_02_0242:

Creating a Node
===============

URI
---

POST /api/v3/projects/{project_id}/clusters/{cluster_id}/nodes

Request
-------

.. table:: **Table 3** Parameters in the request body

   +-----------+-----------+----------------------------------------------------------+-------------------+
   | Parameter | Mandatory | Type                                                     | Description       |
   +===========+===========+==========================================================+===================+
   | publicIP  | No        | :ref:`publicIP <cce_02_0242__table139179586343>` object  | EIP of the node.  |
   +-----------+-----------+----------------------------------------------------------+-------------------+

.. _cce_02_0242__table139179586343:

.. table:: **Table 12** Data structure of the **publicIP** field

   +-----------+-----------+-----------------------------------------------------+-------------------+
   | Parameter | Mandatory | Type                                                | Description       |
   +===========+===========+=====================================================+===================+
   | count     | No        | Integer                                             | Number of EIPs.   |
   +-----------+-----------+-----------------------------------------------------+-------------------+
   | eip       | No        | :ref:`eip <cce_02_0242__table135065714419>` object  | EIP.              |
   +-----------+-----------+-----------------------------------------------------+-------------------+

.. _cce_02_0242__table135065714419:

.. table:: **Table 13** Data structure of the **eip** field

   +-----------+-----------+--------+-------------+
   | Parameter | Mandatory | Type   | Description |
   +===========+===========+========+=============+
   | iptype    | Yes       | String | EIP type.   |
   +-----------+-----------+--------+-------------+
"""

CCE_READ_NODE = """\
:original_name: cce_02_0243.html

.. _cce_02_0243:

Reading a Specified Node
========================

URI
---

GET /api/v3/projects/{project_id}/clusters/{cluster_id}/nodes/{node_id}

Response
--------

.. _cce_02_0243__ref458774242:

.. table:: **Table 4** Response parameters

   +-----------+----------------------------------------------------------+-------------------+
   | Parameter | Type                                                     | Description       |
   +===========+==========================================================+===================+
   | publicIP  | :ref:`publicIP <cce_02_0242__table139179586343>` object  | EIP of the node.  |
   +-----------+----------------------------------------------------------+-------------------+

Example Response
----------------

.. code-block::

   {"publicIP": {"count": 1, "eip": {}}}
"""

CCE_UPDATE_NODE = """\
:original_name: cce_02_0245.html

.. _cce_02_0245:

Updating a Specified Node
=========================

URI
---

PUT /api/v3/projects/{project_id}/clusters/{cluster_id}/nodes/{node_id}

Response
--------

**Response parameters**:

For the description of the response parameters, see :ref:`Table 4 <cce_02_0243__ref458774242>`.

Status Code
-----------

=========== ===============================================================
Status Code Description
=========== ===============================================================
200         Information about the specified node is successfully updated.
=========== ===============================================================
"""


def _cce_nodes(make_tree: Tree, update: str = CCE_UPDATE_NODE) -> BuildResult:
    return build_spec(make_tree({"cluster_management/creating_a_node.rst": CCE_CREATE_NODE,
                                 "cluster_management/reading_a_specified_node.rst": CCE_READ_NODE,
                                 "cluster_management/updating_a_specified_node.rst": update}), "cce")


NODE = "/api/v3/projects/{project_id}/clusters/{cluster_id}/nodes/{node_id}"


def test_a_response_reaching_request_tables_requires_nothing_of_them(make_tree: Tree) -> None:
    r = _cce_nodes(make_tree)
    request_ip = _schema(r, _body(r, "/api/v3/projects/{project_id}/clusters/{cluster_id}/nodes", "post")[
        "properties"]["publicIP"])
    assert _schema(r, request_ip["properties"]["eip"])["required"] == ["iptype"]
    response_ip = _schema(r, _body(r, NODE, "get", "200")["properties"]["publicIP"])
    assert list(response_ip["properties"]) == ["count", "eip"]
    response_eip = _schema(r, response_ip["properties"]["eip"])
    assert list(response_eip["properties"]) == ["iptype"] and "required" not in response_eip
    # update-node's body is a copy of read-node's rows: the crossing is said once, on read-node's row
    (crossing,) = [d for d in r.diagnostics if d.code == "response.request_table"]
    assert crossing.source == Source("cluster_management/reading_a_specified_node.rst",
                                     line_of(CCE_READ_NODE, "| publicIP  | :ref:"))
    assert "cluster_management/creating_a_node.rst" in crossing.message
    assert not [d for d in r.diagnostics if d.code == "example.schema_mismatch"]


def test_a_body_described_by_another_pages_table_is_bound_to_it(make_tree: Tree) -> None:
    r = _cce_nodes(make_tree)
    body = _body(r, NODE, "put", "200")
    assert list(body["properties"]) == ["publicIP"]
    (bound,) = [d for d in r.diagnostics if d.code == "response.body_by_reference"]
    assert bound.source == Source("cluster_management/updating_a_specified_node.rst",
                                  line_of(CCE_UPDATE_NODE, "For the description of the response"))


def test_a_body_described_by_a_table_nobody_holds_is_a_diagnostic(make_tree: Tree) -> None:
    r = _cce_nodes(make_tree, CCE_UPDATE_NODE.replace("cce_02_0243__ref458774242", "cce_02_0243__gone"))
    assert "content" not in r.spec["paths"][NODE]["put"]["responses"]["200"]
    (unbound,) = [d for d in r.diagnostics if d.code == "response.body_unbound"]
    assert unbound.source.file == "cluster_management/updating_a_specified_node.rst"
    assert "cce_02_0243__gone" in unbound.message


# cloud-container-engine apis/chart_management/obtaining_a_chart_list.rst:53-71: `[items]` is the top-level array
CCE_CHARTS = """\
:original_name: ListCharts.html

.. _ListCharts:

Obtaining a Chart List
======================

URI
---

GET /v2/charts

Response Parameters
-------------------

**Status code: 200**

.. table:: **Table 2** Response body parameters

   +-----------+--------------------------------------------------------------------------+-------------+
   | Parameter | Type                                                                     | Description |
   +===========+==========================================================================+=============+
   | [items]   | Array of :ref:`ChartResp                                                 | Chart list  |
   |           | <listcharts__en-us_topic_0000001850048554_response_chartresp>` objects   |             |
   +-----------+--------------------------------------------------------------------------+-------------+

.. _listcharts__en-us_topic_0000001850048554_response_chartresp:

.. table:: **Table 3** ChartResp

   =========== ======= ===========================
   Parameter   Type    Description
   =========== ======= ===========================
   id          String  Chart ID
   name        String  Chart name
   =========== ======= ===========================

Example Responses
-----------------

**Status code: 200**

OK

.. code-block::

   [ {
     "id" : "1abd3bd6-0258-11ec-b8b0-0255ac100b05",
     "name" : "magento-mysql"
   } ]
"""


def test_an_items_row_makes_the_body_a_top_level_array(make_tree: Tree) -> None:
    r = build_spec(make_tree({"chart_management/obtaining_a_chart_list.rst": CCE_CHARTS}), "cce")
    schema = r.spec["paths"]["/v2/charts"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema["type"] == "array"
    assert list(_schema(r, schema["items"])["properties"]) == ["id", "name"]
    assert not [d for d in r.diagnostics if d.code in ("example.schema_mismatch", "schema.unreferenced")]


# nat-gateway apis_for_public_nat_gateways_v2.0/tags/querying_nat_gateway_tags.rst:38-56: "Parameter description of
# field **tags**" describes the items of `tags`, not the root
NAT_TAGS = """\
:original_name: nat_api_0020.html

.. _nat_api_0020:

Querying NAT Gateway Tags
=========================

URI
---

GET /v2.0/{project_id}/nat_gateways/{nat_gateway_id}/tags

Response
--------

:ref:`Table 2 <nat_api_0020__table22681993615>` lists response parameters.

.. _nat_api_0020__table22681993615:

.. table:: **Table 2** Response parameters

   ========= ========= ===== ===============
   Parameter Mandatory Type  Description
   ========= ========= ===== ===============
   tags      Yes       Array Specifies tags.
   ========= ========= ===== ===============

.. table:: **Table 3** Parameter description of field **tags**

   ========= ========= ====== ========================
   Parameter Mandatory Type   Description
   ========= ========= ====== ========================
   key       Yes       String Specifies the tag key.
   value     Yes       String Specifies the key value.
   ========= ========= ====== ========================

Examples
--------

-  Example response

   .. code-block::

      {
          "tags": [{"key": "key1", "value": "value1"}]
      }
"""


def test_description_of_field_x_describes_x(make_tree: Tree) -> None:
    r = build_spec(make_tree({"tags/querying_nat_gateway_tags.rst": NAT_TAGS}), "nat")
    body = _body(r, "/v2.0/{project_id}/nat_gateways/{nat_gateway_id}/tags", "get", "200")
    assert list(body["properties"]) == ["tags"] and body["required"] == ["tags"]
    assert list(_schema(r, body["properties"]["tags"]["items"])["properties"]) == ["key", "value"]
    assert not [d for d in r.diagnostics if d.code == "example.schema_mismatch"]


# cloud-container-engine apis/add-on_instance_parameters/cce_node_problem_detector.rst:59-61: a free type, then the
# `:ref:` of the table it is
def test_a_free_type_followed_by_a_ref_is_that_table(make_tree: Tree) -> None:
    text = """\
        :original_name: cce_02_0409.html

        .. _cce_02_0409:

        Installing an Add-on Instance
        =============================

        URI
        ---

        POST /api/v3/addons

        Request
        -------

        .. table:: **Table 4** Request body parameters

           =========== ========= ==================================================== ===============
           Parameter   Mandatory Type                                                 Description
           =========== ========= ==================================================== ===============
           tolerations No        List<Object> :ref:`Table 7 <cce_02_0409__table7>`     Tolerations.
           npc         Yes       object :ref:`Table 7 <cce_02_0409__table7>`           Configuration.
           =========== ========= ==================================================== ===============

        .. _cce_02_0409__table7:

        .. table:: **Table 7** nodeMatchExpresssion node affinity

           ========= ========= ============ ==================
           Parameter Mandatory Type         Description
           ========= ========= ============ ==================
           key       No        String       Taint key
           values    No        List<String> Node affinity name
           ========= ========= ============ ==================
        """
    r = build_spec(make_tree({"addons/installing.rst": text}), "cce")
    body = _body(r, "/api/v3/addons", "post")
    assert body["properties"]["tolerations"]["type"] == "array"
    assert list(_schema(r, body["properties"]["tolerations"]["items"])["properties"]) == ["key", "values"]
    assert list(_schema(r, body["properties"]["npc"])["properties"]) == ["key", "values"]
    assert not [d for d in r.diagnostics if d.code == "type.unknown"]


# relational-database-service openstack_trove_api_v1.0_to_be_discarded/db_instance_management/
# creating_a_db_instance.rst: two request variants and the response each captioned after `instance` ("... (creating
# a read replica)"): none is a root row, and each row takes the table of its own side
RDS_CREATE = """\
:original_name: en-us_topic_0031744190.html

.. _en-us_topic_0031744190:

Creating a DB Instance
======================

URI
---

POST /v1.0/{project_id}/instances

Request
-------

.. table:: **Table 2** Parameter description

   ======== ========= ========================= ==============================
   Name     Mandatory Type                      Description
   ======== ========= ========================= ==============================
   instance Yes       Dictionary data structure Specifies the DB instance.
   ======== ========= ========================= ==============================

.. table:: **Table 3** instance field data structure (creating a single DB instance)

   ========= ========= ====== ==============================
   Name      Mandatory Type   Description
   ========= ========= ====== ==============================
   name      Yes       String Specifies the DB instance name.
   ========= ========= ====== ==============================

.. table:: **Table 4** instance field data structure description (creating a read replica)

   ========= ========= ====== ==============================
   Name      Mandatory Type   Description
   ========= ========= ====== ==============================
   replicaOf Yes       String Specifies the primary instance.
   ========= ========= ====== ==============================

Normal Response
---------------

.. table:: **Table 12** Parameter description

   ======== ========================= ======================================
   Name     Type                      Description
   ======== ========================= ======================================
   instance Dictionary data structure Indicates the DB instance information.
   ======== ========================= ======================================

.. table:: **Table 13** instance field data structure description

   ====== ====== =================================
   Name   Type   Description
   ====== ====== =================================
   status String Indicates the DB instance status.
   ====== ====== =================================
"""


def test_a_row_takes_the_table_of_its_own_side(make_tree: Tree) -> None:
    r = build_spec(make_tree({"db_instance_management/creating_a_db_instance.rst": RDS_CREATE}), "rds")
    response = _body(r, "/v1.0/{project_id}/instances", "post", "200")
    assert list(_schema(r, response["properties"]["instance"])["properties"]) == ["status"]
    request = _body(r, "/v1.0/{project_id}/instances", "post")
    assert list(request["properties"]) == ["instance"]
