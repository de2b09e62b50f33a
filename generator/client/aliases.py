"""Deprecated aliases of deliberately renamed functions (`x-otc-deprecated-aliases`, set by the names lock).

A function renamed with `python -m generator names rename` keeps its old name for one minor version, the way
mature SDKs evolve: a module of the old name beside the new one, whose functions warn (DeprecationWarning) and
call the new ones. Written after openapi-python-client, from the generated module's own functions (`ast`).
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

from generator.client.common import ident, operations
from generator.client.names import GeneratorNames
from generator.core.spec import ALIASES

_SYNC = '''

def {fn}(*args: Any, **kwargs: Any) -> Any:
    """Deprecated: `{new}.{fn}`."""
    warnings.warn(_MESSAGE, DeprecationWarning, stacklevel=2)
    return _renamed.{fn}(*args, **kwargs)
'''
_ASYNC = '''

async def {fn}(*args: Any, **kwargs: Any) -> Any:
    """Deprecated: `{new}.{fn}`."""
    warnings.warn(_MESSAGE, DeprecationWarning, stacklevel=2)
    return await _renamed.{fn}(*args, **kwargs)
'''


def alias_module(old: str, new: str, functions: list[tuple[str, bool]]) -> str:
    """The text of module `old`: each of `functions` ((name, is async)) of module `new`, deprecated."""
    head = (f'"""Deprecated: `{old}` was renamed `{new}` (the docs name the call so now); this alias goes at the next '
            f'minor version."""\n\nimport warnings\nfrom typing import Any\n\nfrom . import {new} as _renamed\n\n'
            f'_MESSAGE = "{old} is deprecated: it was renamed {new}"\n')
    return head + "".join((_ASYNC if is_async else _SYNC).format(fn=fn, new=new) for fn, is_async in functions)


def write_aliases(pkg_dir: Path, view: dict[str, Any], names: GeneratorNames,
                  field_prefix: str = "field_") -> list[Path]:
    """An alias module for every former name of the view's operations; the modules written."""
    # lazy: the client generator's own naming, imported only by a generation (as in generator.client.names)
    from openapi_python_client.strings import PythonIdentifier

    written: list[Path] = []
    for path, method, op in operations(view):
        found = names.endpoints.get((method.upper(), path))
        if not op.get(ALIASES) or found is None:
            continue
        tag, module = found[0], found[1]
        target = pkg_dir / "api" / tag / f"{module}.py"
        if not target.is_file():
            continue
        tree = ast.parse(target.read_text(encoding="utf-8"))
        functions = [(n.name, isinstance(n, ast.AsyncFunctionDef)) for n in tree.body
                     if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) and not n.name.startswith("_")]
        for old in op[ALIASES]:
            name = ident(str(PythonIdentifier(str(old), field_prefix)))
            out = target.with_name(f"{name}.py")
            if out.exists():  # never over a generated module (the lock keeps alias names reserved)
                continue
            out.write_text(alias_module(name, module, functions), encoding="utf-8")
            written.append(out)
    return written
