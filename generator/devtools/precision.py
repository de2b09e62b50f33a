"""Re-check a judged sample of the diff's findings on the docs histories against a newer findings dump.

    python -m generator.devtools.precision --findings DIR --sample benchmarks/history_precision_sample.tsv
        [--recall benchmarks/history_recall_sample.tsv] [--updates benchmarks/history_precision_updates.tsv]

DIR is written by `python -m generator.devtools.history --findings DIR`. The sample (one judged error a row,
`benchmarks/history_precision.md` says how it was judged) is matched to DIR's findings of the same update:
by rule, function and both JSON pointers; failing that, by rule, function and the docs sources; failing that,
by rule and message. Per sampled finding it says whether it is still reported. Precision is taken over
what is still reported (real / (real + debatable + wrong)); a real one that is gone is a recall loss. The
recall sample (one real API change a row: the rules that report it, the level its effect calls for and a
word of the message) is looked up the same way, at the level it should have. The updates file names the
sampled updates and whether every error was taken ("all"): there, each error not in the sample is listed as
new and unjudged; in an update sampled every k-th error, only the count is compared.
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.devtools.history_findings import Finding, read_findings, updates_of
from generator.report.as_text import format_table

VERDICTS = ("real", "debatable", "wrong")


def read_tsv(path: Path) -> list[dict[str, str]]:
    """The rows of a tab-separated file with a header line; lines starting with `#` are comments."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return [dict(row) for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]


@dataclass(frozen=True)
class Judged:
    id: str
    service: str
    update: str
    rule: str
    function: str
    old_pointer: str
    new_pointer: str
    old_source: str
    new_source: str
    message: str
    verdict: str
    cause: str

    @classmethod
    def of(cls, row: dict[str, str]) -> Judged:
        judged = cls(*(row.get(f, "") or "" for f in cls.__dataclass_fields__))
        if judged.verdict not in VERDICTS:
            raise ValueError(f"{judged.id}: verdict {judged.verdict!r} is none of {', '.join(VERDICTS)}")
        return judged


def _keys(f: Finding | Judged) -> tuple[tuple[str, ...], ...]:
    """From the most to the least exact: a fix may rename a component (pointers) or move a source line."""
    return ((f.rule, f.function, f.old_pointer, f.new_pointer), (f.rule, f.function, f.old_source, f.new_source),
            (f.rule, f.message))


def match(judged: Sequence[Judged], findings: Iterable[Finding]) -> dict[str, Finding | None]:
    """Each judged id -> the finding of its update that it still is (each finding taken at most once)."""
    by_update: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        by_update.setdefault((f.service, f.update), []).append(f)
    out: dict[str, Finding | None] = {}
    taken: set[int] = set()
    for level in range(3):
        for j in judged:
            if j.id in out:
                continue
            for f in by_update.get((j.service, j.update), []):
                if id(f) not in taken and _keys(f)[level] == _keys(j)[level]:
                    out[j.id] = f
                    taken.add(id(f))
                    break
    return {j.id: out.get(j.id) for j in judged}


@dataclass(frozen=True)
class Recall:
    id: str
    service: str
    update: str
    rules: tuple[str, ...]
    level: str
    needle: str

    @classmethod
    def of(cls, row: dict[str, str]) -> Recall:
        return cls(row["id"], row["service"], row["update"], tuple(row["rules"].split("|")), row["level"],
                   row["needle"])

    def found(self, findings: Sequence[Finding]) -> Finding | None:
        for f in findings:
            if (f.service, f.update) == (self.service, self.update) and f.rule in self.rules \
                    and f.level == self.level and self.needle in f.message:
                return f
        return None


@dataclass
class Report:
    rows: list[list[str]]
    verdicts: Counter[str]  # over what is still reported
    real_gone: list[str]
    wrong_gone: int
    new_errors: list[Finding]
    counts: list[list[str | int]]  # per every-k-th update: errors then -> now
    recall_rows: list[list[str]]

    def precision(self) -> float:
        total = sum(self.verdicts[v] for v in VERDICTS)
        return self.verdicts["real"] / total if total else 1.0


