from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Callable, Mapping
from typing import Any

import pytest

from generator.devtools.corpus import CORPUS
from generator.diff.inputs import load


@pytest.fixture(scope="session")
def corpus_spec(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Mapping[str, Any]]:
    """Build a corpus tree once per test run, even across pytest-xdist workers.

    Workers share the parent of their base temp dir; the first to take the lock builds and
    writes JSON, the others read it (a modelarts tree takes tens of seconds to build).
    """
    base = tmp_path_factory.getbasetemp()
    # under xdist the run's folder is the parent of each worker's; without xdist the parent is shared by
    # every pytest run on the machine, where a spec built by older code would be read back
    run = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    shared = run / "diff-corpus-specs"
    shared.mkdir(exist_ok=True)

    def get(tree: str) -> Mapping[str, Any]:
        target = shared / f"{tree}.json"
        with open(shared / f"{tree}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not target.exists():
                spec = load(CORPUS / tree).spec
                target.write_text(json.dumps(spec), encoding="utf-8")
                return spec
        result: Mapping[str, Any] = json.loads(target.read_text(encoding="utf-8"))
        return result

    return get
