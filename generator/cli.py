"""Command line: a thin layer over functions tests call directly.

Each command lives in its own module under `generator.commands` and exposes
`register(subparsers)`, which adds its parser and sets `func(args) -> int`.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from generator.build.pipeline import UnusableInput

_COMMAND_MODULES = (
    "generator.commands.build",
    "generator.commands.build_all",
    "generator.commands.diff",
    "generator.commands.docs_ci",
    "generator.commands.generate",
    "generator.commands.names",
    "generator.commands.report",
    "generator.commands.validate",
)


def make_parser(prog: str = "python -m generator") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    for name in _COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None, prog: str = "python -m generator") -> int:
    args = make_parser(prog).parse_args(argv)
    try:
        result: int = args.func(args)
    except UnusableInput as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return result


def console(argv: Sequence[str] | None = None) -> int:
    """The `otc-apigen` console command (`[project.scripts]`): the same subcommands as `python -m generator`."""
    return main(argv, prog="otc-apigen")