def check(findings_dir: Path, sample: Path, recall: Path | None = None, updates: Path | None = None) -> Report:
    findings = list(read_findings(findings_dir))
    have = updates_of(findings_dir)
    judged = [Judged.of(r) for r in read_tsv(sample)]
    matched = match(judged, findings)
    rows, verdicts, real_gone, wrong_gone = [], Counter[str](), [], 0
    for j in judged:
        f = matched[j.id]
        state = "not replayed" if (j.service, j.update) not in have else ("reported" if f else "gone")
        rows.append([j.id, j.service, j.update, j.rule, j.function, j.verdict, j.cause, state])
        if f is not None:
            verdicts[j.verdict] += 1
        elif state == "gone" and j.verdict == "real":
            real_gone.append(j.id)
        elif state == "gone" and j.verdict == "wrong":
            wrong_gone += 1
    taken = {id(f) for f in matched.values() if f is not None}
    new_errors: list[Finding] = []
    counts: list[list[str | int]] = []
    for u in read_tsv(updates) if updates is not None else []:
        mine = [f for f in findings if (f.service, f.update) == (u["service"], u["update"]) and f.level == "error"]
        if u["taken"] == "all":
            new_errors += [f for f in mine if id(f) not in taken]
        elif (u["service"], u["update"]) in have:
            counts.append([u["service"], u["update"], u["taken"], int(u["errors"]), len(mine)])
    recall_rows = []
    for r in [Recall.of(row) for row in read_tsv(recall)] if recall is not None else []:
        hit = r.found(findings)
        recall_rows.append([r.id, r.service, r.update, "|".join(r.rules), r.level,
                            "not replayed" if (r.service, r.update) not in have else (hit.rule if hit else "MISSED")])
    return Report(rows, verdicts, real_gone, wrong_gone, new_errors, counts, recall_rows)


def render(report: Report) -> str:
    out = [format_table(["id", "service", "update", "rule", "function", "verdict", "cause", "now"], report.rows), ""]
    v = report.verdicts
    still = sum(v[k] for k in VERDICTS)
    judged_real = v["real"] + len(report.real_gone)
    out.append(f"still reported: {still} of {len(report.rows)} judged ({v['real']} real, {v['debatable']} debatable, "
               f"{v['wrong']} wrong); gone: {report.wrong_gone} wrong, {len(report.real_gone)} real "
               f"({', '.join(report.real_gone) or 'none'})")
    out.append(f"precision over what is still reported: {v['real']}/{still} = {100 * report.precision():.1f}%"
               f" ({v['real'] + v['debatable']}/{still} counting the debatable ones)")
    out.append(f"judged real errors still reported: {v['real']}/{judged_real}")
    if report.recall_rows:
        hit = sum(r[-1] not in ("MISSED", "not replayed") for r in report.recall_rows)
        replayed = sum(r[-1] != "not replayed" for r in report.recall_rows)
        out += ["", format_table(["id", "service", "update", "rules", "level", "reported as"], report.recall_rows),
                f"recall sample: {hit}/{replayed} reported at the level their effect calls for"]
    if report.counts:
        out += ["", "updates sampled every k-th error (errors judged at the sample -> now):",
                format_table(["service", "update", "taken", "then", "now"], report.counts)]
    out += ["", f"new unjudged errors in fully sampled updates: {len(report.new_errors)}"]
    out += [f"  {f.service} {f.update} {f.rule} {f.function} {f.old_pointer or f.new_pointer} "
            f"({f.old_source or '-'} -> {f.new_source or '-'})" for f in report.new_errors]
    return "\n".join(out) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m generator.devtools.precision", description=__doc__.split("\n\n")[0])
    p.add_argument("--findings", type=Path, required=True, help="the folder `history --findings` wrote")
    p.add_argument("--sample", type=Path, required=True, help="the judged errors (TSV)")
    p.add_argument("--recall", type=Path, help="the real API changes sampled from the RST diffs (TSV)")
    p.add_argument("--updates", type=Path, help="the sampled updates and how each was sampled (TSV)")
    args = p.parse_args(argv)
    print(render(check(args.findings, args.sample, args.recall, args.updates)), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
