"""`generator.devtools.precision`: a judged sample re-checked against a newer findings dump."""

from __future__ import annotations

from pathlib import Path

from generator.devtools.history_findings import write_findings
from generator.devtools.precision import check, main, render
from generator.diff.model import Change, DiffResult, Location, OperationRef

OP = OperationRef("/v1/things", "GET", "ListThings")
HEAD = ["id", "service", "update", "rule", "function", "old_pointer", "new_pointer", "old_source", "new_source",
        "message", "verdict", "cause"]


def _removed(component: str, field: str, line: int) -> Change:
    return Change("response-property-removed", OP, Location(f"/components/schemas/{component}/properties/{field}",
                                                            f"things.rst:{line}"),
                  Location(f"/components/schemas/{component}", "things.rst:10"), (("field", f"{component}.{field}"),))


def _dump(root: Path, changes: list[Change]) -> Path:
    write_findings(root, "svc", "aaa", "bbb", DiffResult(tuple(changes)))
    return root


def _sample(path: Path) -> Path:
    src = "api-ref/source/things.rst"
    def row(id_: str, field: str, line: int, verdict: str, cause: str) -> list[str]:
        return [id_, "svc", "aaa..bbb", "response-property-removed", "ListThings",
                f"/components/schemas/Thing/properties/{field}", "/components/schemas/Thing", f"{src}:{line}",
                f"{src}:10", "x", verdict, cause]

    rows = [row("S1", "a", 20, "real", ""), row("S2", "b", 21, "wrong", "K"), row("S3", "c", 22, "real", "")]
    path.write_text("# a comment\n" + "\n".join("\t".join(r) for r in [HEAD, *rows]) + "\n", encoding="utf-8")
    return path


def test_still_reported_gone_and_new(tmp_path: Path) -> None:
    # a fix renamed the component (Thing -> Thing2: matched by its sources), dropped S2 (wrong) and S3 (real), and
    # a new error appeared
    dump = _dump(tmp_path / "f", [_removed("Thing2", "a", 20), _removed("Thing", "d", 30)])
    updates = tmp_path / "u.tsv"
    updates.write_text("service\tupdate\terrors\ttaken\tprior\nsvc\taaa..bbb\t3\tall\tnew\n", encoding="utf-8")
    recall = tmp_path / "r.tsv"
    recall.write_text("id\tservice\tupdate\trules\tlevel\tneedle\nR1\tsvc\taaa..bbb\tresponse-property-removed\terror\t"
                      "Thing2.a\nR2\tsvc\taaa..bbb\tresponse-property-removed\terror\tThing.c\n", encoding="utf-8")
    report = check(dump, _sample(tmp_path / "s.tsv"), recall, updates)
    assert [r[-1] for r in report.rows] == ["reported", "gone", "gone"]
    assert (report.verdicts["real"], report.wrong_gone, report.real_gone) == (1, 1, ["S3"])
    assert report.precision() == 1.0
    assert [(f.rule, f.old_pointer) for f in report.new_errors] == [("response-property-removed",
                                                                   "/components/schemas/Thing/properties/d")]
    assert [r[-1] for r in report.recall_rows] == ["response-property-removed", "MISSED"]
    text = render(report)
    assert "precision over what is still reported: 1/1 = 100.0%" in text
    assert "gone: 1 wrong, 1 real (S3)" in text and "recall sample: 1/2" in text
    assert main(["--findings", str(dump), "--sample", str(tmp_path / "s.tsv")]) == 0
