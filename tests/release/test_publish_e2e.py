"""End to end with real parts: build the generated client, publish it to a local pypiserver with
authentication, install it into a fresh venv from that index only, run its shipped conformance tests.

Dependencies: the client's dependencies (and its `test` extra) are fetched once with `pip download`
into a wheelhouse cached under the system temp dir, and served by the same pypiserver as a second
package root. The install then uses `--index-url` of that server and nothing else (user pip config
disabled): a PyPI `--extra-index-url` would let a same-named package on PyPI win (dependency
confusion) and would make the test depend on PyPI at install time.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.release.publish import PublishError, build_all, find_projects, upload, wheel_metadata

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_DIR = ROOT / "generator" / "client" / "upstream_templates"
CLEAN_PIP_ENV = {"PIP_CONFIG_FILE": os.devnull, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}


def render_pyproject(project: Path) -> None:
    """Re-render pyproject.toml from our template, as codegen will once it passes --custom-template-path.

    Only needed while generated/ predates the template; name, version and summary are kept.
    """
    from jinja2 import Environment, FileSystemLoader
    from openapi_python_client import TEMPLATE_FILTERS

    old = tomllib.loads((project / "pyproject.toml").read_text())["project"]
    upstream = Path(__import__("openapi_python_client").__file__).parent / "templates"
    env = Environment(loader=FileSystemLoader([str(TEMPLATE_DIR), str(upstream)]), keep_trailing_newline=True)
    env.filters.update(TEMPLATE_FILTERS)
    text = env.get_template("pyproject.toml.jinja").render(
        meta="pdm",
        project_name=old["name"],
        package_version=old["version"],
        package_description=old["description"],
    )
    (project / "pyproject.toml").write_text(text)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Index:
    url: str  # upload URL
    simple: str
    user: str
    password: str
    proc: subprocess.Popen[bytes]


def start_pypiserver(base: Path, roots: list[Path]) -> Index:
    from passlib.apache import HtpasswdFile

    user, password = "publisher", secrets.token_urlsafe(16)
    ht = HtpasswdFile(str(base / "htpasswd"), new=True, default_scheme="sha256_crypt")
    ht.set_password(user, password)
    ht.save()
    for _ in range(3):  # the free port may be taken between probe and bind
        port = free_port()
        log = open(base / f"pypiserver-{port}.log", "wb")  # noqa: SIM115 - lives as long as the server
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "pypiserver",
                "run",
                "-i",
                "127.0.0.1",
                "-p",
                str(port),
                "-P",
                str(base / "htpasswd"),
                "-a",
                "update",
                "--disable-fallback",
                *map(str, roots),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        for _ in range(100):
            if proc.poll() is not None:
                break
            try:
                with urllib.request.urlopen(url + "/simple/", timeout=1):
                    return Index(url + "/", url + "/simple/", user, password, proc)
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        proc.kill()
        proc.wait()
    raise AssertionError("pypiserver did not start: " + (base / f"pypiserver-{port}.log").read_text()[-2000:])


def wheelhouse_for(requirements: list[str]) -> Path:
    key = hashlib.sha256("\n".join(sorted(requirements)).encode()).hexdigest()[:16]
    house = Path(tempfile.gettempdir()) / f"otc-apigen-wheelhouse-{key}"
    if (house / ".complete").exists():
        return house
    shutil.rmtree(house, ignore_errors=True)
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "download", "--only-binary=:all:", "--dest", str(house), *requirements],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, f"pip download of the client's dependencies failed:\n{proc.stderr[-3000:]}"
    (house / ".complete").write_text("\n".join(requirements))
    return house


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="otc-apigen-publish-") as tmp:
        yield Path(tmp)


PROJECTS = find_projects()


def test_a_generated_client_exists() -> None:
    assert PROJECTS, "generated/*/pyproject.toml: no generated client to publish"


@pytest.mark.parametrize("source", PROJECTS, ids=lambda p: p.name)
def test_build_publish_install_and_run_conformance(source: Path, workdir: Path) -> None:
    base = workdir / source.name
    project = base / "project"
    shutil.copytree(source, project, ignore=shutil.ignore_patterns(".ruff_cache", "__pycache__", "dist"))
    if "license" not in tomllib.loads((project / "pyproject.toml").read_text())["project"]:
        render_pyproject(project)

    # build + twine check + metadata completeness
    dists = build_all([project], base / "dist")
    wheel = next(p for p in dists if p.suffix == ".whl")
    meta = wheel_metadata(wheel)
    name, version = meta["Name"][0], meta["Version"][0]  # type: ignore[index]
    assert meta["License-Expression"] == ["Apache-2.0"]
    assert meta["Requires-Python"] == [">=3.11"]
    assert any(u.startswith("Documentation, https://docs.otc.t-systems.com/") for u in meta["Project-URL"])  # type: ignore[union-attr]
    requires = meta["Requires-Dist"]
    assert "httpx<0.29.0,>=0.23.1" in requires  # type: ignore[operator]

    # wheelhouse for the dependencies (+ the test extra the conformance tests need)
    house = wheelhouse_for([str(r).replace('; extra == "test"', "") for r in requires])  # type: ignore[union-attr]
    packages = base / "packages"
    packages.mkdir()
    index = start_pypiserver(base, [packages, house])
    try:
        env = {**os.environ, "TWINE_USERNAME": index.user, "TWINE_PASSWORD": index.password}

        with pytest.raises(PublishError, match="set TWINE_PASSWORD in the environment"):
            upload(dists, index.url, {"TWINE_USERNAME": index.user})
        with pytest.raises(PublishError, match="refused the credentials") as refused:
            upload(dists, index.url, {**env, "TWINE_PASSWORD": "wrong-" + index.password})
        assert index.password not in str(refused.value)

        out = upload(dists, index.url, env)
        assert index.password not in out
        assert sorted(p.name for p in packages.iterdir()) == sorted(p.name for p in dists)

        with pytest.raises(PublishError, match=r"already published on .*A released version cannot be replaced"):
            upload(dists, index.url, env)

        # fresh venv, install from our index only
        venv = base / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        py = venv / "bin" / "python"
        pip_env = {**os.environ, **CLEAN_PIP_ENV}
        proc = subprocess.run(
            [
                str(py),
                "-m",
                "pip",
                "install",
                "--no-cache-dir",
                "--index-url",
                index.simple,
                f"{name}[test]=={version}",
            ],
            capture_output=True,
            text=True,
            env=pip_env,
            timeout=600,
        )
        assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
        assert f"Looking in indexes: {index.simple}" in proc.stdout
        package = name.replace("-", "_")  # type: ignore[union-attr]
        where = subprocess.run(
            [str(py), "-c", f"import {package}; print({package}.__file__)"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        assert where.startswith(str(venv)), where

        # the shipped conformance tests, run against the installed package (not the source tree)
        run_dir = base / "run"
        shutil.copytree(source / "tests", run_dir / "tests")
        proc = subprocess.run(
            [str(py), "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
            capture_output=True,
            text=True,
            cwd=run_dir,
            timeout=600,
            env={"PATH": os.environ.get("PATH", ""), "HOME": str(base)},
        )
        assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
        summary = proc.stdout.strip().splitlines()[-1]
        assert " passed" in summary and "failed" not in summary and "error" not in summary, summary
        (base / "conformance-summary.json").write_text(json.dumps(summary))
        print(f"{name} {version}: conformance in fresh venv: {summary}")
    finally:
        index.proc.terminate()
        index.proc.wait(timeout=10)
