"""Cost of `:ref:`-linked nested tables by depth: a chain of N tables, and a diamond (every level's
table points twice at the next one, 2**levels paths through `levels` tables).

    python benchmarks/bench_depth.py [--depths 10,25,50,100,500] [--diamond 14]

Each case runs in a child process (build + check, as `build` does) so that its peak memory is its own:
prints the case, page size, seconds (including the child's start-up), peak RSS of the child and the number of components. No assertions: timings
vary with the machine; the figure to watch is that time and memory grow linearly, not exponentially.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # the page builders live beside the tests

_CHILD = """
import json, resource, sys
from pathlib import Path
from generator.commands.build import build_and_check
from generator.core.config import default_service
result, findings, valid = build_and_check(Path(sys.argv[1]), default_service("bench"))
print(json.dumps({"valid": valid, "components": len(result.spec["components"]["schemas"]),
                  "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def run_case(kind: str, n: int) -> dict[str, object]:
    from robust.nested_pages import chain_page, diamond_page

    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "docs"
        docs.mkdir()
        text = chain_page(n) if kind == "chain" else diamond_page(n)
        (docs / "page.rst").write_text(text, encoding="utf-8")
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", _CHILD, str(docs)], capture_output=True, text=True,
                              cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PYTHONHASHSEED": "0",
                                             "OPENAPI_SPEC_VALIDATOR_SCHEMA_VALIDATOR_BACKEND": "jsonschema-rs"})
        seconds = time.perf_counter() - t0
        if proc.returncode != 0:
            return {"case": f"{kind} {n}", "seconds": seconds, "peak_mb": None, "page_kb": len(text) // 1024,
                    "result": proc.stderr.strip().splitlines()[-1:]}
        out = json.loads(proc.stdout)
        return {"case": f"{kind} {n}", "seconds": seconds, "peak_mb": out["peak_kb"] / 1024,
                "page_kb": len(text) // 1024, "result": f"valid={out['valid']} components={out['components']}"}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--depths", default="10,25,50,100,500")
    ap.add_argument("--diamond", type=int, default=14)
    args = ap.parse_args()
    cases = [("diamond", args.diamond)] + [("chain", int(d)) for d in args.depths.split(",") if d]
    print(f"{'case':<12} {'page KB':>8} {'seconds':>8} {'peak MB':>8}  result")
    for kind, n in cases:
        r = run_case(kind, n)
        peak = f"{r['peak_mb']:.0f}" if r["peak_mb"] is not None else "-"
        print(f"{r['case']:<12} {r['page_kb']:>8} {r['seconds']:>8.2f} {peak:>8}  {r['result']}")


if __name__ == "__main__":
    main()
