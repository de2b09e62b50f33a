"""Client generation: escaping, exit codes, write-then-swap, determinism, committed output up to date."""

from __future__ import annotations

import filecmp
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import generator.client.project as project
from generator.build.pipeline import build_spec
from generator.cli import main
from generator.client import client_view, generate_client
from generator.core.config import REPO_ROOT, Service
from generator.release.changelog import client_release
from tests.rst_snippets import page, table

HOSTILE_DESC = 'Ends a docstring """ then {{ jinja }} and {% raw %} and a \\\\ backslash and \\\\n; import os'
HOSTILE = page("Creating a Thing", "POST /v1/{project_id}/things", "Request Parameters\n------------------\n\n"
               + table("Request body parameters", [
                   ["Parameter", "Mandatory", "Type", "Description"],
                   ["class", "Yes", "String", HOSTILE_DESC],
                   ["to_dict", "No", "String", "Collides with the model method."],
                   ["from", "No", "Integer", "A keyword. The maximum value is 10."],
                   ["additional_properties", "No", "Boolean", "Collides too."],
               ]) + """
Response Parameters
-------------------

**Status code: 201**

""" + table("Response body parameters", [["Parameter", "Type", "Description"], ["id", "String", 'Say """hi"""']])
               + """
Example Requests
----------------

.. code-block::

   {"class": "a \\"\\"\\" b", "to_dict": "x", "from": 3}

Example Responses
-----------------

**Status code: 201**

.. code-block::

   {"id": "abc"}

Status Codes
------------

=========== ===========
Status Code Description
=========== ===========
201         Created
=========== ===========
""", name="CreateThing")


def service(name: str = "hostile") -> Service:
    return Service(name=name, title="Hostile", docs=Path("."), client=f"otc-{name}-client",
                   endpoint="https://hostile.{region}.example.test")


@pytest.fixture(scope="module")
def hostile_client(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("docs")
    (root / "things").mkdir()
    (root / "things" / "creating_a_thing.rst").write_text(HOSTILE, encoding="utf-8")
    result = build_spec(root, service())
    out = tmp_path_factory.mktemp("gen") / "hostile"
    generate_client(service(), result.spec, out, *client_release(service(), out))
    return out


def test_hostile_text_stays_data(hostile_client: Path) -> None:
    model = (hostile_client / "otc_hostile_client" / "models" / "create_thing_request.py").read_text()
    assert "import os" not in model.split('"""')[0]  # nothing before the docstring came from the docs
    compile(model, "create_thing_request.py", "exec")
    assert "class_: str" in model and "from_: int | Unset" in model
    assert "to_dict: str" not in model and "additional_properties: bool" not in model
    assert "{{ jinja }}" in model  # kept verbatim as text, not rendered


def test_hostile_client_imports_and_round_trips(hostile_client: Path) -> None:
    code = (
        "from otc_hostile_client.models.create_thing_request import CreateThingRequest as M\n"
        "d = {'class': 'a \"\"\" b', 'to_dict': 'x', 'from': 3, 'additional_properties': True}\n"
        "m = M.from_dict(d)\n"
        "assert m.class_ == 'a \"\"\" b' and m.from_ == 3\n"
        "assert m['to_dict'] == 'x' and m['additional_properties'] is True\n"
        "assert m.to_dict() == d, m.to_dict()\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=hostile_client, check=True)


def test_hostile_client_conformance_tests_pass(hostile_client: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
                          cwd=hostile_client, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(hostile_client)})
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert " passed" in proc.stdout and "failed" not in proc.stdout


def test_hostile_client_passes_mypy_strict(hostile_client: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "mypy", "--strict", "otc_hostile_client"], cwd=hostile_client,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-3000:]


def test_reserved_names_are_reported(tmp_path: Path) -> None:
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "c.rst").write_text(HOSTILE, encoding="utf-8")
    spec = build_spec(tmp_path, service()).spec
    view, notes = client_view(spec)
    assert sorted(d.message.split(":")[0] for d in notes if d.code == "client.reserved_property") == [
        "CreateThingRequest.additional_properties", "CreateThingRequest.to_dict"]
    assert "to_dict" in spec["components"]["schemas"]["CreateThingRequest"]["properties"]  # the spec stays true


# ---------------------------------------------------------------- CLI and exit codes


def test_build_writes_spec_and_diagnostics(tmp_path: Path, make_tree: Callable[[dict[str, str]], Path]) -> None:
    root = make_tree({"t/c.rst": HOSTILE})
    out = tmp_path / "out" / "hostile.openapi.yaml"
    assert main(["build", str(root), "--service", "hostile", "-o", str(out)]) == 0
    assert out.exists() and (tmp_path / "out" / "hostile.diagnostics.json").exists()
    # with --strict, an error diagnostic fails the run: add an unknown type
    bad = make_tree({"t/c.rst": HOSTILE.replace("| Boolean |", "| Qubits  |").replace("Boolean", "Qubits ")})
    assert main(["build", str(bad), "--service", "hostile", "-o", str(out), "--strict"]) == 1
    assert main(["build", str(bad), "--service", "hostile", "-o", str(out)]) == 0
    assert main(["build", str(tmp_path / "missing"), "--service", "x", "-o", str(out)]) == 2


