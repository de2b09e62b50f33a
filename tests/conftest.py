from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator.build.pipeline import BuildResult, build_spec
from generator.core.config import REPO_ROOT, load_services
from generator.devtools.corpus import CORPUS as CORPUS

SEED = REPO_ROOT / "specs/sources/modelarts/development_environment_management/updating_a_notebook_instance.rst"


@pytest.fixture(autouse=True)
def _corpus_is_required(request: pytest.FixtureRequest) -> None:
    """A corpus test never skips: without ../shared/corpus it fails, saying so (CI has the corpus)."""
    if request.node.get_closest_marker("corpus") is not None and not CORPUS.is_dir():
        pytest.fail(f"shared corpus not found at {CORPUS}: the corpus tests need it (or set OTC_APIGEN_CORPUS)")


@pytest.fixture(scope="session", autouse=True)
def _private_cache_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The commands cache pages under $XDG_CACHE_HOME by default: never the real home's cache in tests."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
        yield


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
