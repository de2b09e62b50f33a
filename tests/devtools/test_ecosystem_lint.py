"""The lint summary of `devtools.ecosystem.lint`: upstream false positives are counted apart, never dropped."""

from __future__ import annotations

from generator.devtools.ecosystem.lint import Finding, LintResult, table


def _f(tool: str, rule: str, severity: str, pointer: str) -> Finding:
    return Finding(tool, rule, severity, pointer, "message")


def test_known_false_positives_name_their_upstream_issue() -> None:
    record_set = _f("spectral", "oas3-valid-schema-example", "error",
                    "/paths/~1v2~1recordsets/get/responses/200/content/application~1json/examples/A/value/default")
    xml = _f("redocly", "no-invalid-media-type-examples", "warning",
             "/paths/~1/get/responses/200/content/application~1xml/examples/B/value")
    html = _f("spectral", "oas3-valid-media-example", "error",
              "/paths/~1x/put/responses/200/content/text~1html/examples/C/value")
    json_example = _f("spectral", "oas3-valid-media-example", "error",
                      "/paths/~1x/put/responses/200/content/application~1json/examples/C/value")
    schema_default = _f("spectral", "oas3-valid-schema-example", "error", "/components/schemas/A/properties/b")
    assert record_set.known_false_positive == "stoplightio/spectral#1972"
    assert xml.known_false_positive == "Redocly/redocly-cli#1276"
    assert html.known_false_positive == "stoplightio/spectral#2523"
    assert json_example.known_false_positive == "" and schema_default.known_false_positive == ""


def test_counts_keep_false_positives_apart() -> None:
    r = LintResult("x.yaml", [
        _f("spectral", "oas3-valid-media-example", "error", "/paths/~1/get/responses/200/content/application~1xml/x"),
        _f("spectral", "oas3-valid-media-example", "error", "/paths/~1/get/responses/200/content/application~1json/x"),
        _f("redocly", "tag-description", "warning", "/tags/0"),
    ])
    assert r.count("spectral", "error") == 1 and r.count("spectral", "error", real_only=False) == 2
    assert r.by_rule() == {"redocly:warning:tag-description": 1,
                           "spectral:error:oas3-valid-media-example": 1,
                           "spectral:error:oas3-valid-media-example (known false positive)": 1}
    assert "| x.yaml | 1 | 0 | 0 | 1 | 1 |" in table([r])
