"""A client for every corpus tree: generated without a generator warning, importable, one endpoint module
per operation, clean under mypy --strict, and its own conformance tests pass.

One test per tree (build, generate, import, count, conformance), so each tree is built once whatever the
xdist mode: `pytest -m corpus -n 2 tests/client`. Per-tree survey table: tests/client/corpus_harness.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from corpus_harness import CORPUS, ENV, endpoint_modules, operations_of, service_name, trees

from generator.build.pipeline import build_spec
from generator.client import CodegenError, generate_client
from generator.core.config import default_service
from generator.release.changelog import client_release

pytestmark = pytest.mark.corpus



def _size(tree: str) -> int:
    return sum(p.stat().st_size for p in (CORPUS / tree).rglob("*.rst"))


# largest first: the two workers then finish together instead of one waiting for a late modelarts
# Never empty (pytest would skip silently): without the corpus, one param that fails (tests/conftest.py).
TREES = sorted(trees(), key=lambda t: (-_size(t), t)) if CORPUS.is_dir() else ["corpus-missing"]


@pytest.mark.parametrize("tree", TREES)
def test_corpus_client(tree: str, tmp_path: Path) -> None:
    """One test per tree, so that any xdist mode builds each tree exactly once (pytest 9 + xdist 3.8 do
    not keep `xdist_group` tests together reliably, and a module-scoped fixture may be rebuilt)."""
    service = default_service(service_name(tree))
    spec = build_spec(CORPUS / tree, service).spec
    out = tmp_path / "client"
    # codegen pre-checks the generator's own parse errors and runs it with --fail-on-warning: a client
    # exists only if the generator had nothing to warn about
    try:
        generate_client(service, spec, out, *client_release(service, out))
    except CodegenError as exc:
        pytest.fail(f"{tree}: client generation failed or warned:\n{exc}")
    env = {**os.environ, **ENV, "PYTHONPATH": str(out)}
    pkg = service.package
    proc = subprocess.run([sys.executable, "-c", f"import {pkg}.client, {pkg}.models, {pkg}.api"],
                          capture_output=True, text=True, env=env, cwd=out)
    assert proc.returncode == 0, f"{tree}: the client does not import:\n{proc.stderr[-3000:]}"
    assert endpoint_modules(out, pkg) == operations_of(spec), f"{tree}: endpoint modules != operations"
    # mypy --strict finds generator output that would fail at run time (e.g. `from_dict(response.text)`)
    proc = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "mypy"), pkg],
                          capture_output=True, text=True, env=env, cwd=out)
    assert proc.returncode == 0, f"{tree}: mypy --strict:\n{proc.stdout[-3000:]}"
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests", "-rfE",
                           "--tb=short"], capture_output=True, text=True, env=env, cwd=out)
    assert proc.returncode == 0, f"{tree}: conformance tests failed:\n{proc.stdout[-6000:]}{proc.stderr[-2000:]}"
