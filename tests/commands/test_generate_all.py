"""`generate --all ORG_DIR` / `--docs TREE`: clients for docs checkouts named only by their folder (the service
catalog knows the rest), and the organisation index with each client's functions and links."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from tests.rst_snippets import page, table


def _page(title: str, uri: str) -> str:
    return page(title, uri, "Request Parameters\n------------------\n\n"
                + table("Request body parameters", [["Parameter", "Mandatory", "Type", "Description"],
                                                    ["name", "Yes", "String", "The name."]]))


@pytest.fixture
def org(tmp_path: Path) -> Path:
    root = tmp_path / "org"
    for repo, title, uri in (("domain-name-service", "Creating a Zone", "POST /v2/zones"),
                             ("nat-gateway", "Creating a Gateway", "POST /v2/{project_id}/nat_gateways")):
        rst = root / repo / "api-ref" / "source" / "api" / "create.rst"
        rst.parent.mkdir(parents=True)
        rst.write_text(_page(title, uri), encoding="utf-8")
    return root


def _generate(tmp_path: Path, *args: str) -> int:
    return main(["generate", *args, "--specs-dir", str(tmp_path / "specs"), "--generated-dir",
                 str(tmp_path / "generated"), "--no-cache", "--jobs", "1"])


def test_every_checkout_gets_a_client_and_a_row(org: Path, tmp_path: Path) -> None:
    assert _generate(tmp_path, "--all", str(org)) == 0
    generated = tmp_path / "generated"
    otc = (generated / "domain-name-service" / "otc_domain_name_service_client" / "otc.py").read_text()
    assert "SERVICE_TYPE: Final[str | None] = 'dns'" in otc  # from the catalog: nothing typed by hand
    assert "'eu-ch2': 'https://dns.eu-ch2.sc.otc.t-systems.com'" in otc
    assert (tmp_path / "specs" / "nat-gateway.openapi.yaml").is_file()
    index = (generated / "index.html").read_text()
    assert "<p>2 docs trees, 2 specs written, 0 failed; 2 operations," in index
    assert ('<td>domain-name-service</td><td>Domain Name Service</td><td class="n">1</td><td class="n">1</td>'
            '<td class="n">1</td>') in index
    assert ('<a href="../specs/nat-gateway.openapi.yaml">spec</a> · <a href="../specs/nat-gateway.diagnostics.json">'
            'diagnostics</a> · <a href="nat-gateway/api.md">api.md</a> · <a href="nat-gateway/README.md">README</a>'
            ) in index


def test_one_docs_tree_by_its_path(org: Path, tmp_path: Path) -> None:
    assert _generate(tmp_path, "--docs", str(org / "nat-gateway" / "api-ref" / "source")) == 0
    assert sorted(p.name for p in (tmp_path / "generated").iterdir() if not p.name.startswith(".")) == [
        "nat-gateway"]
    assert "title: NAT Gateway" in (tmp_path / "specs" / "nat-gateway.openapi.yaml").read_text()


def test_two_trees_of_one_service_are_refused(org: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    tree = org / "nat-gateway" / "api-ref" / "source"
    assert _generate(tmp_path, "--docs", str(tree), "--docs", str(tree)) == 2
    assert "several docs trees of the same service: nat-gateway" in capsys.readouterr().err


def test_a_folder_without_trees_and_docs_with_all_are_refused(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty").mkdir()
    assert _generate(tmp_path, "--all", str(tmp_path / "empty")) == 2
    assert "no docs trees" in capsys.readouterr().err
    with pytest.raises(SystemExit):  # argparse: one way of naming the trees at a time
        _generate(tmp_path, "--all", str(tmp_path / "empty"), "--docs", str(tmp_path / "empty"))
