"""Our forks of openapi-python-client's templates, as a patch against the installed upstream templates.

`generator/client/upstream_templates/UPSTREAM.toml` records the upstream package and version and, per file
of the folder, the upstream template it forks (same name: openapi-python-client loads a custom template in
place of its own by name) or "ours". `upstream.diff` beside it is the unified diff of every fork against the
installed upstream template; tests/client/test_upstream_templates.py recomputes it, so a change on either side
(our template, or an upgrade of openapi-python-client) is a reviewable diff. After a deliberate change:

    python -m generator.devtools.upstream_templates --write
"""

from __future__ import annotations

import argparse
import difflib
import sys
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import openapi_python_client

from generator.client.project import OPC_TEMPLATES

RECORD = OPC_TEMPLATES / "UPSTREAM.toml"
PATCH = OPC_TEMPLATES / "upstream.diff"
UPSTREAM_TEMPLATES = Path(openapi_python_client.__file__).parent / "templates"
OURS = "ours"
NO_NEWLINE = "\\ No newline at end of file\n"


@dataclass(frozen=True)
class Record:
    package: str
    version: str
    files: dict[str, str]  # file of the folder -> upstream template it forks, or OURS


def read_record(path: Path = RECORD) -> Record:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    upstream, files = data["upstream"], data["files"]
    return Record(str(upstream["package"]), str(upstream["version"]), {str(k): str(v) for k, v in files.items()})


def template_files(folder: Path = OPC_TEMPLATES) -> list[str]:
    """The folder's templates: every file but the record and the patch."""
    return sorted(p.name for p in folder.iterdir() if p.is_file() and p not in (RECORD, PATCH))


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


def unified(upstream: str, ours: str, upstream_lines: list[str], our_lines: list[str]) -> str:
    """`diff -u`'s text (applies with `patch -p1` inside a copy of the upstream templates)."""
    out = []
    for line in difflib.unified_diff(upstream_lines, our_lines, f"a/{upstream}", f"b/{ours}"):
        out.append(line if line.endswith("\n") else line + "\n" + NO_NEWLINE)
    return "".join(out)


def patch_text(record: Record, folder: Path = OPC_TEMPLATES, upstream_dir: Path = UPSTREAM_TEMPLATES) -> str:
    """Every fork's diff against its upstream template, in the order of the folder's file names."""
    parts = []
    for name, upstream in sorted(record.files.items()):
        if upstream != OURS:
            parts.append(unified(upstream, name, _lines(upstream_dir / upstream), _lines(folder / name)))
    return "".join(parts)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m generator.devtools.upstream_templates", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--write", action="store_true", help=f"rewrite {PATCH.name} from the installed templates")
    args = ap.parse_args(argv)
    text = patch_text(read_record())
    if args.write:
        PATCH.write_text(text, encoding="utf-8")
        print(f"rewrote {PATCH}")
        return 0
    if PATCH.read_text(encoding="utf-8") != text:
        print(f"{PATCH.name} is not the diff of the forks against the installed templates", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
