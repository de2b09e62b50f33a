"""Build every corpus tree, generate its client, import it and run its conformance tests.

Used by tests/client/test_corpus_clients.py and runnable as a survey script:

    python tests/client/corpus_harness.py [--jobs 2] [--keep DIR] [TREE ...]

prints one row per tree: generation ok, generator warnings, import ok, conformance passed/failed, times.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import traceback
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:  # run as a script
    sys.path.insert(0, str(REPO))

from generator.build.pipeline import build_spec  # noqa: E402
from generator.client import CodegenError, generate_client  # noqa: E402
from generator.core.config import default_service  # noqa: E402
from generator.core.emit import dump_json  # noqa: E402
from generator.core.spec import iter_variants  # noqa: E402
from generator.devtools.corpus import CORPUS  # noqa: E402
from generator.release.changelog import client_release  # noqa: E402

# the same pin the nox sessions use: messages and speed of the spec validator depend on the backend
ENV = {"OPENAPI_SPEC_VALIDATOR_SCHEMA_VALIDATOR_BACKEND": "jsonschema-rs", "PYTHONHASHSEED": "0"}


def trees() -> list[str]:
    return sorted(p.name for p in CORPUS.iterdir() if p.is_dir() and "@" in p.name)


def service_name(tree: str) -> str:
    return tree.split("@", 1)[0]


@dataclass
class TreeReport:
    tree: str
    operations: int = 0  # client operations (operations_of)
    variants: int = 0  # of them, pages sharing a METHOD + path with another page
    schemas: int = 0
    generated: bool = False
    warnings: int = 0
    endpoint_modules: int = 0
    imported: bool = False
    mypy: str = "-"
    passed: int = 0
    failed: int = 0
    xfailed: int = 0
    skipped: int = 0
    client_notes: dict[str, int] = field(default_factory=dict)
    error: str = ""
    t_build: float = 0.0
    t_generate: float = 0.0
    t_tests: float = 0.0
    client_dir: str = ""


def count_warnings(text: str) -> int:
    # openapi-python-client prints each problem as a block headed "Warning(s) encountered while generating"
    # followed by one paragraph per problem; with --fail-on-warning the run fails on the first of them
    return len(re.findall(r"^(?:WARNING parsing|Unable to process schema)", text, flags=re.M))


def operations_of(spec: dict[str, object]) -> int:
    """The client's operations: one per spec operation, one per page where several pages document one call."""
    paths = spec.get("paths", {})
    assert isinstance(paths, dict)
    return sum(max(1, len(list(iter_variants(op)))) for item in paths.values() for op in item.values())


def variant_pages(spec: dict[str, object]) -> int:
    """Pages that share their METHOD + path with another page (each is a function of its own)."""
    paths = spec.get("paths", {})
    assert isinstance(paths, dict)
    return sum(len(list(iter_variants(op))) for item in paths.values() for op in item.values())


def endpoint_modules(client_dir: Path, package: str) -> int:
    api = client_dir / package / "api"
    return sum(1 for p in api.rglob("*.py") if p.name != "__init__.py")


def run_tree(tree: str, out_root: Path, run_tests: bool = True, test_jobs: int = 1, mypy: bool = False) -> TreeReport:
    try:
        return _run_tree(tree, out_root, run_tests, test_jobs, mypy)
    except Exception:  # one tree's crash is that tree's row, not the survey's end
        return TreeReport(tree, error=traceback.format_exc()[-4000:])


