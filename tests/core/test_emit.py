"""`emit.dump_yaml` writes with libyaml's emitter where PyYAML has it: the bytes must be those of PyYAML's
pure-Python emitter (the reference) on every kind of value our specs hold."""

from __future__ import annotations

from typing import Any

import yaml

from generator.core import emit
from generator.core.config import REPO_ROOT

# Values chosen where the two emitters could part: YAML-1.2 quoting, block scalars, folding of long lines
# (plain and single-quoted; double-quoted scalars go to PyYAML's emitter, last test),
# unicode outside ASCII (inside the BMP: beyond it see the last test), characters that force double quotes,
# keys needing quotes.
TRICKY: dict[str, object] = {
    "area_code": "0086",
    "yaml12": ["1e3", "0x1F", "0o17", ".5", "+12", "-7", "1_000", ".inf", ".NaN", "true", "False", "NULL", "~"],
    "yaml11": ["yes", "No", "on", "OFF", "y", "n", "2026-12-02", "12:30:00", "1:20", "<<", "="],
    "multi_line": "first line\nsecond line\n\nfourth after an empty one",
    "multi_line_trailing": "ends with a newline\n",
    "multi_line_kept_spaces": "  starts with spaces\nso it cannot be a block",
    "multi_line_long_single_quoted": "  starts with spaces, " + " ".join(["so no block"] * 12) + "\nand goes on" * 9,
    "block_with_indented_lines": "- **Infer**: inference jobs\n  [- **Notebook**: notebook jobs]\n" * 5,
    "unicode": "Größe: 5 µs – “quoted” · 中文说明 · ü",
    "long": "word " * 40 + "end",
    "long_unbreakable": "https://example.com/" + "x" * 150,
    "long_unicode": "Größe " * 30,
    "specials": ["", " ", "a: b", "- item", "#comment", "@at", "`tick", "%pct", "!bang", "&amp", "*star",
                 "{brace}", "[bracket]", "'single'", '"double"', "back\\slash", "trailing ", " leading",
                 "\u00a0nbsp", "ctrl-free \u00ff"],
    "numbers": [0, -1, 2**63, 1.5, 1e20, -0.0, 3.0],
    "empty": {"list": [], "map": {}},
    "nested": {"a": [{"b": {"c": ["d", {"e": None}]}}]},
    "key with: colon": 1,
    "k" * 140: "a key too long for a simple key",
    "0086": "numeric-looking key",
}


def test_libyaml_and_python_emitters_agree_on_tricky_values() -> None:
    assert not emit._libyaml_differs(TRICKY)  # else both would be the Python emitter
    assert emit.dump_yaml(TRICKY) == emit.dump_yaml(TRICKY, pure_python=True)
    assert "area_code: '0086'" in emit.dump_yaml(TRICKY)  # a YAML 1.2 reader must see a string


def test_libyaml_and_python_emitters_agree_on_the_committed_spec() -> None:
    doc = yaml.safe_load((REPO_ROOT / "specs" / "modelarts.openapi.yaml").read_text(encoding="utf-8"))
    text = emit.dump_yaml(doc)
    assert text == emit.dump_yaml(doc, pure_python=True)
    assert text == (REPO_ROOT / "specs" / "modelarts.openapi.yaml").read_text(encoding="utf-8")


def test_libyaml_is_used_where_pyyaml_has_it() -> None:
    assert issubclass(emit._Dumper, yaml.CSafeDumper) == yaml.__with_libyaml__


def test_documents_libyaml_writes_differently_go_to_the_python_emitter() -> None:
    pem = "-----BEGIN PUBLIC KEY-----\r\n" + "MIICCgKCAgEA3RQAXXwya9k4zV1/Q3AFr37GO8JgFobDKZioAklLQdgElHZ\r\n" * 4
    # NEL, beyond the BMP, a lone surrogate, long double-quoted scalars (escapes; a space next to a line break;
    # a key with a line break) where the two emitters fold differently, other characters PyYAML escapes
    values: list[Any] = ["next\x85line", "rocket 🚀", "lone \ud800", pem, "tab\tseparated " * 12,
                         ("trailing space \nthen more " * 8).strip(), " x\n indented " * 10,
                         {"multi\nline key " * 10: 1}, "bell\x07", "zero\x00width", "bom\ufeff", "ls\u2028"]
    for value in values:
        doc = {"info": {"description": value}, "k": ["x" * 120, "0086"]}
        assert emit._libyaml_differs(doc), value
        assert emit.dump_yaml(doc) == emit.dump_yaml(doc, pure_python=True)
    # what the fallback is for: libyaml folds a long double-quoted scalar elsewhere
    libyaml = yaml.dump({"k": pem}, Dumper=emit._Dumper, allow_unicode=True, width=100)
    assert libyaml != yaml.dump({"k": pem}, Dumper=emit._PyDumper, allow_unicode=True, width=100)
    assert not emit._libyaml_differs({"k": ["Größe", "中文", "a\nb", 1, None], "n": {"k2": "ü\n\nx"}})
