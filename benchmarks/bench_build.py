"""Where the time of a whole-tree build goes: read / extract / link / build / check, as shares of one run.

    python benchmarks/bench_build.py [TREE] [--service NAME]

Prints seconds and ratios (no assertions: timings vary with the machine; ratios are the figure to compare).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from generator.build.check.document import check
from generator.build.link import link
from generator.build.pipeline import rst_files
from generator.build.render.openapi import render_spec
from generator.core.config import default_service
from generator.docs.extract import extract
from generator.docs.read import read_file

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TREE = ROOT.parent / "shared" / "corpus" / "modelarts@1ba1873"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("tree", nargs="?", type=Path, default=DEFAULT_TREE)
    ap.add_argument("--service", default=None)
    args = ap.parse_args()
    service = default_service(args.service or args.tree.name.split("@")[0])
    files = rst_files(args.tree)
    t0 = time.perf_counter()
    read = [read_file(p, args.tree) for p in files]
    t1 = time.perf_counter()
    pages = [extract(r) for r in read]
    t2 = time.perf_counter()
    schemas = link(pages)
    t3 = time.perf_counter()
    out = render_spec(service, pages, schemas)
    t4 = time.perf_counter()
    findings = check(out.spec).diagnostics
    t5 = time.perf_counter()
    total = t5 - t0
    ops = sum(len(item) for item in out.spec["paths"].values())
    print(f"{args.tree.name}: {len(files)} files, {ops} operations, {len(findings)} check findings")
    for name, secs in (("read (docutils)", t1 - t0), ("extract", t2 - t1), ("link", t3 - t2), ("build", t4 - t3),
                       ("check", t5 - t4)):
        print(f"  {name:16s} {secs:7.2f} s  {secs / total:6.1%}")
    print(f"  {'total':16s} {total:7.2f} s  ({total / len(files) * 1000:.0f} ms per file)")


if __name__ == "__main__":
    main()
