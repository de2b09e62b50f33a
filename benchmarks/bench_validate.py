"""Payload validation speed: jsonschema-rs (ours, compiled + cached) against plain `jsonschema`.

    python benchmarks/bench_validate.py [--spec specs/modelarts.openapi.yaml] [--entries 10000]

Pinned to one core. Prints figures only; nothing here asserts timings.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.validate import Checker, Spec  # noqa: E402
from generator.validate.inputs import Defaults, read  # noqa: E402

MINI = ROOT / "tests" / "validate" / "data" / "mini.openapi.yaml"


def best_rate(fn: Callable[[], int], repeat: int = 3) -> float:
    """Items per second of the fastest of `repeat` runs (fn returns the item count)."""
    best = 0.0
    for _ in range(repeat):
        t0 = time.perf_counter()
        n = fn()
        best = max(best, n / (time.perf_counter() - t0))
    return best


def example(spec: Spec, pointer: str) -> Any:
    media = spec.resolve_pointer(pointer.rsplit("/", 1)[0])
    if "example" in media:
        return media["example"]
    return next(iter(media["examples"].values()))["value"]


def plain_validator(spec: Spec, pointer: str) -> jsonschema.protocols.Validator:
    root = {**spec.resolve_pointer(pointer), "components": spec.document.get("components", {})}
    return jsonschema.Draft202012Validator(root)


def bench_bodies(spec: Spec, n: int) -> None:
    op = spec.operations["UpdateNotebook"]
    pointer = op.responses["200"]["application/json"]
    assert pointer is not None
    body = example(spec, pointer)
    bad = copy.deepcopy(body)
    bad["name"] = 5
    checker = Checker(spec)
    compiled = checker.engine.compiled(pointer)
    plain = plain_validator(spec, pointer)
    payloads = [bad if i % 20 == 0 else body for i in range(n)]  # 5% invalid
    texts = [json.dumps(p) for p in payloads]
    assert compiled.validator.is_valid(body) and not compiled.validator.is_valid(bad)
    assert plain.is_valid(body) and not plain.is_valid(bad)

    is_valid = compiled.validator.is_valid

    def rs_only() -> int:
        for p in payloads:
            is_valid(p)
        return n

    def rs_with_loads() -> int:
        for t in texts:
            is_valid(json.loads(t))
        return n

    def full_check() -> int:
        for p in payloads:
            checker.check_body(op, "response", "200", p)
        return n

    py_n = max(n // 20, 200)

    def plain_only() -> int:
        for p in payloads[:py_n]:
            plain.is_valid(p)
        return py_n

    rs, rs_loads, full, py = (
        best_rate(rs_only),
        best_rate(rs_with_loads),
        best_rate(full_check),
        best_rate(plain_only),
    )
    name = Path(spec.name).resolve().relative_to(ROOT)
    print(f"{name}: UpdateNotebook 200 response body ({len(json.dumps(body))} bytes JSON, 5% invalid)")
    print(f"  jsonschema-rs is_valid          {rs:>12,.0f} /s   x{rs / py:,.0f} vs jsonschema")
    print(f"  jsonschema-rs json.loads+valid  {rs_loads:>12,.0f} /s   x{rs_loads / py:,.0f}")
    print(f"  Checker.check_body (verdict)    {full:>12,.0f} /s   x{full / py:,.0f}")
    print(f"  jsonschema {version('jsonschema')} is_valid      {py:>12,.0f} /s   (baseline)")


def make_har(spec: Spec, entries: int, path: Path) -> None:
    op = spec.operations["UpdateNotebook"]
    req_ptr = op.request_media.get("application/json")
    resp_ptr = op.responses["200"]["application/json"]
    assert req_ptr and resp_ptr
    req, resp = example(spec, req_ptr), example(spec, resp_ptr)
    bad = {**resp, "name": 5}
    base = "https://modelarts.eu-de.otc.t-systems.com"
    out = []
    for i in range(entries):
        out.append(
            {
                "request": {
                    "method": "PUT",
                    "url": f"{base}/v1/proj-{i % 7}/notebooks/nb-{i}",
                    "headers": [{"name": "X-Auth-Token", "value": "t"}],
                    "queryString": [],
                    "postData": {"mimeType": "application/json", "text": json.dumps(req)},
                },
                "response": {
                    "status": 200,
                    "content": {
                        "mimeType": "application/json",
                        "text": json.dumps(bad if i % 20 == 0 else resp),
                    },
                },
            }
        )
    path.write_text(json.dumps({"log": {"version": "1.2", "entries": out}}))


def bench_har(spec: Spec, entries: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        har = Path(tmp) / "bench.har"
        make_har(spec, entries, har)
        size = har.stat().st_size

        def ours() -> int:
            results = Checker(spec).check(read(har, "har", Defaults()))
            assert sum(r.verdict == "invalid" for r in results) == entries // 20
            return entries

        op = spec.operations["UpdateNotebook"]
        req_ptr, resp_ptr = op.request_media["application/json"], op.responses["200"]["application/json"]
        assert req_ptr and resp_ptr

        def plain() -> int:
            # Same reading and matching; only the schema checks use jsonschema (compiled once as well).
            req_v, resp_v = plain_validator(spec, req_ptr), plain_validator(spec, resp_ptr)
            invalid = 0
            for rec in read(har, "har", Defaults()):
                assert not isinstance(rec, Exception)
                url = urlsplit(rec.url)
                assert spec.match_path(rec.method, url.path) is not None
                invalid += not req_v.is_valid(json.loads(rec.request_body.text))  # type: ignore[union-attr]
                invalid += not resp_v.is_valid(json.loads(rec.response_body.text))  # type: ignore[union-attr]
            assert invalid == entries // 20
            return entries

        rs = best_rate(ours)
        py = best_rate(plain, repeat=1)
        print(f"HAR with {entries} entries ({size / 1e6:.1f} MB; request+response each; 5% invalid responses)")
        print(
            f"  ours (read+match+params+bodies) {rs:>12,.0f} entries/s  {entries / rs:6.2f} s",
            f"  x{rs / py:,.1f}",
        )
        print(f"  same with plain jsonschema      {py:>12,.0f} entries/s  {entries / py:6.2f} s   (baseline)")


def main() -> None:
    parser = argparse.ArgumentParser()
    default_spec = ROOT / "specs" / "modelarts.openapi.yaml"
    parser.add_argument("--spec", type=Path, default=default_spec if default_spec.exists() else MINI)
    parser.add_argument("--payloads", type=int, default=20_000)
    parser.add_argument("--entries", type=int, default=10_000)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core, as the target states
    print(f"python {sys.version.split()[0]}, jsonschema-rs {version('jsonschema-rs')}, one core")
    spec = Spec.load(args.spec)
    for body_spec in dict.fromkeys([args.spec, MINI]):  # the stand-in spec has a richer example
        bench_bodies(Spec.load(body_spec), args.payloads)
    bench_har(spec, args.entries)


if __name__ == "__main__":
    main()
