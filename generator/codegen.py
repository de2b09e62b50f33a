"""Stage 5: spec -> generated client project with conformance tests.

openapi-python-client (pinned) writes the package from a *client view* of the spec: the same API
with the constructs it would silently mishandle worked around (each workaround is a diagnostic).
Then jinja2 templates add what it cannot: the OTC runtime (auth, endpoints, errors, retries) and
the conformance tests. Doc text never becomes Python source: test data goes to JSON files, and the
only identifiers rendered into code come from the generator's own sanitised names, checked again.

Everything is written to a temporary folder next to the target and swapped in only on success.
"""

from __future__ import annotations

import copy
import json
import keyword
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from generator import samples
from generator.check import RESERVED_PROPERTIES
from generator.config import Service
from generator.emit import dump_json
from generator.model import Diagnostic, Severity, Source

TEMPLATES = Path(__file__).parent / "templates"
OPC_TEMPLATES = Path(__file__).parent / "opc_templates"
RUNTIME = Path(__file__).parent / "runtime"
INITIAL_VERSION = "0.1.0"


class CodegenError(Exception):
    pass


@dataclass
class CodegenResult:
    path: Path
    diagnostics: list[Diagnostic] = field(default_factory=list)


# ------------------------------------------------------------------ client view


def client_view(spec: dict[str, Any]) -> tuple[dict[str, Any], list[Diagnostic]]:
    """The spec as handed to openapi-python-client, with its silent failure modes avoided."""
    view = copy.deepcopy(spec)
    notes: list[Diagnostic] = []

    def src(node: Any) -> Source:
        xs = node.get("x-source") if isinstance(node, dict) else None
        return Source(xs["file"], xs["line"]) if isinstance(xs, dict) else Source("<spec>", 0)

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            # scalar defaults become Python defaults that the client *sends*: an update call would
            # overwrite server state the caller never mentioned
            if "default" in node and isinstance(node.get("type"), str):
                del node["default"]
            enum = node.get("enum")
            if isinstance(enum, list) and node.get("type") == "number":
                del node["enum"]  # float enums make the generator drop the response
                notes.append(Diagnostic(src(node), "client.float_enum", Severity.INFO,
                                        f"{where}: number enum kept in the spec, not in the client"))
            if isinstance(enum, list) and node.get("type") == "string":
                keys = [_enum_key(str(v)) for v in enum]
                if len(set(keys)) != len(keys):
                    node["x-enum-varnames"] = _unique_varnames(keys)
            props = node.get("properties")
            if isinstance(props, dict):
                for name in [n for n in props if n in RESERVED_PROPERTIES]:
                    del props[name]
                    if name in node.get("required", []):
                        node["required"] = [r for r in node["required"] if r != name]
                        if not node["required"]:
                            del node["required"]
                    notes.append(Diagnostic(src(node), "client.reserved_property", Severity.WARNING,
                                            f"{where}.{name}: reserved in generated models; kept in "
                                            "additional_properties"))
            for k, v in node.items():
                walk(v, f"{where}.{k}" if k not in ("properties", "items") else where)
        elif isinstance(node, list):
            for v in node:
                walk(v, where)

    for name, schema in view.get("components", {}).get("schemas", {}).items():
        walk(schema, name)
    for item in view.get("paths", {}).values():
        for op in item.values():
            for p in op.get("parameters", []):
                walk(p.get("schema", {}), f"{op.get('operationId')}.{p.get('name')}")
    return view, notes


