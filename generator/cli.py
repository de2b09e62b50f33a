"""Command line: a thin layer over functions tests call directly.

Each command lives in its own module under `generator.commands` and exposes
`register(subparsers)`, which adds its parser and sets `func(args) -> int`.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from generator.pipeline import UnusableInput

_COMMAND_MODULES = (
    "generator.commands.build",
    "generator.commands.build_all",
    "generator.commands.diff",
    "generator.commands.docs_ci",
    "generator.commands.generate",
    "generator.commands.report",
    "generator.commands.validate",
)


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    for name in _COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        result: int = args.func(args)
    except UnusableInput as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return result
