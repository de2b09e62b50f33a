"""The corpus clients the journeys use: built from ../shared/corpus once per test session, on first use.

Generation reuses tests/client/corpus_harness.py (build the spec, generate, check the import) run as its
own script under ``nice -n 10``, so a test worker stays responsive and the survey and the journeys build
a tree the same way.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.core.config import default_service

HERE = Path(__file__).resolve().parent
HARNESS = HERE.parent / "client" / "corpus_harness.py"
REPO = HERE.parents[1]

# service key of a journey -> corpus tree (the commits the issue names)
TREES = {
    "dns": "domain-name-service@83bb279",
    "vpc": "virtual-private-cloud@eb03d88",
    "ecs": "elastic-cloud-server@efcbeed",
    "modelarts": "modelarts@1ba1873",
}


@dataclass(frozen=True)
class BuiltClient:
    tree: str
    package: str  # importable name, e.g. otc_domain_name_service_client
    root: Path  # goes on PYTHONPATH
    spec_path: Path  # the spec the client was generated from (JSON)

    @property
    def spec(self) -> dict[str, object]:
        data = json.loads(self.spec_path.read_text(encoding="utf-8"))
        assert isinstance(data, dict)
        return data


class ClientBuilds:
    """Generates a corpus tree's client at most once per session (per xdist worker), on first request."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._built: dict[str, BuiltClient | str] = {}

    def get(self, key: str) -> BuiltClient:
        tree = TREES[key]
        if tree not in self._built:
            self._built[tree] = self._reuse(tree) or self._generate(tree)
        got = self._built[tree]
        if isinstance(got, str):
            pytest.fail(got, pytrace=False)
        return got

    @staticmethod
    def _reuse(tree: str) -> BuiltClient | None:
        """While editing a journey: ``OTC_JOURNEY_CLIENTS=DIR`` takes the clients a
        ``corpus_harness.py --keep DIR --no-tests`` run left there instead of generating them again."""
        keep = os.environ.get("OTC_JOURNEY_CLIENTS")
        if not keep:
            return None
        root = Path(keep)
        name = tree.replace("@", "_")
        if not (root / name).is_dir():
            return None
        return BuiltClient(tree, default_service(tree.split("@", 1)[0]).package, root / name,
                           root / f"{name}.openapi.json")

    def _generate(self, tree: str) -> BuiltClient | str:
        out = self.root / tree.replace("@", "_")
        report = self.root / f"{tree.replace('@', '_')}.report.json"
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        cmd = ["nice", "-n", "10", sys.executable, str(HARNESS), "--jobs", "1", "--no-tests",
               "--keep", str(self.root), "--json", str(report), tree]
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=REPO)
        if not report.is_file():
            return f"{tree}: corpus_harness wrote no report (exit {proc.returncode}):\n{proc.stderr[-3000:]}"
        (row,) = json.loads(report.read_text(encoding="utf-8"))
        if not (row["generated"] and row["imported"]):
            return f"{tree}: the client was not generated or does not import:\n{row['error']}"
        package = default_service(tree.split("@", 1)[0]).package
        return BuiltClient(tree, package, out, self.root / f"{tree.replace('@', '_')}.openapi.json")
