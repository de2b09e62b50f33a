"""`build -o` never leaves new diagnostics beside an old spec: both are staged, the spec is renamed
first; a failed build's diagnostics go to `<stem>.rejected.diagnostics.json`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from tests.rst_snippets import page

PAGE = page("Listing Things", "GET /v1/{project_id}/things", name="ListThings")


def _docs(tmp_path: Path, text: str = PAGE) -> Path:
    root = tmp_path / "docs"
    root.mkdir(exist_ok=True)
    (root / "list.rst").write_text(text)
    return root


def test_interrupted_between_the_renames_leaves_new_spec_old_diagnostics(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, diag = tmp_path / "out" / "things.openapi.yaml", tmp_path / "out" / "things.diagnostics.json"
    assert main(["build", str(_docs(tmp_path)), "--service", "things", "-o", str(out)]) == 0
    out.write_text("old spec\n")
    diag.write_text('{"old": true}\n')
    real_replace = Path.replace
    calls: list[str] = []

    def replace_then_die(self: Path, target: Any) -> Path:
        calls.append(Path(target).name)
        if len(calls) == 2:
            raise KeyboardInterrupt("killed between the renames")
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", replace_then_die)
    with pytest.raises(KeyboardInterrupt):
        main(["build", str(_docs(tmp_path)), "--service", "things", "-o", str(out)])
    assert calls == ["things.openapi.yaml", "things.diagnostics.json"]  # the spec first
    assert out.read_text() != "old spec\n" and json.loads(diag.read_text()) == {"old": True}


def test_failed_build_writes_rejected_diagnostics_and_keeps_the_pair(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.build.pipeline as pipeline

    out = tmp_path / "things.openapi.yaml"
    assert main(["build", str(_docs(tmp_path)), "--service", "things", "-o", str(out)]) == 0
    spec, diag = out.read_bytes(), (tmp_path / "things.diagnostics.json").read_bytes()
    real = pipeline._build  # what `build_and_check` (the build command) calls

    def broken(*a: Any, **k: Any) -> Any:
        result = real(*a, **k)
        # a dangling $ref is repaired now (build.check.repair); an invalid document frame cannot be (a new dict: the
        # build's pending cache entry keeps the spec as built)
        result.spec = {**result.spec, "info": "not an object"}
        return result

    monkeypatch.setattr(pipeline, "_build", broken)
    assert main(["build", str(_docs(tmp_path)), "--service", "things", "-o", str(out)]) == 1
    rejected = tmp_path / "things.rejected.diagnostics.json"
    assert out.read_bytes() == spec and (tmp_path / "things.diagnostics.json").read_bytes() == diag
    assert '"check.openapi"' in rejected.read_text()
    # the next good build removes the rejected report: nothing stale stays beside the spec
    monkeypatch.setattr(pipeline, "_build", real)
    assert main(["build", str(_docs(tmp_path)), "--service", "things", "-o", str(out)]) == 0
    assert not rejected.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["things.diagnostics.json",
                                                                         "things.openapi.yaml"]
