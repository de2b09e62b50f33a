"""The README's examples, written from the generated package itself, so every name in them exists.

The example call and the iterator example are read back from the generated modules (`ast`, never an
import): which functions exist, which arguments they require, and which fields their body model requires.
Whatever later passes change in the signatures (session defaults, iterators), the README follows.
Preferred for the call: an operation that creates something from a body model; for the iterator: the
first `iter_<name>` function. Placeholders are `"<argument>"` strings, so the snippets compile. A body model
whose required fields are not all scalars is built with `from_dict` from the operation's documented example
(the conformance data written beside the package), shown as a Python literal.
"""

from __future__ import annotations

import ast
import json
import pprint
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_SCALAR_SAMPLES = {"str": None, "int": "1", "float": "1.0", "bool": "True"}


@dataclass(frozen=True)
class _Function:
    tag: str
    module: str
    name: str
    required: list[str]  # required arguments besides client and body, in order
    positional: int  # how many of them are positional
    body: str | None  # the body annotation, when the function takes a body


def readme_examples(pkg_dir: Path, package: str) -> tuple[str, str]:
    """(example call, iterator example) for the package in `pkg_dir`; "" where there is none."""
    functions: list[_Function] = []
    for path in sorted((pkg_dir / "api").glob("*/*.py")):
        if path.name == "__init__.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and (node.name == "sync" or node.name.startswith("iter_")):
                functions.append(_function(path.parent.name, path.stem, node))
    models = _models(pkg_dir)
    bodies = _documented_bodies(pkg_dir.parent / "tests" / "conformance_data.json")
    calls = [f for f in functions if f.name == "sync"]

    def rank(f: _Function) -> tuple[int, str]:
        model = _body_model(f, models)
        simple = model is not None and all(_sample(n, a) is not None for n, a in models[model])
        documented = (f.tag, f.module) in bodies
        order = [model is not None and f.module.startswith("create_") and (simple or documented),
                 model is not None and (simple or documented), model is not None, True]
        return order.index(True), f.module

    call = _render(min(calls, key=rank), package, models, "result", bodies) if calls else ""
    if call:
        call = f"from {package}.otc import connect\n" + call.replace("\n\n", "\n\nclient = connect()\n", 1)
    iterators = [f for f in functions if f.name.startswith("iter_")]
    iterator = _render(iterators[0], package, models, "item", bodies) if iterators else ""
    return call, iterator


def _documented_bodies(path: Path) -> dict[tuple[str, str], Any]:
    if not path.is_file():
        return {}
    out: dict[tuple[str, str], Any] = {}
    for op in json.loads(path.read_text(encoding="utf-8")).get("operations", []):
        request = op.get("request") or {}
        if request.get("kind") == "model" and request.get("documented") and isinstance(request.get("body"), dict):
            out[(str(op["tag_module"]), str(op["module"]))] = request["body"]
    return out


def _function(tag: str, module: str, node: ast.FunctionDef) -> _Function:
    args = node.args
    pos = args.posonlyargs + args.args
    pos_required = pos[: len(pos) - len(args.defaults)]
    kw_required = [a for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if d is None]
    body = next((a for a in args.kwonlyargs if a.arg == "body"), None)
    required = [a.arg for a in pos_required] + [a.arg for a in kw_required if a.arg not in ("client", "body")]
    annotation = ast.unparse(body.annotation) if body is not None and body.annotation is not None else None
    return _Function(tag, module, node.name, required, len(pos_required), annotation)


def _models(pkg_dir: Path) -> dict[str, list[tuple[str, str]]]:
    """Model class -> its required fields (name, annotation), from the attrs class bodies."""
    out: dict[str, list[tuple[str, str]]] = {}
    for path in sorted((pkg_dir / "models").glob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef) and any(isinstance(d, ast.Name) and d.id == "_attrs_define"
                                                      for d in node.decorator_list):
                out[node.name] = [(s.target.id, ast.unparse(s.annotation)) for s in node.body
                                  if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)
                                  and s.value is None and s.target.id != "additional_properties"]
    return out


def _body_model(f: _Function, models: dict[str, list[tuple[str, str]]]) -> str | None:
    if f.body is None:
        return None
    name = f.body.split("|")[0].strip()
    return name if name in models else None


def _sample(field: str, annotation: str) -> str | None:
    if annotation in _SCALAR_SAMPLES:
        return _SCALAR_SAMPLES[annotation] or f'"<{field}>"'
    if annotation.startswith("list["):
        return "[]"
    return None


def _render(f: _Function, package: str, models: dict[str, list[tuple[str, str]]], result: str,
            bodies: dict[tuple[str, str], Any]) -> str:
    imports = [f"from {package}.api.{f.tag} import {f.module}"]
    args = [f'"<{name}>"' for name in f.required[: f.positional]]
    lines: list[str] = []
    model = _body_model(f, models)
    if model is not None:
        imports.append(f"from {package}.models import {model}")
        fields = [(name, _sample(name, ann)) for name, ann in models[model]]
        if all(value is not None for _, value in fields):
            args.append(f"body={model}({', '.join(f'{name}={value}' for name, value in fields)})")
        else:  # a required field holds another model: the documented JSON shape is simpler to show
            example = bodies.get((f.tag, f.module), {})
            lines.append(f"payload = {pprint.pformat(example, width=100, sort_dicts=False)}"
                         + ("" if example else "  # the request body as the API reference shows it"))
            args.append(f"body={model}.from_dict(payload)")
    elif f.body is not None:
        args.append('body="<body>"' if "str" in f.body else "body=...")
    args += [f'{name}="<{name}>"' for name in f.required[f.positional:]]
    args.append("client=client")
    call = f"{f.module}.{f.name}({', '.join(args)})"
    if f.name == "sync":
        lines.append(f"{result} = {call}")
        lines.append(f"print({result})")
    else:
        lines.append(f"for {result} in {call}:")
        lines.append(f"    print({result})")
    return "\n".join(imports) + "\n\n" + "\n".join(lines)
