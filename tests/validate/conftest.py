from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.validate import Spec

MINI_SPEC = Path(__file__).parent / "data" / "mini.openapi.yaml"


@pytest.fixture(scope="session")
def spec_path() -> Path:
    return MINI_SPEC


@pytest.fixture(scope="session")
def spec() -> Spec:
    return Spec.load(MINI_SPEC)


def _example(side: str) -> Any:
    doc = yaml.safe_load(MINI_SPEC.read_text())
    op = doc["paths"]["/v1/{project_id}/notebooks/{id}"]["put"]
    if side == "request":
        return op["requestBody"]["content"]["application/json"]["example"]
    return op["responses"]["200"]["content"]["application/json"]["example"]


@pytest.fixture
def response_example() -> Any:
    return _example("response")


@pytest.fixture
def request_example() -> Any:
    return _example("request")


@pytest.fixture
def write_har(tmp_path: Path) -> Callable[[list[dict[str, Any]], str], Path]:
    def write(entries: list[dict[str, Any]], name: str = "rec.har") -> Path:
        p = tmp_path / name
        p.write_text(json.dumps({"log": {"version": "1.2", "entries": entries}}, indent=1))
        return p

    return write