def _run_tree(tree: str, out_root: Path, run_tests: bool, test_jobs: int, mypy: bool) -> TreeReport:
    rep = TreeReport(tree)
    service = default_service(service_name(tree))
    t0 = time.perf_counter()
    result = build_spec(CORPUS / tree, service)
    rep.t_build = time.perf_counter() - t0
    rep.operations = operations_of(result.spec)
    rep.variants = variant_pages(result.spec)
    rep.schemas = len(result.spec.get("components", {}).get("schemas", {}))
    out = out_root / tree.replace("@", "_")
    (out_root / f"{tree.replace('@', '_')}.openapi.json").write_text(dump_json(result.spec), encoding="utf-8")
    rep.client_dir = str(out)
    t0 = time.perf_counter()
    try:
        gen = generate_client(service, result.spec, out, *client_release(service, out))
    except CodegenError as exc:
        rep.error = str(exc)[-4000:]
        rep.warnings = count_warnings(str(exc))
        rep.t_generate = time.perf_counter() - t0
        return rep
    rep.t_generate = time.perf_counter() - t0
    rep.generated = True
    for d in gen.diagnostics:
        rep.client_notes[d.code] = rep.client_notes.get(d.code, 0) + 1
    rep.endpoint_modules = endpoint_modules(out, service.package)
    env = {**os.environ, **ENV, "PYTHONPATH": str(out)}
    proc = subprocess.run([sys.executable, "-c", f"import {service.package}.client, {service.package}.models"],
                          capture_output=True, text=True, env=env, cwd=out)
    rep.imported = proc.returncode == 0
    if not rep.imported:
        rep.error = proc.stderr[-4000:]
        return rep
    if mypy:
        proc = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(out / ".mypy_cache"),
                               service.package], capture_output=True, text=True, env=env, cwd=out)
        rep.mypy = "ok" if proc.returncode == 0 else proc.stdout.strip().splitlines()[-1]
    if run_tests:
        t0 = time.perf_counter()
        cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly", "tests",
               "-rfE", "--tb=line"]
        if test_jobs > 1:
            cmd += ["-n", str(test_jobs)]
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=out)
        rep.t_tests = time.perf_counter() - t0
        tail = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""
        for key in ("passed", "failed", "xfailed", "skipped", "error", "errors"):
            m = re.search(rf"(\d+) {key}\b", tail)
            if m:
                n = int(m.group(1))
                if key in ("error", "errors"):
                    rep.failed += n
                else:
                    setattr(rep, key, getattr(rep, key) + n)
        if proc.returncode != 0:
            rep.error = proc.stdout[-6000:] + proc.stderr[-2000:]
    return rep


def _row(r: TreeReport) -> str:
    return (f"| {r.tree} | {r.operations} | {r.variants} | {r.schemas} | {'ok' if r.generated else 'FAIL'} | "
            f"{r.warnings} | "
            f"{r.endpoint_modules} | {'ok' if r.imported else '-'} | {r.mypy} | {r.passed} | {r.failed} | "
            f"{r.xfailed} | {r.skipped} | "
            f"{r.t_build:.1f} | {r.t_generate:.1f} | {r.t_tests:.1f} |")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("trees", nargs="*")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", type=Path, default=None, help="generate into DIR (kept) instead of a temp dir")
    ap.add_argument("--no-tests", action="store_true")
    ap.add_argument("--mypy", action="store_true", help="also run mypy --strict on each client package")
    ap.add_argument("--json", type=Path, default=None, help="write the reports as JSON here")
    args = ap.parse_args(argv)
    os.environ.update(ENV)
    names = args.trees or trees()
    with tempfile.TemporaryDirectory(prefix="corpus-clients-") as tmp:
        root = args.keep or Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            futures = [pool.submit(run_tree, t, root, not args.no_tests, 1, args.mypy) for t in names]
            reports = [f.result() for f in futures]
    print("| tree | ops | variants | schemas | generation | warnings | endpoint modules | import | mypy --strict "
          "| passed | failed | xfailed | skipped | build s | generate s | tests s |")
    print("|---" * 16 + "|")
    for r in reports:
        print(_row(r))
    for r in reports:
        if r.error:
            print(f"\n=== {r.tree}\n{r.error}")
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in reports], indent=1), encoding="utf-8")
    ok = all(r.generated and r.imported and r.failed == 0 and r.endpoint_modules == r.operations
             and r.mypy in ("ok", "-") for r in reports)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
