"""`diff` on hostile or broken spec files: exit 2 with one line saying why, never a traceback,
and YAML aliases bounded (an alias bomb in an `example` took 3.1 GB before)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from generator import cli
from generator.core.untrusted import Limits, UntrustedInput, parse_json, parse_size, parse_yaml
from tests.diff.specs import base_spec, op

BOMB_EXAMPLE = "".join(
    f"      {c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
    for p, c in zip("abcdefgh", "bcdefghi", strict=True)
)


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = cli.main(["diff", *(str(a) for a in args)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _spec_with_bomb() -> str:
    text = yaml.safe_dump(base_spec(), sort_keys=False)
    # an `x-example` mapping whose aliases expand to 10**9 nodes, 700 bytes on disk
    return text + "x-bomb:\n  example:\n" + "      a: &a [x, x, x, x, x, x, x, x, x, x]\n" + BOMB_EXAMPLE


@pytest.fixture
def good(tmp_path: Path) -> Path:
    p = tmp_path / "good.yaml"
    p.write_text(yaml.safe_dump(base_spec(), sort_keys=False))
    return p


@pytest.mark.parametrize(
    ("content", "name", "why"),
    [
        (_spec_with_bomb(), "bomb.yaml", "(input.yaml_aliases): not usable YAML: aliases expand to more than"),
        ("a: &a [1, *a]\n", "cycle.yaml", "(input.yaml_aliases)"),
        ("x: " + "[" * 3000 + "]" * 3000 + "\n", "deep.yaml", "(input.too_deep)"),
        ('{"x": ' + "[" * 3000 + "]" * 3000 + "}", "deep.json", "(input.too_deep)"),
        ('{"x": ' + "1" * 5000 + "}", "long.json", "(input.number_too_long)"),
        ("x: " + "1" * 5000 + "\n", "long.yaml", "(input.number_too_long)"),
        ('{"openapi": "3.1.0", "paths": {', "cut.json", "(input.truncated)"),
        (b"openapi: 3.1.0\ninfo: {title: \xff}\n", "bytes.yaml", "(input.not_utf8)"),
        ("- a list\n", "list.yaml", "not an OpenAPI document (top level is not a mapping)"),
        ("swagger: '2.0'\npaths: {}\n", "swagger.yaml", "not valid OpenAPI"),
        ("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {/x: [1]}\n", "shape.yaml", "not valid OpenAPI"),
    ],
)
def test_unusable_spec_is_exit_2_with_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path, good: Path,
                                               content: str | bytes, name: str, why: str) -> None:
    bad = tmp_path / name
    if isinstance(content, bytes):
        bad.write_bytes(content)
    else:
        bad.write_text(content)
    for args in ((good, bad), (bad, good)):
        code, out, err = run(capsys, *args)
        assert (code, out) == (2, "")
        assert err.count("\n") == 1 and err.startswith(f"error: {bad}") and why in err, err


def test_size_limit_is_configurable(capsys: pytest.CaptureFixture[str], tmp_path: Path, good: Path) -> None:
    new = base_spec()
    op(new)["summary"] = "Update a notebook"
    changed = tmp_path / "new.json"
    changed.write_text(json.dumps(new))
    assert run(capsys, good, changed)[0] == 0
    size = good.stat().st_size
    code, _, err = run(capsys, good, changed, "--max-input-size", str(size - 1))
    assert code == 2
    assert err == (f"error: {good}: not usable JSON/YAML (input.too_large): input too large: {size} bytes, "
                   f"the limit is {size - 1} bytes (raise it with --max-input-size)\n")
    with pytest.raises(SystemExit):
        cli.main(["diff", str(good), str(changed), "--max-input-size", "lots"])
    assert "not a size: 'lots'" in capsys.readouterr().err


def test_legitimate_aliases_within_the_budget_still_load() -> None:
    doc = parse_yaml("base: &b {type: string}\nx: *b\ny: *b\n")
    assert doc == {"base": {"type": "string"}, "x": {"type": "string"}, "y": {"type": "string"}}
    with pytest.raises(UntrustedInput) as exc:
        parse_yaml("a: &a [1, 2, 3]\nb: [*a, *a, *a]\n", Limits(max_yaml_nodes=10))
    assert exc.value.code == "input.yaml_aliases"


def test_json_limits_and_sizes() -> None:
    assert parse_json('{"a": [1, 2.5, "x"]}') == {"a": [1, 2.5, "x"]}
    with pytest.raises(UntrustedInput) as exc:
        parse_json("[[[1]]]", Limits(max_depth=2))
    assert exc.value.code == "input.too_deep"
    with pytest.raises(UntrustedInput) as exc:
        parse_json('{"a": 1e999999}')
    assert exc.value.code == "input.number_out_of_range"
    with pytest.raises(UntrustedInput) as exc:
        parse_json('{"a": Infinity}')
    assert exc.value.code == "input.invalid_json"
    assert [parse_size(s) for s in ("10", "2K", "3m", "1G", "5MB")] == [10, 2048, 3 * 2**20, 2**30, 5 * 2**20]
    with pytest.raises(ValueError):
        parse_size("0")
