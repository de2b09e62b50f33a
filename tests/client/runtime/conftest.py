from __future__ import annotations

import importlib
import os
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


@pytest.fixture(autouse=True)
def no_cloud_config_from_machine(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """connect() reads clouds.yaml and OS_* like openstacksdk: tests see only what they write.

    HOME, XDG folders and the working folder point at an empty temporary folder; OS_* and S3_*
    variables are removed; /etc/openstack is replaced in every loaded copy of the runtime.
    """
    home = tmp_path_factory.mktemp("home")
    for name in list(os.environ):
        if name.startswith(("OS_", "S3_")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(home / "xdg"))
    monkeypatch.chdir(home)
    for module in [m for name, m in sys.modules.items() if name.endswith("runtime.cloudconfig")]:
        monkeypatch.setattr(module, "SITE_CONFIG_DIRS", (str(home / "etc-openstack"),))
    return home
