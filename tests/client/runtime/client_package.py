"""Builds client packages the way the codegen lays them out, for the runtime tests."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import jinja2

REPO = Path(__file__).resolve().parents[3]
RUNTIME = REPO / "generator" / "client" / "runtime"
TEMPLATES = REPO / "generator" / "client" / "templates"
# Our copy of openapi-python-client's templates (client.py with the session fields and repr).
OPC_TEMPLATES = REPO / "generator" / "client" / "upstream_templates"

FAKE_PACKAGE = "otc_fake_client"
# Deliberately hostile config strings: they must come out as inert string literals.
FAKE_CONTEXT: dict[str, Any] = {
    "package_name": FAKE_PACKAGE,
    "service_title": 'Fake "Service" \\ with \'quotes\'\n"""and""" </script> & Ünïcödé 日本 😀' * 3,
    "endpoint_template": "https://fake.{region}.otc.t-systems.com",
    "default_region": "eu-de",
    "service_type": "fake",
}


def render(template: str, context: dict[str, Any]) -> str:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    return env.get_template(template).render(**context)


def write_client_package(root: Path, name: str, context: dict[str, Any]) -> Path:
    """A client package as the codegen lays it out: the real openapi-python-client
    ``client.py``, the vendored ``_runtime/`` and the rendered ``otc.py``."""
    package = root / name
    package.mkdir(parents=True)
    opc = jinja2.Environment(loader=jinja2.FileSystemLoader(OPC_TEMPLATES))
    client_py = opc.get_template("client.py.jinja").render(config=SimpleNamespace(docstrings_on_attributes=False))
    (package / "client.py").write_text(client_py, encoding="utf-8")
    (package / "__init__.py").write_text(
        '"""Fake client."""\n\nfrom .client import AuthenticatedClient, Client\n\n'
        '__all__ = ("AuthenticatedClient", "Client")\n',
        encoding="utf-8",
    )
    (package / "py.typed").write_text("", encoding="utf-8")
    shutil.copytree(RUNTIME, package / "_runtime", ignore=shutil.ignore_patterns("__pycache__"))
    (package / "otc.py").write_text(render("client_otc.py.jinja", context), encoding="utf-8")
    return package
