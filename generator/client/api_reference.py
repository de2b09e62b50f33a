"""The client's API reference (`api.md`): every module, function and model, read back from the generated package.

Like the README's examples (`client.readme`), it is read from the generated modules with `ast`, never by
importing them, so every name it shows exists with the signature shown. Each endpoint module has four
functions (`sync`, `sync_detailed`, `asyncio`, `asyncio_detailed`) and a paged list also `iter_<name>` /
`aiter_<name>`: the reference shows `sync` (and `iter_`) with its full signature, the first line of its
docstring, the call (METHOD path) and the docs page it was generated from (`x-source` of the operation, via
the conformance data written beside the package).

Doc text is data here: a summary is one line of plain text with Markdown's active characters escaped, and a
signature is `ast.unparse` of generated code (identifiers and annotations only), shown in a code span.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from pathlib import Path

_MARKDOWN_ACTIVE = re.compile(r"([\\`*_{}\[\]<>()#|!])")


@dataclass(frozen=True)
class _Endpoint:
    tag: str
    module: str
    functions: tuple[tuple[str, str], ...]  # (name, signature) of sync and iter_*
    summary: str
    call: str  # "METHOD /path", or "" when the conformance data does not name it
    source: str  # "file:line" of the docs page, or ""


def api_reference(pkg_dir: Path, package: str, distribution: str, title: str, docs_repository: str) -> str:
    """`api.md` for the package in `pkg_dir` (its conformance data is `<project>/tests/conformance_data.json`)."""
    operations = _operations(pkg_dir.parent / "tests" / "conformance_data.json")
    endpoints = [_endpoint(path, operations) for path in sorted((pkg_dir / "api").glob("*/*.py"))
                 if path.name != "__init__.py"]
    models = _models(pkg_dir)
    tags = sorted({e.tag for e in endpoints})
    out = [f"# API reference: {distribution}", "",
           f"Every module, function and model of `{package}`, the client of {_text(title)}, generated from its API",
           f"reference ({docs_repository}, `api-ref/source/`). Each endpoint module has `sync`, `sync_detailed`,",
           "`asyncio` and `asyncio_detailed` (the same arguments; `_detailed` returns the whole `Response`); a paged",
           "list also has `iter_<name>` and `aiter_<name>`. `client` is what `connect()` returns; `project_id`",
           "defaults to the client's. Shown: `sync` and `iter_`, with the docs page each was generated from.", "",
           "## Modules", ""]
    out += [f"- [`{package}.api.{tag}`](#{tag}) ({_count(sum(e.tag == tag for e in endpoints), 'endpoint')})"
            for tag in tags]
    out.append(f"- [`{package}.models`](#models) ({_count(len(models), 'model')})")
    for tag in tags:
        out += ["", f"## {tag}", "", f"`from {package}.api.{tag} import <module>`", ""]
        for e in (e for e in endpoints if e.tag == tag):
            out += [f"### `{e.module}`", ""]
            out += [f"- `{e.module}.{name}{signature}`" for name, signature in e.functions]
            where = " ".join(p for p in (f"`{e.call}`" if e.call else "", f"(docs: `{e.source}`)" if e.source else "")
                             if p)
            out += ["", f"{e.summary}{' ' if e.summary and where else ''}{where}".strip() or "(no summary)", ""]
    out += ["## Models", "", f"`from {package}.models import <Model>`", ""]
    out += [f"- `{name}`" + (f": {summary}" if summary else "") for name, summary in models]
    return "\n".join(out).rstrip() + "\n"


def _operations(path: Path) -> dict[tuple[str, str], dict[str, object]]:
    if not path.is_file():
        return {}
    return {(str(op["tag_module"]), str(op["module"])): op
            for op in json.loads(path.read_text(encoding="utf-8")).get("operations", [])}


def _endpoint(path: Path, operations: dict[tuple[str, str], dict[str, object]]) -> _Endpoint:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    shown = [n for n in tree.body
             if isinstance(n, ast.FunctionDef) and (n.name == "sync" or n.name.startswith("iter_"))]
    sync = next((n for n in shown if n.name == "sync"), None)
    summary = _text((ast.get_docstring(sync) or "").split("\n", 1)[0]) if sync is not None else ""
    op = operations.get((path.parent.name, path.stem), {})
    source = op.get("source")
    where = f"{source['file']}:{source['line']}" if isinstance(source, dict) and "file" in source else ""
    call = f"{op['method']} {op['path']}" if "method" in op and "path" in op else ""
    return _Endpoint(path.parent.name, path.stem, tuple((n.name, _signature(n)) for n in shown), summary,
                     _code(call), _code(where))


def _signature(node: ast.FunctionDef) -> str:
    returns = f" -> {ast.unparse(node.returns)}" if node.returns is not None else ""
    return f"({ast.unparse(node.args)}){returns}"


def _models(pkg_dir: Path) -> list[tuple[str, str]]:
    """(class, what it is): an enum with its values, else the model's own first line or its fields."""
    out = []
    for path in sorted((pkg_dir / "models").glob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(node, ast.ClassDef):
                continue
            assigned = [s for s in node.body if isinstance(s, ast.Assign) and len(s.targets) == 1
                        and isinstance(s.targets[0], ast.Name) and isinstance(s.value, ast.Constant)]
            if any(isinstance(b, ast.Name) and b.id.endswith("Enum") for b in node.bases):
                values = ", ".join(f"`{_code(repr(v.value))}`" for s in assigned
                                   if isinstance(v := s.value, ast.Constant))
                out.append((node.name, f"enum: {values}" if values else "enum"))
                continue
            first = (ast.get_docstring(node) or "").strip().split("\n", 1)[0]
            fields = [s.target.id for s in node.body if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)
                      and s.target.id != "additional_properties"]
            if first and first != "Attributes:":
                out.append((node.name, _text(first)))
            else:
                out.append((node.name, "fields: " + ", ".join(f"`{f}`" for f in fields) if fields else ""))
    return sorted(out)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _text(text: str) -> str:
    """One line of doc text as inert Markdown."""
    return _MARKDOWN_ACTIVE.sub(r"\\\1", " ".join(text.split()))


def _code(text: str) -> str:
    """Text for a code span: a backtick would end it."""
    return " ".join(text.replace("`", "'").split())
