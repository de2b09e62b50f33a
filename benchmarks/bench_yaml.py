"""YAML dump speed: `emit.dump_yaml` (libyaml behind `generator.speed.patches.yaml_fast`) against libyaml behind PyYAML's own
representer and resolver (what `emit` did before), on one spec, whole and cut in the stage cache's pieces.

    python benchmarks/bench_yaml.py [--spec specs/modelarts.openapi.yaml | --tree DOCS_TREE] [--runs 5]

`--tree` builds the spec of a docs tree first: the issue's figure is `--tree ../shared/corpus/modelarts@1ba1873`
(2.7 MB of YAML; the committed spec is 33 kB). Prints the fastest of `--runs` runs of each, alternating, and
checks that both write the same bytes; nothing here asserts timings.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.core import emit
from generator.speed.stage_cache import _pieces  # noqa: E402
from generator.speed.layer import speed_for


class _Stock(yaml.CSafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


_Stock.add_representer(str, emit._str_presenter)


def stock_dump_yaml(doc: Any) -> str:
    dumper = emit._PyDumper if emit._libyaml_differs_walk(doc) else _Stock
    return yaml.dump(doc, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--spec", type=Path, default=ROOT / "specs" / "modelarts.openapi.yaml")
    ap.add_argument("--tree", type=Path, help="a docs tree to build the spec from (instead of --spec)")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    if args.tree:
        from generator.build import pipeline
        doc = pipeline.build_spec(args.tree, args.tree.name.split("@", 1)[0], speed=speed_for(2)).spec
    else:
        doc = yaml.load(args.spec.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    pieces = [piece for _, piece in _pieces(doc)]
    cases: dict[str, Callable[[], str]] = {
        "stock (whole)": lambda: stock_dump_yaml(doc),
        "dump_yaml (whole)": lambda: emit.dump_yaml(doc),
        f"stock ({len(pieces)} pieces)": lambda: "".join(stock_dump_yaml(p) for p in pieces),
        f"dump_yaml ({len(pieces)} pieces)": lambda: "".join(emit.dump_yaml(p) for p in pieces),
    }
    best = dict.fromkeys(cases, float("inf"))
    texts: dict[str, str] = {}
    for _ in range(args.runs):
        for name, fn in cases.items():
            t0 = time.perf_counter()
            texts[name] = fn()
            best[name] = min(best[name], time.perf_counter() - t0)
    names = list(cases)
    same = texts[names[0]] == texts[names[1]] and texts[names[2]] == texts[names[3]]
    for name in names:
        print(f"{name:<28} {best[name]:.3f} s")
    print(f"same bytes: {same}  ({len(texts[names[1]])} characters)")
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
