"""Options of every command that builds docs trees: process count and the page cache."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.cache import PageCache, resolve_cache_dir


def add_speed_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--jobs", "-j", type=_positive, default=None,
                        help="processes extracting pages (default: every core; 1: in this process)")
    parser.add_argument("--cache-dir", type=Path, default=None,
                        help="page cache folder (default: $XDG_CACHE_HOME/otc-apigen, else ~/.cache/otc-apigen)")
    parser.add_argument("--no-cache", action="store_true", help="extract every page, read and write no cache")


def page_cache(args: argparse.Namespace) -> PageCache | None:
    root = resolve_cache_dir(args.cache_dir, args.no_cache)
    return PageCache(root) if root is not None else None


def _positive(text: str) -> int:
    n = int(text)
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {n}")
    return n
