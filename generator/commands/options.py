"""Options shared by the commands: process count and page cache (commands that build docs trees), input size
(commands that read files from outside)."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.build.runner import Speed
from generator.core.untrusted import DEFAULT_MAX_INPUT_BYTES, Limits, parse_size
from generator.speed.layer import NO_SPEED_ENV, speed_for, switched_off
from generator.speed.page_cache import PageCache, resolve_cache_dir
from generator.speed.stage_cache import StageCache


def add_speed_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--jobs", "-j", type=_positive, default=None,
                        help="processes extracting pages, or services at once (build-all, generate); default all cores")
    parser.add_argument("--cache-dir", type=Path, default=None,
                        help="page cache folder (default: $XDG_CACHE_HOME/otc-apigen, else ~/.cache/otc-apigen)")
    parser.add_argument("--no-cache", action="store_true",
                        help="extract, check and render everything: read and write no cache")
    parser.add_argument("--no-speed", action="store_true",
                        help=f"the plain pipeline: no cache, one process per build, no memo, no patched library "
                             f"(same output; also {NO_SPEED_ENV}=1)")


def no_speed(args: argparse.Namespace) -> bool:
    """Whether --no-speed or the environment switches the speed layer off."""
    return bool(getattr(args, "no_speed", False)) or switched_off()


def speed(args: argparse.Namespace, cache: PageCache | None, stages: StageCache | None) -> Speed:
    """How the command's builds run: the speed layer with --jobs and the caches (`page_cache`, `stage_cache`), or
    the plain pipeline (`no_speed`)."""
    return speed_for(args.jobs, cache, stages, no_speed=no_speed(args))


def cache_dir(args: argparse.Namespace) -> Path | None:
    """The cache folder: none with --no-cache or --no-speed."""
    return None if no_speed(args) else resolve_cache_dir(args.cache_dir, args.no_cache)


def page_cache(args: argparse.Namespace) -> PageCache | None:
    root = cache_dir(args)
    return PageCache(root) if root is not None else None


def stage_cache(args: argparse.Namespace) -> StageCache | None:
    """The cache of link/render, check and YAML results, in the page cache's folder."""
    root = cache_dir(args)
    return StageCache(root) if root is not None else None


def _positive(text: str) -> int:
    n = int(text)
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {n}")
    return n


def add_input_size_argument(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--max-input-size", type=_size, default=DEFAULT_MAX_INPUT_BYTES, metavar="SIZE",
                        help=f"refuse {what} above this size (default {DEFAULT_MAX_INPUT_BYTES // 2**20}M; "
                             "suffixes K, M, G)")


def input_limits(args: argparse.Namespace) -> Limits:
    return Limits(max_bytes=getattr(args, "max_input_size", DEFAULT_MAX_INPUT_BYTES))


def _size(text: str) -> int:
    try:
        return parse_size(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc
