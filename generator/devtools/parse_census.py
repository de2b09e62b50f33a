"""Does every documented success body of the corpus parse through the generated client?

    python -m generator.devtools.parse_census [--jobs N] [--keep DIR] [--json FILE] [TREE ...]

For each corpus tree (default: all): build the spec, generate the client, then reply every documented 2xx JSON
example (`examples` and `x-otc-invalid-examples`) to its call through a mock server, the way the client's own
conformance test `test_documented_success_parses` does (it is the same function, `parse_documented` of the
generated tests). Each example is one of:

- parsed: the call returns it, and it is the same JSON once written back;
- unmodelled: the docs give the example but no table, so the call returns no model (nothing to compare);
- lossy: the call returns something else (a documented defect may; a valid example fails its test);
- refused: `OTCResponseShapeError` (not the documented shape: the docs contradict their tables);
- crashed: any other exception of the generated code (listed with the example's file:line).

Generation takes most of the time (about a minute for the largest trees); `--keep` keeps the clients.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from generator.build.pipeline import build_spec
from generator.client import generate_client
from generator.core.config import default_service
from generator.devtools.corpus import CORPUS
from generator.release.changelog import client_release

OUTCOMES = ("parsed", "unmodelled", "lossy", "refused", "crashed")

# run inside the generated project: its conformance module decides, so the figure is what its tests assert
_PROBE = """
import json, sys
from tests import test_conformance as tc
out = {"parsed": 0, "unmodelled": 0, "lossy": 0, "refused": 0, "crashed": 0, "crashes": [], "defects": 0}
for op, ex in tc.SUCCESS:
    out["defects"] += bool(ex["mismatch"])
    try:
        out[tc.parse_documented(op, ex)[0]] += 1
    except Exception as exc:
        out["crashed"] += 1
        src = ex["source"] or {}
        out["crashes"].append(f"{src.get('file')}:{src.get('line')} {op['operation_id']} {ex['status']}: "
                              f"{type(exc).__name__}: {str(exc)[:200]}")
print(json.dumps(out))
"""


def census_tree(tree: str, root: Path) -> dict[str, Any]:
    """The outcomes of one tree's documented success examples (`error` when no client could be made)."""
    service = default_service(tree.split("@", 1)[0])
    spec = build_spec(CORPUS / tree, service).spec
    out = root / tree.replace("@", "_")
    try:
        generate_client(service, spec, out, *client_release(service, out))
    except Exception as exc:  # noqa: BLE001 - one tree's failure is its row, not the census' end
        return {"tree": tree, "error": f"generation: {exc}"[:2000]}
    env = {**os.environ, "PYTHONPATH": str(out), "PYTHONHASHSEED": "0"}
    proc = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, env=env, cwd=out)
    if proc.returncode != 0:
        return {"tree": tree, "error": proc.stderr[-2000:]}
    return {"tree": tree, **json.loads(proc.stdout.strip().splitlines()[-1])}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("trees", nargs="*")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", type=Path, default=None, help="generate the clients into DIR (kept)")
    ap.add_argument("--json", type=Path, default=None, help="write the rows as JSON here")
    args = ap.parse_args(argv)
    trees = args.trees or sorted(p.name for p in CORPUS.iterdir() if p.is_dir() and "@" in p.name)
    with tempfile.TemporaryDirectory(prefix="parse-census-") as tmp:
        root = args.keep or Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            rows = list(pool.map(census_tree, trees, [root] * len(trees)))
    print("| tree | documented 2xx examples | of them defects | " + " | ".join(OUTCOMES) + " |")
    print("|---" * (3 + len(OUTCOMES)) + "|")
    totals = dict.fromkeys(("examples", "defects", *OUTCOMES), 0)
    for r in rows:
        if "error" in r:
            print(f"| {r['tree']} | error |" + " |" * (1 + len(OUTCOMES)))
            continue
        n = sum(r[k] for k in OUTCOMES)
        totals["examples"] += n
        totals["defects"] += r["defects"]
        for k in OUTCOMES:
            totals[k] += r[k]
        print(f"| {r['tree']} | {n} | {r['defects']} | " + " | ".join(str(r[k]) for k in OUTCOMES) + " |")
    print(f"| total | {totals['examples']} | {totals['defects']} | "
          + " | ".join(str(totals[k]) for k in OUTCOMES) + " |")
    for r in rows:
        for line in r.get("crashes", []):
            print(f"crash: {r['tree']}/{line}")
        if "error" in r:
            print(f"error: {r['tree']}: {r['error']}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0 if all("error" not in r and r["crashed"] == 0 for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
