from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.config import REPO_ROOT, load_services
from generator.pipeline import BuildResult, build_spec

SEED = REPO_ROOT / "specs/sources/modelarts/development_environment_management/updating_a_notebook_instance.rst"
CORPUS = REPO_ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def seed_build() -> BuildResult:
    svc = next(s for s in load_services() if s.name == "modelarts")
    return build_spec(svc.docs, svc)


@pytest.fixture
def make_tree(tmp_path: Path) -> Callable[[dict[str, str]], Path]:
    """Write RST snippets (dedented) into a fresh docs tree and return its root."""

    def make(files: dict[str, str]) -> Path:
        root = tmp_path / "docs"
        for rel, text in files.items():
            p = root / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return root

    return make