def _enum_key(value: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", value).strip("_").upper() or "VALUE"


def _unique_varnames(keys: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for k in keys:
        base = k if k and not k[0].isdigit() else f"VALUE_{k}"
        n = seen.get(base, 0)
        seen[base] = n + 1
        out.append(base if n == 0 else f"{base}_{n + 1}")
    return out


# ------------------------------------------------------------------ names from the generator


def _ident(name: str) -> str:
    if not name.isidentifier() or keyword.iskeyword(name):
        raise CodegenError(f"generator produced a name that is not a safe identifier: {name!r}")
    return name


@dataclass
class _Names:
    models: dict[str, tuple[str, str]]  # component name -> (module, class)
    endpoints: dict[tuple[str, str], tuple[str, str, dict[str, str]]]  # (METHOD, path) -> (tag, module, params)


def _generator_names(view: dict[str, Any], package: str) -> _Names:
    from openapi_python_client.config import Config, ConfigFile, MetaType
    from openapi_python_client.parser import GeneratorData
    from openapi_python_client.strings import PythonIdentifier

    cfg = Config.from_sources(ConfigFile(package_name_override=package), MetaType.NONE, Path("spec.json"),
                              "utf-8", True, None)
    data = GeneratorData.from_dict(view, config=cfg)
    if not isinstance(data, GeneratorData):
        raise CodegenError(f"client generator cannot read the spec: {data.header} {data.detail or ''}")
    prefix = "/components/schemas/"
    models = {m.name.get_untrusted_value().removeprefix(prefix): (_ident(m.class_info.module_name),
                                                                  _ident(m.class_info.name))
              for m in data.models if m.name.get_untrusted_value().startswith(prefix)}
    endpoints = {}
    for tag, coll in data.endpoint_collections_by_tag.items():
        for e in coll.endpoints:
            params = {p.name.get_untrusted_value(): _ident(p.python_name)
                      for p in (*e.path_parameters, *e.query_parameters, *e.header_parameters)}
            endpoints[(e.method.upper(), e.path.get_untrusted_value())] = (
                _ident(str(tag)), _ident(str(PythonIdentifier(e.name, cfg.field_prefix))), params)
    return _Names(models, endpoints)


# ------------------------------------------------------------------ conformance data


def conformance_data(spec: dict[str, Any], names: _Names) -> dict[str, Any]:
    schemas = spec.get("components", {}).get("schemas", {})
    examples: dict[str, list[dict[str, Any]]] = {}
    operations = []
    for path, item in spec.get("paths", {}).items():
        for method, op in item.items():
            op_id = op["operationId"]
            if (method.upper(), path) not in names.endpoints:
                continue
            tag_module, module, pynames = names.endpoints[(method.upper(), path)]
            params = []
            for p in op.get("parameters", []):
                if p["in"] == "path" or p.get("required"):
                    params.append({"name": p["name"], "in": p["in"], "python_name": pynames[p["name"]],
                                   "value": _param_value(spec, p)})
            request = None
            content = op.get("requestBody", {}).get("content", {})
            media = content.get("application/json")
            if media and "$ref" in media.get("schema", {}):
                ref_name = media["schema"]["$ref"].rsplit("/", 1)[1]
                docs_examples = [ex["value"] for ex in (media.get("examples") or {}).values()]
                body = docs_examples[0] if docs_examples else samples.sample(spec, media["schema"], full=True)
                request = {"schema": ref_name, "body": body, "documented": bool(docs_examples)}
                for name, ex in (media.get("examples") or {}).items():
                    examples.setdefault(ref_name, []).append({"name": name, "value": ex["value"],
                                                              "source": ex.get("x-source")})
            responses = []
            for status, resp in op.get("responses", {}).items():
                rmedia = resp.get("content", {}).get("application/json")
                if not rmedia or "$ref" not in rmedia.get("schema", {}) or not status.isdigit():
                    continue
                ref_name = rmedia["schema"]["$ref"].rsplit("/", 1)[1]
                docs_examples = [ex["value"] for ex in (rmedia.get("examples") or {}).values()]
                for name, ex in (rmedia.get("examples") or {}).items():
                    examples.setdefault(ref_name, []).append({"name": name, "value": ex["value"],
                                                              "source": ex.get("x-source")})
                body = docs_examples[0] if docs_examples else samples.sample(spec, rmedia["schema"], full=True)
                responses.append({"status": int(status), "schema": ref_name, "body": body,
                                  "documented": bool(docs_examples)})
            operations.append({
                "operation_id": op_id, "method": method.upper(), "path": path,
                "tag_module": tag_module, "module": module, "params": params,
                "request": request, "responses": responses,
                "source": op.get("x-source"),
            })
    schema_cases = []
    for name in sorted(schemas):
        if name not in names.models:
            continue
        base = samples.sample(spec, {"$ref": f"#/components/schemas/{name}"}, full=True)
        schema_cases.append({
            "schema": name,
            "module": names.models[name][0],
            "class": names.models[name][1],
            "examples": examples.get(name, []),
            "valid": base,
            "invalid": [{"why": m.why, "pointer": m.pointer, "payload": m.payload}
                        for m in samples.mutations(spec, name, base)],
        })
    return {"operations": operations, "schemas": schema_cases}


def _param_value(spec: dict[str, Any], p: dict[str, Any]) -> Any:
    if p["in"] == "path":
        return f"{p['name']}-value"
    return samples.sample(spec, p.get("schema", {}))


# ------------------------------------------------------------------ project


def _env() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=False,
                             keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    env.filters["pyrepr"] = repr  # the only way a config string enters code: as a Python literal
    return env


def read_version(changelog: Path) -> str | None:
    try:
        from generator.changelog import current_version
    except ImportError:  # the changelog module is optional while it is being written
        return None
    return current_version(changelog)


def generate_client(service: Service, spec: dict[str, Any], out_dir: Path) -> CodegenResult:
    """Write the client of `service` to `out_dir`, replacing it only if everything succeeded."""
    view, notes = client_view(spec)
    names = _generator_names(view, service.package)
    version = read_version(out_dir / "CHANGELOG.md") or INITIAL_VERSION
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
        }), encoding="utf-8")
        cmd = [sys.executable, "-m", "openapi_python_client", "generate", "--path", str(view_path),
               "--output-path", str(project), "--config", str(cfg_path), "--meta", "pdm", "--fail-on-warning"]
        if OPC_TEMPLATES.is_dir() and any(OPC_TEMPLATES.iterdir()):
            cmd += ["--custom-template-path", str(OPC_TEMPLATES)]
        env = dict(os.environ)
        # the generator's ruff hooks must find the pinned ruff of this interpreter's environment
        env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=tmp)
        if proc.returncode != 0 or not project.is_dir():
            raise CodegenError(f"openapi-python-client failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
        if "skipped" in proc.stdout.lower() and "ruff" in proc.stdout.lower():
            raise CodegenError("ruff was not found: output would not be formatted reproducibly")
        shutil.rmtree(project / ".ruff_cache", ignore_errors=True)
        _add_extras(project, service, spec, names, version)
        old_changelog = out_dir / "CHANGELOG.md"
        if old_changelog.exists():
            shutil.copy2(old_changelog, project / "CHANGELOG.md")
        else:
            (project / "CHANGELOG.md").write_text(_initial_changelog(service, version), encoding="utf-8")
        _swap(project, out_dir)
    return CodegenResult(out_dir, notes)


def _add_extras(project: Path, service: Service, spec: dict[str, Any], names: _Names, version: str) -> None:
    env = _env()
    package = _ident(service.package)
    pkg_dir = project / package
    tests = project / "tests"
    tests.mkdir(exist_ok=True)
    (tests / "__init__.py").write_text("", encoding="utf-8")
    (tests / "openapi.json").write_text(dump_json(spec), encoding="utf-8")
    (tests / "conformance_data.json").write_text(dump_json(conformance_data(spec, names)), encoding="utf-8")
    (tests / "test_conformance.py").write_text(
        env.get_template("test_conformance.py.jinja").render(package=package), encoding="utf-8")
    if RUNTIME.is_dir() and (TEMPLATES / "client_otc.py.jinja").exists():
        rt = pkg_dir / "_runtime"
        rt.mkdir()
        for f in sorted(RUNTIME.glob("*.py")):
            shutil.copy2(f, rt / f.name)
        (pkg_dir / "otc.py").write_text(env.get_template("client_otc.py.jinja").render(
            endpoint_template=service.endpoint, default_region=service.default_region,
            service_title=service.title, package_name=package), encoding="utf-8")
        if (TEMPLATES / "client_readme_usage.md.jinja").exists():
            example_call = _example_call(spec, names, package)
            usage = env.get_template("client_readme_usage.md.jinja").render(
                endpoint_template=service.endpoint, default_region=service.default_region,
                service_title=service.title, package_name=package, example_call=example_call)
            readme = project / "README.md"
            readme.write_text(readme.read_text(encoding="utf-8").rstrip() + "\n\n" + usage, encoding="utf-8")


def _example_call(spec: dict[str, Any], names: _Names, package: str) -> str:
    for path, item in spec.get("paths", {}).items():
        for method in item:
            if (method.upper(), path) in names.endpoints:
                tag, module, _ = names.endpoints[(method.upper(), path)]
                return (f"from {package}.api.{tag} import {module}\n\n"
                        f"response = {module}.sync_detailed(client=client, ...)")
    return ""


def _initial_changelog(service: Service, version: str) -> str:
    docs = f" (docs {service.docs_commit}, {service.docs_date})" if service.docs_commit else ""
    return (f"# Changelog\n\nAll notable changes to {service.client} are listed here; versions follow semantic "
            f"versioning of the API the docs describe.\n\n## [{version}]{docs}\n\n- First generated release.\n")


def _swap(new: Path, target: Path) -> None:
    """Replace `target` by `new` with two renames, so a failure never leaves half a client."""
    old = target.with_name(f".{target.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    new.rename(target)
    if old.exists():
        shutil.rmtree(old)
