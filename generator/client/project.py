"""Writing the client project: openapi-python-client on the client view, then our templates.

openapi-python-client (pinned) writes the package from a *client view* of the spec: the same API
with the constructs it would silently mishandle worked around (each workaround is a diagnostic).
Then jinja2 templates add what it cannot: the OTC runtime (auth, endpoints, errors, retries) and
the conformance tests. Doc text never becomes Python source: test data goes to JSON files, and the
only identifiers rendered into code come from the generator's own sanitised names, checked again.

Everything is written to a temporary folder next to the target and swapped in only on success,
through a journaled commit (generator.core.atomic) that a killed run never leaves half done.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from generator.client.aliases import write_aliases
from generator.client.api_reference import api_reference
from generator.client.common import CodegenError, ident, unsupported_media
from generator.client.conformance import conformance_data
from generator.client.names import GeneratorNames, generator_names
from generator.client.readme import readme_examples
from generator.client.template_data import template_dir
from generator.client.variants import strip_markers
from generator.client.view import client_view
from generator.core import atomic
from generator.core.config import Service
from generator.core.emit import dump_json
from generator.core.model import Diagnostic

TEMPLATES = Path(__file__).parent / "templates"
OPC_TEMPLATES = Path(__file__).parent / "upstream_templates"
RUNTIME = Path(__file__).parent / "runtime"


@dataclass
class CodegenResult:
    path: Path
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _env() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=False,
                             keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    env.filters["pyrepr"] = repr  # the only way a config string enters code: as a Python literal
    return env


def generate_client(service: Service, spec: dict[str, Any], out_dir: Path, version: str,
                    changelog: str, commit: Callable[[Path, Path, list[Diagnostic]], None] | None = None
                    ) -> CodegenResult:
    """Write the client of `service` to `out_dir`, replacing it only if everything succeeded.

    `version` goes into the package metadata and `changelog` becomes its CHANGELOG.md (both from
    `generator.release.changelog.client_release`). `commit(project, out_dir, notes)` puts the
    finished project in place (default: a crash-safe swap); `generate` passes one that commits
    the spec files in the same transaction (generator.core.atomic).
    """
    out_dir = Path(out_dir).absolute()  # the generator child runs in the temporary folder
    view, notes = client_view(spec)
    names = generator_names(view, service.package)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f".{service.name}-", dir=out_dir.parent) as tmp_name:
        tmp = Path(tmp_name)
        project = tmp / "project"
        view_path = tmp / "openapi.client.json"
        view_path.write_text(dump_json(view), encoding="utf-8")
        cfg_path = tmp / "config.json"
        cfg_path.write_text(json.dumps({
            "project_name_override": service.client,
            "package_name_override": service.package,
            "package_version_override": version,
            "content_type_overrides": unsupported_media(view),
        }), encoding="utf-8")
        cmd = [sys.executable, "-m", "openapi_python_client", "generate", "--path", str(view_path),
               "--output-path", str(project), "--config", str(cfg_path), "--meta", "pdm", "--fail-on-warning"]
        if OPC_TEMPLATES.is_dir() and any(OPC_TEMPLATES.iterdir()):
            # with the view's per-operation data (session parameters, pagination) beside them
            cmd += ["--custom-template-path", str(template_dir(OPC_TEMPLATES, view, tmp / "templates"))]
        env = dict(os.environ)
        # the generator's ruff hooks must find the pinned ruff of this interpreter's environment
        env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=tmp,
                              preexec_fn=atomic.die_with_parent())
        if proc.returncode != 0 or not project.is_dir():
            raise CodegenError(f"openapi-python-client failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
        if "skipped" in proc.stdout.lower() and "ruff" in proc.stdout.lower():
            raise CodegenError("ruff was not found: output would not be formatted reproducibly")
        shutil.rmtree(project / ".ruff_cache", ignore_errors=True)
        strip_markers(project / ident(service.package))  # each page of a merged call requests the shared path
        _add_extras(project, service, spec, view, names, version)
        (project / "CHANGELOG.md").write_bytes(changelog.encode("utf-8"))
        if commit is None:
            _swap(project, out_dir)
        else:
            commit(project, out_dir, notes)
    return CodegenResult(out_dir, notes)


def _add_extras(project: Path, service: Service, spec: dict[str, Any], view: dict[str, Any], names: GeneratorNames,
                version: str) -> None:
    env = _env()
    package = ident(service.package)
    pkg_dir = project / package
    tests = project / "tests"
    tests.mkdir(exist_ok=True)
    (tests / "__init__.py").write_text("", encoding="utf-8")
    write_aliases(pkg_dir, view, names)
    (tests / "openapi.json").write_text(dump_json(spec), encoding="utf-8")
    (tests / "conformance_data.json").write_text(dump_json(conformance_data(spec, names, view)), encoding="utf-8")
    (tests / "test_conformance.py").write_text(
        env.get_template("test_conformance.py.jinja").render(package=package), encoding="utf-8")
    if RUNTIME.is_dir() and (TEMPLATES / "client_otc.py.jinja").exists():
        rt = pkg_dir / "_runtime"
        rt.mkdir()
        for f in sorted(RUNTIME.glob("*.py")):
            shutil.copy2(f, rt / f.name)
        (pkg_dir / "otc.py").write_text(env.get_template("client_otc.py.jinja").render(
            endpoint_template=service.endpoint, default_region=service.default_region,
            service_title=service.title, package_name=package, service_type=service.service_type,
            endpoints=None if service.endpoints is None else dict(service.endpoints)),
            encoding="utf-8")
        if (TEMPLATES / "client_readme_usage.md.jinja").exists():
            example_call, iterator_call = readme_examples(pkg_dir, package)
            usage = env.get_template("client_readme_usage.md.jinja").render(
                endpoint_template=service.endpoint, default_region=service.default_region,
                service_title=service.title, package_name=package, example_call=example_call,
                iterator_call=iterator_call, distribution=service.client, version=version,
                service_type=service.service_type)
            readme = project / "README.md"
            readme.write_text(readme.read_text(encoding="utf-8").rstrip() + "\n\n" + usage, encoding="utf-8")
    (project / "api.md").write_text(api_reference(pkg_dir, package, service.client, service.title,
                                                  service.docs_repository), encoding="utf-8")


def _swap(new: Path, target: Path) -> None:
    """Replace `target` by `new`, journaled, so even a kill never leaves half a client or none."""
    atomic.commit(target.parent, target.name, (new, target), {})