def test_build_without_valid_spec_exits_1_and_keeps_old(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         make_tree: Callable[[dict[str, str]], Path]) -> None:
    import generator.build.pipeline as pipeline  # the build command goes through pipeline.build_and_check

    root = make_tree({"t/c.rst": HOSTILE})
    out = tmp_path / "s.openapi.yaml"
    out.write_text("previous\n")
    real = pipeline._build  # what `build_and_check` calls

    def broken(*a: Any, **k: Any) -> Any:
        r = real(*a, **k)
        # a dangling $ref is repaired now (build.check.repair); an invalid document frame cannot be (a new dict: the
        # build's pending cache entry keeps the spec as built)
        r.spec = {**r.spec, "info": "not an object"}
        return r

    monkeypatch.setattr(pipeline, "_build", broken)
    assert main(["build", str(root), "--service", "hostile", "-o", str(out)]) == 1
    assert out.read_text() == "previous\n"
    # never new diagnostics beside an old spec: the failed build's go to a file of their own
    assert not (tmp_path / "s.diagnostics.json").exists()
    assert '"check.openapi"' in (tmp_path / "s.rejected.diagnostics.json").read_text()


def _config(tmp_path: Path, docs: Path) -> Path:
    cfg = tmp_path / "services.toml"
    cfg.write_text(f'[[service]]\nname = "hostile"\ntitle = "Hostile"\ndocs = "{docs}"\n'
                   'client = "otc-hostile-client"\nendpoint = "https://hostile.{region}.example.test"\n')
    return cfg


def test_failed_generate_leaves_previous_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                make_tree: Callable[[dict[str, str]], Path]) -> None:
    docs = make_tree({"t/c.rst": HOSTILE})
    cfg = _config(tmp_path, docs)
    specs, gen = tmp_path / "specs", tmp_path / "generated"
    args = ["generate", "--config", str(cfg), "--specs-dir", str(specs), "--generated-dir", str(gen)]
    assert main(args) == 0
    before_spec = (specs / "hostile.openapi.yaml").read_bytes()
    before_files = sorted(p.relative_to(gen) for p in gen.rglob("*"))

    def fail(*a: Any, **k: Any) -> None:
        raise RuntimeError("disk full")

    (docs / "t" / "c.rst").write_text(HOSTILE.replace("Collides too.", "Changed."), encoding="utf-8")
    monkeypatch.setattr(project, "_add_extras", fail)  # fails after the generator wrote the new client
    with pytest.raises(RuntimeError):
        main(args)
    assert (specs / "hostile.openapi.yaml").read_bytes() == before_spec
    assert sorted(p.relative_to(gen) for p in gen.rglob("*")) == before_files
    # no temporary folder left behind (the lock file that serialises runs stays, empty)
    assert [p.name for p in gen.iterdir() if p.name.startswith(".")] == [".generate.lock"]


def test_generate_twice_changes_no_byte(tmp_path: Path, make_tree: Callable[[dict[str, str]], Path]) -> None:
    docs = make_tree({"t/c.rst": HOSTILE})
    cfg = _config(tmp_path, docs)
    runs = []
    for i in range(2):
        specs, gen = tmp_path / f"specs{i}", tmp_path / f"gen{i}"
        assert main(["generate", "--config", str(cfg), "--specs-dir", str(specs), "--generated-dir", str(gen)]) == 0
        runs.append((specs, gen))
    assert _same_tree(runs[0][0], runs[1][0]) and _same_tree(runs[0][1], runs[1][1])


def test_committed_output_is_what_generate_produces(tmp_path: Path) -> None:
    specs, gen = tmp_path / "specs", tmp_path / "generated"
    assert main(["generate", "--specs-dir", str(specs), "--generated-dir", str(gen)]) == 0
    for f in sorted(specs.iterdir()):
        assert f.read_bytes() == (REPO_ROOT / "specs" / f.name).read_bytes(), f"specs/{f.name} is stale"
    for d in sorted(gen.iterdir()):
        assert _same_tree(d, REPO_ROOT / "generated" / d.name), f"generated/{d.name} is stale: run nox -s generate"


_CACHES = {"__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".hypothesis"}


def _files(root: Path) -> list[Path]:
    return sorted(p.relative_to(root) for p in root.rglob("*")
                  if p.is_file() and not _CACHES.intersection(p.relative_to(root).parts))


def _same_tree(a: Path, b: Path) -> bool:
    files_a, files_b = _files(a), _files(b)
    if files_a != files_b:
        return False
    return all(filecmp.cmp(a / f, b / f, shallow=False) for f in files_a)


def test_client_enums_are_open() -> None:
    """The docs' options are not exhaustive (the corpus shows `x86_64` for a documented `X86_64`):
    unknown values parse and round-trip instead of failing the whole response; the spec stays closed."""
    client = REPO_ROOT / "generated" / "modelarts"
    code = (
        "from otc_modelarts_client.models import UpdateNotebookResponse\n"
        "from otc_modelarts_client.models.update_notebook_response_status import UpdateNotebookResponseStatus as S\n"
        "d = {'status': 'HIBERNATING', 'action_progress': [{'step': 7, 'status': 'WAITING'}]}\n"
        "m = UpdateNotebookResponse.from_dict(d)\n"
        "assert m.status == 'HIBERNATING' and m.to_dict() == d, m.to_dict()\n"
        "assert S('RUNNING') is S.RUNNING\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=client, check=True)
    spec_enum = json.loads((client / "tests" / "openapi.json").read_text())["components"]["schemas"][
        "UpdateNotebookResponse"]["properties"]["status"]["enum"]
    assert "HIBERNATING" not in spec_enum
