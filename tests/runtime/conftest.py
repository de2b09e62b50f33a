from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from client_package import FAKE_CONTEXT, FAKE_PACKAGE, write_client_package
from otc_test_server import OTCTestServer


@pytest.fixture(scope="session")
def fake_package_root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("clients")
    write_client_package(root, FAKE_PACKAGE, FAKE_CONTEXT)
    sys.path.insert(0, str(root))
    try:
        yield root
    finally:
        sys.path.remove(str(root))
        for module in [m for m in sys.modules if m == FAKE_PACKAGE or m.startswith(FAKE_PACKAGE + ".")]:
            del sys.modules[module]


@pytest.fixture(scope="session")
def fake_otc(fake_package_root: Path) -> ModuleType:
    """The rendered ``otc_fake_client.otc`` module."""
    return importlib.import_module(f"{FAKE_PACKAGE}.otc")


@pytest.fixture
def otc_server() -> Iterator[OTCTestServer]:
    server = OTCTestServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(autouse=True)
def no_proxy_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The runtime honours HTTP(S)_PROXY; tests must only ever talk to 127.0.0.1 directly."""
    for scheme in ("http", "https", "all", "no"):
        monkeypatch.delenv(f"{scheme}_proxy", raising=False)
        monkeypatch.delenv(f"{scheme.upper()}_PROXY", raising=False)
