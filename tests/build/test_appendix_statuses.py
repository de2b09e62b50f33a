"""Issue 23: a page that names no status takes its success status from the service's status-code appendix (a
table of method and API family per status), never 200 by assumption."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build.finish.appendix_statuses import rules, status_for
from generator.build.pipeline import build_spec
from generator.devtools.corpus import CORPUS
from tests.rst_snippets import page

VPC = CORPUS / "virtual-private-cloud@eb03d88"
NEUTRON = "native_openstack_neutron_apis_v2.0/port"
# virtual-private-cloud appendix/status_codes.rst, Table 1 "Normal values"
ROWS = (("200", "OK Specifies the normal response code for the GET, PUT, and POST operations.", 13),
        ("201", "Created Specifies the normal response code for the POST operation of the OpenStack Neutron API.", 15),
        ("202", "Accepted Specifies the normal response to the pre-check request of the V3 API.", 17),
        ("204", "No Content Specifies the normal response code for the DELETE operation.", 19))


def test_a_family_row_wins_over_the_general_one() -> None:
    table = rules(ROWS)
    assert [r[0] for r in table] == ["200", "201", "204"]  # the 202 row names no method: no rule
    pick = {(m, f): (r[0] if (r := status_for(m, f, table)) else None)
            for m in ("post", "put", "delete", "get")
            for f in (f"{NEUTRON}/creating_a_port.rst", "vpc_apis_v1_v2/vpc/creating_a_vpc.rst")}
    assert pick[("post", f"{NEUTRON}/creating_a_port.rst")] == "201"
    assert pick[("post", "vpc_apis_v1_v2/vpc/creating_a_vpc.rst")] == "200"
    assert pick[("put", f"{NEUTRON}/creating_a_port.rst")] == "200"
    assert pick[("delete", f"{NEUTRON}/creating_a_port.rst")] == "204"


def test_disagreeing_rows_decide_nothing() -> None:
    table = rules((("200", "OK for the POST operation.", 1), ("202", "Accepted for the POST operation.", 2)))
    assert status_for("post", "x/y.rst", table) is None


@pytest.mark.corpus
def test_neutron_post_is_201_from_the_vpc_appendix(tmp_path: Path) -> None:
    root = tmp_path / "docs"
    for rel in ("appendix/status_codes.rst", f"{NEUTRON}/creating_a_port.rst", f"{NEUTRON}/updating_a_port.rst",
                f"{NEUTRON}/deleting_a_port.rst"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(VPC / rel, root / rel)
    r = build_spec(root, "virtual-private-cloud")
    paths = r.spec["paths"]
    post = paths["/v2.0/ports"]["post"]["responses"]
    assert "201" in post and "200" not in post
    assert post["201"]["content"]["application/json"]["schema"]["$ref"].endswith("Response")
    assert "200" in paths["/v2.0/ports/{port_id}"]["put"]["responses"]
    assert "204" in paths["/v2.0/ports/{port_id}"]["delete"]["responses"]
    found = {d.source.file: d.message for d in r.diagnostics if d.code == "status.from_appendix_table"}
    assert set(found) == {f"{NEUTRON}/creating_a_port.rst", f"{NEUTRON}/deleting_a_port.rst"}
    assert "appendix/status_codes.rst:15" in found[f"{NEUTRON}/creating_a_port.rst"]


def test_a_page_that_names_its_status_keeps_it(make_tree: Callable[[dict[str, str]], Path]) -> None:
    appendix = ("Status Codes\n============\n\n.. _api_status:\n\n"
                "=========== ============================================================\n"
                "Code        Description\n"
                "=========== ============================================================\n"
                "201         Normal response code for the POST operation of the Neutron API.\n"
                "=========== ============================================================\n")
    body = page("Creating a Network", "POST /v2.0/networks",
                "Status Code\n-----------\n\n=========== ===========\nStatus Code Description\n"
                "=========== ===========\n200         OK\n=========== ===========\n\n"
                "See :ref:`Status Codes <api_status>`.\n", name="CreateNetwork")
    root = make_tree({"appendix/status_codes.rst": appendix, "neutron_apis/creating_a_network.rst": body})
    r = build_spec(root, "virtual-private-cloud")
    assert "200" in r.spec["paths"]["/v2.0/networks"]["post"]["responses"]
    assert not [d for d in r.diagnostics if d.code == "status.from_appendix_table"]


def test_a_row_that_explains_a_status_is_no_rule() -> None:
    # modelarts appendix/status_code.rst:39 "206 Partial Content: The server has successfully processed a part of the
    # GET request." says what 206 means, not that GET answers with it
    row = ("206", "Partial Content The server has successfully processed a part of the GET request.", 39)
    assert rules((row,)) == []
