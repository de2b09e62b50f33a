"""`python -m generator.devtools.ecosystem [TREE ...]`: our specs and clients against the OpenAPI ecosystem.

For the configured services (their committed spec and client) and for every docs tree of the corpus
(`../shared/corpus/*@*`, built and given a client here): Spectral and Redocly lint the spec, Prism
serves it with `--errors`, and the client calls every operation against it. Prints one table for the
linters, one for the round trip, then every rejection and failure. Exit 1 on any real lint error,
rejected request or failed call. The tools must be installed (`npm ci --prefix tools/ecosystem`;
the `ecosystem` nox session does it).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import traceback
from pathlib import Path

from generator.build.pipeline import build_and_check
from generator.client import generate_client
from generator.core.config import REPO_ROOT, default_service, load_services
from generator.core.emit import dump_yaml
from generator.devtools.corpus import CORPUS
from generator.devtools.ecosystem.lint import LintResult, lint, table
from generator.devtools.ecosystem.prism import Rejection, RoundTrip, call_all, prism
from generator.release.changelog import client_release


def _corpus_target(tree: Path, out: Path) -> tuple[Path, Path, str]:
    service = default_service(tree.name.split("@", 1)[0])
    built = build_and_check(tree, service)
    if not built.valid:
        raise RuntimeError(f"{tree.name}: no valid spec")
    spec_path = out / f"{tree.name}.yaml"
    spec_path.write_text(dump_yaml(built.result.spec), encoding="utf-8")
    client_dir = out / f"{tree.name.replace('@', '_')}-client"
    generate_client(service, built.result.spec, client_dir, *client_release(service, client_dir))
    return spec_path, client_dir, service.package


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m generator.devtools.ecosystem", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("trees", nargs="*", help="corpus tree names (default: all); 'seed' for the configured services")
    p.add_argument("--corpus", type=Path, default=CORPUS)
    p.add_argument("--out", type=Path, default=None, help="keep built specs, clients and Prism logs here")
    p.add_argument("--no-prism", action="store_true", help="lint only")
    args = p.parse_args(argv)
    names = args.trees or ["seed", *sorted(d.name for d in args.corpus.iterdir() if d.is_dir() and "@" in d.name)]
    lints: list[LintResult] = []
    trips: list[RoundTrip] = []
    errors: list[str] = []
    with tempfile.TemporaryDirectory(prefix="otc-ecosystem-") as tmp:
        out = args.out or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        targets: list[tuple[str, Path, Path, str]] = []
        if "seed" in names:
            for svc in load_services():
                targets.append((f"{svc.name} (committed)", REPO_ROOT / "specs" / f"{svc.name}.openapi.yaml",
                                REPO_ROOT / "generated" / svc.name, svc.package))
        for name in (n for n in names if n != "seed"):
            try:
                targets.append((name, *_corpus_target(args.corpus / name, out)))
            except Exception:  # one tree that cannot be built is that tree's finding
                errors.append(f"{name}: {traceback.format_exc()[-2000:]}")
        for name, spec, client_dir, package in targets:
            print(f"{name}: lint", file=sys.stderr, flush=True)
            result = lint(spec)
            result.spec = name
            lints.append(result)
            if args.no_prism:
                continue
            print(f"{name}: prism round trip", file=sys.stderr, flush=True)
            try:
                with prism(spec, log=out / f"{spec.stem}.prism.log") as url:
                    trips.append(call_all(client_dir, package, url, name))
            except Exception:
                errors.append(f"{name}: {traceback.format_exc()[-2000:]}")
    print(table(lints))
    for r in lints:
        print(f"\n{r.spec}")
        for rule, n in r.by_rule().items():
            print(f"  {n:5d}  {rule}")
    if trips:
        print("\n| spec | operations called | 2xx parsed into the model | 2xx without a model | rejected by Prism "
              "| mocked response invalid | XML read as JSON (prism#2050) | failed |\n|---|---|---|---|---|---|---|---|")
        for t in trips:
            print(t.row())
        for t in trips:
            for kind, found in (("rejected", t.rejected), ("mocked response invalid", t.mocked_invalid),
                                ("XML read as JSON", t.xml_as_json), ("failed", t.failed)):
                for rej in found:
                    print(f"{t.spec}: {kind} {_line(rej)}")
    for e in errors:
        print(f"\nERROR {e}")
    real_errors = sum(r.count("spectral", "error") + r.count("redocly", "error") for r in lints)
    bad_calls = sum(len(t.rejected) + len(t.failed) for t in trips)
    return 1 if real_errors or bad_calls or errors else 0


def _line(r: Rejection) -> str:
    return f"{r.operation} -> {r.status}: {r.reason}"


if __name__ == "__main__":
    raise SystemExit(main())
