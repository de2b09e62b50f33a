"""The diagnostic codes of generator.core.codes: the README's table, and where the source emits each code.

    python -m generator.devtools.codes --write README.md   # the table between the codes markers
    python -m generator.devtools.codes --check README.md   # exit 1 when the README's table is stale
    python -m generator.devtools.codes --emitted           # every code the source emits, with its places

`emitted` reads the source with `ast`, never by running it. A string is a code where the source says so, never
because it looks dotted: the code argument of a callable that has a `code` parameter (`Diagnostic(source, code,
...)`, `ctx.diag(line, code, ...)`, `UntrustedInput(code, message)`, `Result(..., code=...)`, a helper's `code`
parameter), a `code` parameter's default, a value assigned to a name `code` (also inside a tuple assignment),
the first element of a `(code, message)` tuple appended to prose `findings`. Consumers are read apart
(`compared`): strings compared with a `.code` or `code` (`d.code == "..."`, `code in (...)`).
"""

from __future__ import annotations

import argparse
import ast
import functools
import re
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from generator.core.codes import markdown_table

START, END = "<!-- codes:start -->", "<!-- codes:end -->"
SOURCE = Path(__file__).resolve().parents[1]  # generator/
_CODE = re.compile(r"[a-z][a-z0-9_]*\.[a-z0-9_]+")


# ---------------------------------------------------------------- the README's table


def replace_table(text: str) -> str:
    """`text` with the generated table between the markers (ValueError without exactly one pair of them)."""
    if text.count(START) != 1 or text.count(END) != 1 or text.index(START) > text.index(END):
        raise ValueError(f"expected one {START} ... {END} pair")
    head, rest = text.split(START)
    _, tail = rest.split(END)
    return f"{head}{START}\n{markdown_table()}{END}{tail}"


# ---------------------------------------------------------------- codes in the source


@functools.cache
def _modules(root: Path) -> tuple[tuple[str, ast.Module], ...]:
    return tuple((path.relative_to(root.parent).as_posix(), ast.parse(path.read_text(encoding="utf-8"), str(path)))
                 for path in sorted(root.rglob("*.py")))


def _code_positions(trees: tuple[tuple[str, ast.Module], ...]) -> dict[str, set[int]]:
    """callable name -> positions of its `code` parameter (after self), over every def and dataclass."""
    out: dict[str, set[int]] = defaultdict(set)
    for _, tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                names = [a.arg for a in node.args.posonlyargs + node.args.args]
                if "code" in names:
                    owner_method = bool(names) and names[0] in ("self", "cls")
                    out[node.name].add(names.index("code") - owner_method)
            elif isinstance(node, ast.ClassDef):
                init = next((s for s in node.body if isinstance(s, ast.FunctionDef) and s.name == "__init__"), None)
                if init is not None:
                    names = [a.arg for a in init.args.args][1:]
                else:  # a dataclass: its fields, in order
                    names = [s.target.id for s in node.body
                             if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)]
                if "code" in names:
                    out[node.name].add(names.index("code"))
    return out


def _strings(node: ast.expr | None, index: int | None = None) -> list[ast.Constant]:
    """The string constants `node` may evaluate to (through `a if c else b` and `a or b`); `index`: the element
    of a tuple."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node] if index is None else []
    if isinstance(node, ast.IfExp):
        return _strings(node.body, index) + _strings(node.orelse, index)
    if isinstance(node, ast.BoolOp):
        return [s for v in node.values for s in _strings(v, index)]
    if isinstance(node, ast.Tuple) and index is not None:
        return _strings(node.elts[index]) if index < len(node.elts) else []
    return []


def _callee(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    return call.func.attr if isinstance(call.func, ast.Attribute) else None


def _is_code(node: ast.expr) -> bool:
    return (isinstance(node, ast.Name) and node.id == "code") or (isinstance(node, ast.Attribute)
                                                                  and node.attr == "code")


def _emitted_in(node: ast.AST, positions: dict[str, set[int]]) -> list[ast.Constant]:
    if isinstance(node, ast.Call):
        found = [s for kw in node.keywords if kw.arg == "code" for s in _strings(kw.value)]
        found += [s for i in positions.get(_callee(node) or "", ()) if i < len(node.args)
                  for s in _strings(node.args[i])]
        target = node.func.value if isinstance(node.func, ast.Attribute) else None
        if (_callee(node) == "append" and target is not None and node.args and isinstance(node.args[0], ast.Tuple)
                and getattr(target, "attr", getattr(target, "id", None)) == "findings"):
            found += _strings(node.args[0], 0)
        return found
    if isinstance(node, ast.Assign | ast.AnnAssign):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        found = []
        for t in targets:
            if isinstance(t, ast.Name) and t.id == "code":
                found += _strings(node.value)
            elif isinstance(t, ast.Tuple):
                found += [s for i, el in enumerate(t.elts) if isinstance(el, ast.Name) and el.id == "code"
                          for s in _strings(node.value, i)]
        return found
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
        a = node.args
        args = a.posonlyargs + a.args
        pairs = list(zip(args[len(args) - len(a.defaults):], a.defaults, strict=True))
        pairs += [(k, d) for k, d in zip(a.kwonlyargs, a.kw_defaults, strict=True) if d is not None]
        return [s for arg, d in pairs if arg.arg == "code" for s in _strings(d)]
    return []


def _compared_in(node: ast.AST) -> list[ast.Constant]:
    if not isinstance(node, ast.Compare):
        return []
    sides = [node.left, *node.comparators]
    if not any(_is_code(s) for s in sides):
        return []
    out = []
    for side in sides:
        elts = side.elts if isinstance(side, ast.Tuple | ast.List | ast.Set) else [side]
        out += [e for e in elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    return out


def _scan(root: Path, compared: bool) -> dict[str, list[str]]:
    trees = _modules(root)
    positions = _code_positions(trees)
    out: dict[str, list[str]] = defaultdict(list)
    for rel, tree in trees:
        for node in ast.walk(tree):
            for s in (_compared_in(node) if compared else _emitted_in(node, positions)):
                if isinstance(s.value, str) and _CODE.fullmatch(s.value):
                    out[s.value].append(f"{rel}:{s.lineno}")
    return dict(out)


def emitted(root: Path = SOURCE) -> dict[str, list[str]]:
    """code -> `file:line` of every place under `root` that emits it."""
    return _scan(root, compared=False)


def compared(root: Path = SOURCE) -> dict[str, list[str]]:
    """code -> `file:line` of every place under `root` that compares a code with it."""
    return _scan(root, compared=True)


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m generator.devtools.codes", description=__doc__.split("\n")[0])
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--write", type=Path, metavar="README", help="replace the table between the codes markers")
    g.add_argument("--check", type=Path, metavar="README", help="exit 1 when the table is not the generated one")
    g.add_argument("--emitted", action="store_true", help="print every code the source emits, with its places")
    args = p.parse_args(argv)
    if args.emitted:
        for code, places in sorted(emitted().items()):
            print(code, " ".join(places))
        return 0
    path: Path = args.write or args.check
    text = path.read_text(encoding="utf-8")
    new = replace_table(text)
    if args.check:
        if new != text:
            print(f"{path}: the codes table is stale; run python -m generator.devtools.codes --write {path}",
                  file=sys.stderr)
            return 1
        return 0
    path.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
