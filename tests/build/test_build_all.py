"""`build-all`: every docs tree under a folder, in parallel, with a summary and per-service status."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest

import generator.organisation as organisation
from generator.cli import main
from tests.rst_snippets import page, table


def _page(op: str) -> str:
    body = ("Request Parameters\n------------------\n\n"
            + table("Request body parameters", [["Parameter", "Mandatory", "Type", "Description"],
                                                ["name", "Yes", "String", "The name."],
                                                ["bad", "No", "Strnig", "Unknown type."]]))
    return page(f"Doing {op}", f"POST /v1/{op.lower()}", body, name=op)


def _write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


@pytest.fixture
def org(tmp_path: Path) -> Path:
    root = tmp_path / "org"
    _write(root, {"alpha@abc1234/a/one.rst": _page("One"), "alpha@abc1234/a/two.rst": _page("Two"),
                  "alpha@def5678/a/one.rst": _page("One"),  # the same service at another commit
                  "beta-docs/api-ref/source/b/three.rst": _page("Three"),  # a docs checkout
                  "beta-docs/README.rst": "Not a tree of its own\n=====================\n",
                  "notes/readme.txt": "no rst here\n"})
    return root


def _summary(out: Path) -> dict[str, Any]:
    return {s["tree"]: s for s in json.loads((out / "summary.json").read_text())["services"]}


def test_every_tree_is_built_with_its_figures(org: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["build-all", str(org), "-o", str(out), "--jobs", "2", "--cache-dir", str(tmp_path / "c")]) == 0
    s = _summary(out)
    assert sorted(s) == ["alpha@abc1234", "alpha@def5678", "beta-docs"]
    assert [(s[t]["service"], s[t]["pages"], s[t]["operations"], s[t]["exit_status"]) for t in sorted(s)] == [
        ("alpha", 2, 2, 0), ("alpha", 1, 1, 0), ("beta-docs", 1, 1, 0)]
    assert all(s[t]["errors"] >= 1 for t in s)  # the unknown type of each page is an error diagnostic
    assert "/v1/three" in (out / "beta-docs.openapi.yaml").read_text()
    assert (out / "alpha@def5678.diagnostics.json").is_file()
    index = (out / "index.html").read_text()
    assert "<p>3 docs trees, 3 specs written, 0 failed; 4 operations, 0 documentation defects," in index
    assert ('<td>beta-docs</td><td>Beta Docs</td><td class="n">1</td><td class="n">1</td><td>–</td>'
            '<td class="n">0</td>') in index
    assert '<a href="alpha%40abc1234.openapi.yaml">spec</a>' in index
    text = capsys.readouterr().out
    assert "[3/3]" in text and "3/3 services wrote a spec" in text
    assert text.splitlines()[3].split()[:2] == ["service", "pages"]  # the table follows the progress lines


def test_job_count_does_not_change_the_outputs(org: Path, tmp_path: Path) -> None:
    assert main(["build-all", str(org), "-o", str(tmp_path / "one"), "--jobs", "1", "--no-cache"]) == 0
    assert main(["build-all", str(org), "-o", str(tmp_path / "two"), "--jobs", "3", "--no-cache"]) == 0
    names = sorted(p.name for p in (tmp_path / "one").iterdir() if p.name != "summary.json")
    assert names == sorted(p.name for p in (tmp_path / "two").iterdir() if p.name != "summary.json")
    assert len(names) == 7  # a spec and a diagnostics file per tree, and the index (no timings in it)
    for name in names:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_services_toml_names_a_tree(org: Path, tmp_path: Path) -> None:
    (org / "services.toml").write_text('[[service]]\nname = "beta"\ntitle = "Beta"\n'
                                       'docs = "beta-docs/api-ref/source"\nclient = "otc-beta-client"\n'
                                       'endpoint = "https://beta.{region}.example.test"\n')
    out = tmp_path / "out"
    assert main(["build-all", str(org), "-o", str(out), "--jobs", "1", "--no-cache"]) == 0
    assert _summary(out)["beta-docs"]["service"] == "beta"
    assert "title: Beta" in (out / "beta-docs.openapi.yaml").read_text()


def test_a_failing_service_fails_the_run_but_not_the_others(org: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    real = organisation.build_and_check

    def broken(docs: Path, service: Any, **kw: Any) -> Any:
        if docs.parent.name == "api-ref":
            raise RuntimeError("kaboom")
        return real(docs, service, **kw)

    monkeypatch.setattr(organisation, "build_and_check", broken)
    out = tmp_path / "out"
    assert main(["build-all", str(org), "-o", str(out), "--jobs", "1", "--no-cache"]) == 1
    s = _summary(out)
    assert [(t, s[t]["exit_status"]) for t in sorted(s)] == [("alpha@abc1234", 0), ("alpha@def5678", 0),
                                                             ("beta-docs", 1)]
    assert "RuntimeError: kaboom" in s["beta-docs"]["note"]
    assert not (out / "beta-docs.openapi.yaml").exists()


def test_a_folder_without_trees_is_unusable(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert main(["build-all", str(tmp_path / "empty"), "-o", str(tmp_path / "out")]) == 2
