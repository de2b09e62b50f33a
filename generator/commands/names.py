"""`python -m generator names rename --lock PATH OLD NEW`: rename a function or model of a client deliberately.

The names lock (`build --names-lock`, `generate` and the docs workflow keep one beside each spec) binds every
public name of a client to what the docs document, so docs updates never rename anything. This is the one way a
name changes: OLD (an operationId, i.e. the function `snake_case(OLD)`, or a model class) becomes NEW in the lock;
a function keeps OLD as a deprecated alias, and OLD is retired (never given to anything else). The next build
with the lock uses NEW, and the diff against the last release reports the rename as an error.

Exit status: 0 renamed, 2 no such name, NEW taken or retired, or no lock at PATH.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from generator.build.lock import LockError, read_lock, write_lock
from generator.build.lock.rename import rename


def register(sub: Any) -> None:
    p = sub.add_parser("names", help="the names lock: rename a function or model deliberately",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    what = p.add_subparsers(dest="names_command", required=True)
    r = what.add_parser("rename", help="rename OLD to NEW in the lock (OLD stays a deprecated alias)",
                        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    r.add_argument("--lock", type=Path, required=True, help="the names lock (e.g. specs/dns.names.yaml)")
    r.add_argument("old")
    r.add_argument("new")
    r.set_defaults(func=run_rename)


def run_rename(args: argparse.Namespace) -> int:
    try:
        lock = read_lock(args.lock)
        if lock is None:
            raise LockError(f"{args.lock}: no names lock there (build with --names-lock first)")
        write_lock(args.lock, rename(lock, args.old, args.new))
    except LockError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"{args.lock}: {args.old} -> {args.new}")
    return 0
