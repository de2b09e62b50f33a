"""Lint specs with the pinned third-party linters: Spectral (`spectral:oas`) and Redocly (`recommended`).

The tools live in `tools/ecosystem/` (exact versions in its `package.json` / `package-lock.json`,
installed with `npm ci --prefix tools/ecosystem`). Findings are counted per tool, severity and rule.

One Spectral finding is an upstream bug, not a property of our specs: `oas3-valid-schema-example`
walks every descendant of `content` and takes an *example value* that happens to hold both a
`default` and a `type` key (a DNS record set: `{"type": "A", "default": false}`) for a schema
(stoplightio/spectral#1972, open). Such findings are counted apart as `known_false_positive`, never
silently: the summary shows them.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.core.config import REPO_ROOT

TOOLS = REPO_ROOT / "tools" / "ecosystem"
BIN = TOOLS / "node_modules" / ".bin"
# no telemetry, no update check: lint output must only depend on the spec
NODE_ENV = {"REDOCLY_TELEMETRY": "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true", "NO_UPDATE_NOTIFIER": "1",
            "SCARF_ANALYTICS": "false", "DO_NOT_TRACK": "1"}
SPECTRAL_SEVERITY = {0: "error", 1: "warning", 2: "info", 3: "hint"}


class ToolError(Exception):
    pass


@dataclass(frozen=True)
class Finding:
    tool: str  # spectral | redocly
    rule: str
    severity: str  # error | warning | info | hint
    pointer: str  # JSON pointer into the spec
    message: str

    @property
    def known_false_positive(self) -> str:
        """The upstream issue that explains this finding, or "" for a real one."""
        if self.tool == "spectral" and self.rule == "oas3-valid-schema-example" and "/value/" in self.pointer \
                and "/examples/" in self.pointer:
            return "stoplightio/spectral#1972"
        if self.rule in ("oas3-valid-media-example", "no-invalid-media-type-examples") and self.text_example:
            return {"spectral": "stoplightio/spectral#2523", "redocly": "Redocly/redocly-cli#1276"}[self.tool]
        return ""

    @property
    def text_example(self) -> bool:
        """An example of a body JSON cannot represent (XML, HTML): the build keeps it as the text, a string
        (OpenAPI 3.1 asks for that); both linters hold the string against the object schema of the document."""
        parts = self.pointer.split("/")
        if "content" not in parts or parts.index("content") + 1 >= len(parts):
            return False
        media = parts[parts.index("content") + 1].replace("~1", "/").replace("~0", "~")
        return "json" not in media and ("xml" in media or media.startswith("text/"))


@dataclass
class LintResult:
    spec: str
    findings: list[Finding] = field(default_factory=list)

    def count(self, tool: str, severity: str, *, real_only: bool = True) -> int:
        return sum(1 for f in self.findings if f.tool == tool and f.severity == severity
                   and not (real_only and f.known_false_positive))

    def by_rule(self) -> dict[str, int]:
        c = Counter(f"{f.tool}:{f.severity}:{f.rule}" + (" (known false positive)" if f.known_false_positive else "")
                    for f in self.findings)
        return dict(sorted(c.items()))


def _env() -> dict[str, str]:
    return {**os.environ, **NODE_ENV}


def install(tools: Path = TOOLS) -> None:
    """`npm ci`: exactly the locked versions, into `tools/ecosystem/node_modules`."""
    proc = subprocess.run(["npm", "ci", "--prefix", str(tools), "--no-audit", "--no-fund"], env=_env(),
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise ToolError(f"npm ci failed:\n{proc.stdout}\n{proc.stderr}")


def _pointer(path: list[Any]) -> str:
    return "/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in path)


def spectral(spec: Path, tools: Path = TOOLS) -> list[Finding]:
    proc = subprocess.run([str(tools / "node_modules" / ".bin" / "spectral"), "lint", "--ruleset",
                           str(tools / ".spectral.yaml"), "--format", "json", "--quiet", str(spec)],
                          env=_env(), capture_output=True, text=True, check=False)
    try:
        raw = json.loads(proc.stdout or "[]")
    except json.JSONDecodeError as exc:
        raise ToolError(f"spectral on {spec}: {proc.stdout[:500]} {proc.stderr[:500]}") from exc
    return [Finding("spectral", str(r["code"]), SPECTRAL_SEVERITY.get(int(r["severity"]), "hint"),
                    _pointer(r.get("path", [])), str(r["message"])) for r in raw]


def redocly(spec: Path, tools: Path = TOOLS) -> list[Finding]:
    proc = subprocess.run([str(tools / "node_modules" / ".bin" / "redocly"), "lint", "--max-problems", "100000",
                           "--config", str(tools / "redocly.yaml"), "--format", "json", str(spec)],
                          env=_env(), capture_output=True, text=True, check=False)
    try:
        raw = json.loads(proc.stdout)
    except json.JSONDecodeError as exc:
        raise ToolError(f"redocly on {spec}: {proc.stdout[:500]} {proc.stderr[:500]}") from exc
    out = []
    for p in raw.get("problems", []):
        loc = (p.get("location") or [{}])[0]
        severity = {"warn": "warning"}.get(p["severity"], p["severity"])
        out.append(Finding("redocly", str(p["ruleId"]), severity, str(loc.get("pointer", "#")).lstrip("#"),
                           str(p["message"])))
    return out


def lint(spec: Path, tools: Path = TOOLS) -> LintResult:
    return LintResult(spec.name, spectral(spec, tools) + redocly(spec, tools))


def table(results: list[LintResult]) -> str:
    rows = ["| spec | Spectral errors | Spectral warnings | Redocly errors | Redocly warnings "
            "| known false positives |", "|---|---|---|---|---|---|"]
    for r in results:
        fp = sum(1 for f in r.findings if f.known_false_positive)
        rows.append(f"| {r.spec} | {r.count('spectral', 'error')} | {r.count('spectral', 'warning')} | "
                    f"{r.count('redocly', 'error')} | {r.count('redocly', 'warning')} | {fp} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    import argparse

    p = argparse.ArgumentParser(prog="python -m generator.devtools.ecosystem.lint", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("specs", nargs="+", type=Path)
    p.add_argument("--json", type=Path, help="write every finding here")
    p.add_argument("--rules", action="store_true", help="print the count of each rule per spec")
    args = p.parse_args(argv)
    results = [lint(s) for s in args.specs]
    print(table(results))
    if args.rules:
        for r in results:
            print(f"\n{r.spec}")
            for rule, n in r.by_rule().items():
                print(f"  {n:5d}  {rule}")
    if args.json:
        args.json.write_text(json.dumps([{"spec": r.spec, "findings": [f.__dict__ for f in r.findings]}
                                         for r in results], indent=1, sort_keys=True), encoding="utf-8")
    errors = sum(r.count("spectral", "error") + r.count("redocly", "error") for r in results)
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
