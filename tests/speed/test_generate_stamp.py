"""`generate`: unchanged clients skipped by their stamp, the rest regenerated in parallel with the same bytes."""

from __future__ import annotations

import filecmp
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import generator.speed.client_stamp as client_stamp
from generator.cli import main
from tests.rst_snippets import page, table


def _page(op: str, field: str) -> str:
    body = ("Request Parameters\n------------------\n\n"
            + table("Request body parameters", [["Parameter", "Mandatory", "Type", "Description"],
                                                [field, "Yes", "String", "The value."]])
            + "Response Parameters\n-------------------\n\n**Status code: 200**\n\n"
            + table("Response body parameters", [["Parameter", "Type", "Description"], ["id", "String", "Id."]]))
    return page(f"Doing {op}", f"POST /v1/{op.lower()}", body, name=op)


def _config(tmp_path: Path, docs: dict[str, Path], title: str = "Alpha") -> Path:
    cfg = tmp_path / "services.toml"
    text = ""
    for name, folder in docs.items():
        text += (f'[[service]]\nname = "{name}"\ntitle = "{title if name == "alpha" else name.title()}"\n'
                 f'docs = "{folder}"\nclient = "otc-{name}-client"\nendpoint = "https://{name}.{{region}}.example.test"\n')
    cfg.write_text(text, encoding="utf-8")
    return cfg


@pytest.fixture
def two(tmp_path: Path, make_tree: Callable[[dict[str, str]], Path]) -> dict[str, Path]:
    docs = {}
    for name in ("alpha", "beta"):
        root = make_tree({f"{name}/op.rst": _page(name.title(), "value")}) / name
        docs[name] = root
    return docs


def _args(cfg: Path, out: Path, *more: str) -> list[str]:
    return ["generate", "--config", str(cfg), "--specs-dir", str(out / "specs"), "--generated-dir",
            str(out / "generated"), "--cache-dir", str(out / "cache"), *more]


def _files(root: Path) -> list[Path]:
    return sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def _same(a: Path, b: Path) -> bool:
    return _files(a) == _files(b) and all(filecmp.cmp(a / f, b / f, shallow=False) for f in _files(a))


@pytest.fixture
def codegen_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The services whose client was generated (in-process runs: --jobs 1)."""
    import generator.client as client  # `generate` imports it when it first generates a client

    calls: list[str] = []
    real = client.generate_client

    def counting(service: Any, *a: Any, **k: Any) -> Any:
        calls.append(service.name)
        return real(service, *a, **k)

    monkeypatch.setattr(client, "generate_client", counting)
    return calls


def test_parallel_and_serial_runs_write_the_same_bytes(two: dict[str, Path], tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    cfg = _config(tmp_path, two)
    assert main(_args(cfg, tmp_path / "p", "--jobs", "2")) == 0
    out = capsys.readouterr().out
    # each service's summary, in config order, then the table
    assert out.index("alpha: 1 pages") < out.index("beta: 1 pages") < out.index("service")
    assert main(_args(cfg, tmp_path / "s", "--jobs", "1")) == 0
    for sub in ("specs", "generated/alpha", "generated/beta"):
        assert _same(tmp_path / "p" / sub, tmp_path / "s" / sub), sub
    assert sorted(p.name for p in (tmp_path / "p/specs").iterdir()) == [
        "alpha.diagnostics.json", "alpha.names.yaml", "alpha.openapi.yaml", "beta.diagnostics.json", "beta.names.yaml",
        "beta.openapi.yaml"]
    # the stamps live in the cache folder, not in the committed output
    assert not any(p.name.endswith(".json") for p in (tmp_path / "p/generated").iterdir())
    assert len(list((tmp_path / "p/cache/stamps-v1").rglob("*.json"))) == 2


def test_unchanged_clients_are_skipped_and_changes_regenerate(two: dict[str, Path], tmp_path: Path,
                                                              codegen_calls: list[str],
                                                              capsys: pytest.CaptureFixture[str],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = _config(tmp_path, two)
    run = _args(cfg, tmp_path, "--jobs", "1")
    gen = tmp_path / "generated"
    assert main(run) == 0 and codegen_calls == ["alpha", "beta"]

    def again() -> list[str]:
        codegen_calls.clear()
        assert main(run) == 0
        return list(codegen_calls)

    capsys.readouterr()
    assert again() == []  # nothing changed
    assert capsys.readouterr().out.count("unchanged (spec, configuration and generator as stamped") == 2

    (two["beta"] / "op.rst").write_text(_page("Beta", "renamed"), encoding="utf-8")  # a docs change: a new spec
    assert again() == ["beta"]
    assert "renamed" in (tmp_path / "specs/beta.openapi.yaml").read_text()

    _config(tmp_path, two, title="Alpha Renamed")  # a configuration change
    assert again() == ["alpha"]

    readme = gen / "alpha" / "README.md"  # a hand-edited client goes back to what the generator writes
    text = readme.read_bytes()
    readme.write_text("edited\n", encoding="utf-8")
    assert again() == ["alpha"] and readme.read_bytes() == text

    (gen / "beta" / "extra.py").write_text("x = 1\n", encoding="utf-8")  # a file added
    assert again() == ["beta"] and not (gen / "beta" / "extra.py").exists()

    (tmp_path / "specs/alpha.openapi.yaml").unlink()  # a committed spec file missing
    assert again() == ["alpha"] and (tmp_path / "specs/alpha.openapi.yaml").exists()

    for name in two:  # what the client's own tests leave behind is not a change
        (gen / name / "__pycache__").mkdir()
        (gen / name / "__pycache__" / "x.pyc").write_bytes(b"\0")
    assert again() == []

    with monkeypatch.context() as mp:  # a new generator version (code, templates, tools)
        mp.setattr(client_stamp, "generator_version", lambda: "another generator")
        assert again() == ["alpha", "beta"]
    assert again() == ["alpha", "beta"]  # stamped by the other version: back to this one regenerates
    assert again() == []
    before = {name: {f: (gen / name / f).read_bytes() for f in _files(gen / name)} for name in two}
    codegen_calls.clear()
    assert main([*run, "--force"]) == 0 and codegen_calls == ["alpha", "beta"]
    codegen_calls.clear()
    assert main([*run, "--no-cache"]) == 0 and codegen_calls == ["alpha", "beta"]
    # a forced regeneration of unchanged inputs writes what was there
    assert {name: {f: (gen / name / f).read_bytes() for f in _files(gen / name)} for name in two} == before


def test_a_failing_service_fails_alone_in_parallel(two: dict[str, Path], tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    docs = dict(two)
    docs["gamma"] = tmp_path / "no-such-docs"
    cfg = _config(tmp_path, docs)
    assert main(_args(cfg, tmp_path, "--jobs", "3")) == 1
    captured = capsys.readouterr()
    assert "gamma: docs folder" in captured.err
    rows = {line.split()[0]: line.split() for line in captured.out.splitlines() if line.split()[:1] in
            (["alpha"], ["beta"], ["gamma"]) and len(line.split()) == 4}
    assert {k: (v[1], v[3]) for k, v in rows.items()} == {"alpha": ("regenerated", "0"), "beta": ("regenerated", "0"),
                                                          "gamma": ("failed", "1")}
    assert (tmp_path / "generated/alpha").is_dir() and (tmp_path / "generated/beta").is_dir()
    # the lock file that serialises runs is the only file left at the top of the generated folder
    assert [p.name for p in (tmp_path / "generated").iterdir() if p.name.startswith(".")] == [".generate.lock"]
