"""The names a client of each corpus tree exposes, as text pinned in `tests/corpus/names/<tree>.txt`.

    python -m generator.devtools.names [--corpus DIR] [--write DIR] [TREE ...]

prints (or with --write, writes one file per tree) the operationIds of the spec with the client
function each becomes, every page variant of a merged METHOD + path with its own operationId, and the
model (component) names. A naming change then shows in review as a diff of these files.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from generator.build.pipeline import build_and_check
from generator.core.config import default_service
from generator.core.spec import HTTP_METHODS
from generator.devtools.corpus import CORPUS, trees
from generator.docs.naming import snake_name
from generator.speed.layer import speed_for
from generator.speed.page_cache import PageCache, default_cache_dir


def names_text(spec: dict[str, Any]) -> str:
    """Operations by path and method (`operationId -> function`, variants indented), then the models."""
    lines = ["# operations: METHOD path  operationId -> function (variants: one line per page)"]
    for path in sorted(spec.get("paths", {})):
        item = spec["paths"][path]
        for method in sorted((m for m in item if m in HTTP_METHODS), key=HTTP_METHODS.index):
            op = item[method]
            op_id = str(op.get("operationId", ""))
            lines.append(f"{method.upper()} {path}  {op_id} -> {snake_name(op_id)}")
            for v in op.get("x-otc-variants") or []:
                vid = str(v.get("operationId", ""))
                lines.append(f"    variant {vid} -> {snake_name(vid)}{' (deprecated)' if v.get('deprecated') else ''}")
    lines.append("# models")
    lines.extend(sorted(spec.get("components", {}).get("schemas", {})))
    return "\n".join(lines) + "\n"


def tree_names(tree: str, corpus: Path = CORPUS) -> str:
    """The names of one tree's spec as the corpus tests build it (checked and repaired), pages cached."""
    built = build_and_check(corpus / tree, default_service(tree.split("@", 1)[0]),
                            speed=speed_for(1, PageCache(default_cache_dir())))
    return names_text(built.result.spec)


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m generator.devtools.names", description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", type=Path, default=CORPUS)
    p.add_argument("--write", type=Path, metavar="DIR", help="write <DIR>/<tree>.txt instead of printing")
    p.add_argument("trees", nargs="*")
    args = p.parse_args(argv)
    chosen = args.trees or trees(args.corpus)
    if not chosen:
        print(f"no corpus trees under {args.corpus}", file=sys.stderr)
        return 2
    for tree in chosen:
        text = tree_names(tree, args.corpus)
        if args.write is not None:
            args.write.mkdir(parents=True, exist_ok=True)
            (args.write / f"{tree}.txt").write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(f"## {tree}\n{text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
