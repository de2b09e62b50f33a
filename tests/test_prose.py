"""Each description pattern in generator.prose, on a small RST cell."""

from __future__ import annotations

import textwrap

import pytest
from docutils import nodes

from generator.prose import read_description, to_markdown
from generator.read import read_text
from generator.types import Kind, TypeExpr

S = TypeExpr(Kind.STRING)
INT = TypeExpr(Kind.INTEGER, "int32")
A = TypeExpr(Kind.ARRAY, items=S)


def cell(rst: str) -> nodes.Element:
    doc = read_text(textwrap.dedent(rst).strip() + "\n", "t.rst").doctree
    return doc


@pytest.mark.parametrize("lead", ["Options:", "Enums:", "Enumeration values:", "Possible values are as follows:",
                                  "The options are as follows:", "The value can be one of the following:"])
def test_enum_from_bold_bullets(lead: str) -> None:
    c = read_description(cell(f"""
        Status. {lead}

        -  **ACTIVE**: in use.

        -  **FROZEN**: frozen.
        """), S).constraints
    assert c.enum == ["ACTIVE", "FROZEN"] and not c.enum_inferred


def test_enum_mixed_bold_and_plain_leading_values() -> None:
    c = read_description(cell("""
        Type. Options:

        -  **COMMON**: common image

        -  TRAIN: image used for training
        """), S).constraints
    assert c.enum == ["COMMON", "TRAIN"]


def test_enum_integer_values_are_typed() -> None:
    c = read_description(cell("""
        Step. Options:

        -  **1**: Prepare.

        -  **2**: Run.
        """), INT).constraints
    assert c.enum == [1, 2]


def test_enum_on_array_applies_to_items() -> None:
    c = read_description(cell("""
        Flavors. Options:

        -  **CPU**

        -  **GPU**
        """), A).constraints
    assert c.enum == ["CPU", "GPU"]


def test_enum_inferred_from_single_caps_word_is_flagged() -> None:
    r = read_description(cell("""
        Script type. The options are as follows:

        -  The script content must be specified in COMMAND script.

        -  Default value of SCRIPT. The script path must be specified.
        """), S)
    assert r.constraints.enum == ["COMMAND", "SCRIPT"] and r.constraints.enum_inferred
    assert [code for code, _ in r.findings] == ["enum.inferred"]


def test_enum_unparsed_is_reported() -> None:
    r = read_description(cell("""
        Mode. Options:

        -  the fast one, for small jobs

        -  the slow one, for big jobs
        """), S)
    assert r.constraints.enum is None
    assert [code for code, _ in r.findings] == ["enum.unparsed"]


def test_enum_inline_bold_values() -> None:
    c = read_description(cell("Whether to enable. The value can be **true** or **false**."),
                         TypeExpr(Kind.BOOLEAN)).constraints
    assert c.enum == [True, False]


@pytest.mark.parametrize(("text", "expected"), [
    ("The value can contain a maximum of 512 characters.", (None, 512)),
    ("The name contains a maximum of 128 characters, letters only.", (None, 128)),
    ("Enter 1 to 64 characters.", (1, 64)),
    ("Maximum length: 36", (None, 36)),
    ("It cannot exceed 255 characters.", (None, 255)),
])
def test_string_lengths(text: str, expected: tuple[int | None, int | None]) -> None:
    c = read_description(cell(text), S).constraints
    assert (c.min_length, c.max_length) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The maximum value is 4,096 GB.", (None, 4096)),
    ("Value range: 1 to 100", (1, 100)),
    ("The value ranges from 1 to 65535.", (1, 65535)),
    ("Minimum value: 0. Maximum value: 10.", (0, 10)),
])
def test_numeric_ranges(text: str, expected: tuple[int | None, int | None]) -> None:
    c = read_description(cell(text), INT).constraints
    assert (c.minimum, c.maximum) == expected


@pytest.mark.parametrize(("text", "n"), [
    ("A maximum of five public IP addresses are supported.", 5),
    ("A maximum of 20 tags can be added.", 20),
])
def test_array_max_items(text: str, n: int) -> None:
    assert read_description(cell(text), A).constraints.max_items == n


@pytest.mark.parametrize(("text", "value"), [
    ("If no workspace is available, the default value is **0**.", "0"),
    ("Image source, which defaults to **CUSTOMIZE**. Options:", "CUSTOMIZE"),
    ("Default value: **true**", "true"),
])
def test_defaults(text: str, value: str) -> None:
    c = read_description(cell(text), S).constraints
    assert c.has_default and c.default == value


def test_default_integer_and_boolean_are_typed() -> None:
    assert read_description(cell("The default value is 10."), INT).constraints.default == 10
    assert read_description(cell("Default value: **false**"), TypeExpr(Kind.BOOLEAN)).constraints.default is False


def test_conditional_default_is_not_a_default() -> None:
    r = read_description(cell("The default value is 5 GB for EVS and 50 GB for EFS."), INT)
    assert not r.constraints.has_default
    assert [code for code, _ in r.findings] == ["default.conditional"]


def test_bold_option_named_default_is_not_a_default() -> None:
    r = read_description(cell("""
        Instance type. Options:

        -  **DEFAULT**: free instance.

        -  **NOTEBOOK**: billed instance.
        """), S)
    assert r.constraints.enum == ["DEFAULT", "NOTEBOOK"]
    assert not r.constraints.has_default


def test_deprecated_field() -> None:
    assert read_description(cell("This parameter is deprecated."), S).constraints.deprecated


def test_markdown_rendering_keeps_structure() -> None:
    md = to_markdown(cell("""
        Status. Options:

        -  **A**: first.

        -  **B**: second.
        """))
    assert md == "Status. Options:\n\n- **A**: first.\n- **B**: second."


def test_enum_value_split_by_escaped_markup() -> None:
    c = read_description(cell("""
        Sort order. Options:

        -  **as**\\ c: ascending

        -  **des**\\ c: descending
        """), S).constraints
    assert c.enum == ["asc", "desc"]


@pytest.mark.parametrize(("text", "expected"), [
    ("The value must be smaller than or equal to 100.", (None, 100)),
    ("The value must be greater than or equal to 1 and less than or equal to 10.", (1, 10)),
])
def test_comparative_limits(text: str, expected: tuple[int | None, int | None]) -> None:
    c = read_description(cell(text), INT).constraints
    assert (c.minimum, c.maximum) == expected


def test_default_none_is_no_default() -> None:
    r = read_description(cell("The default value is None."), S)
    assert not r.constraints.has_default and [c for c, _ in r.findings] == ["default.none"]


def test_range_bullet_is_not_an_enum() -> None:
    r = read_description(cell("""
        Retention days. The value range is from 0 to 732.

        -  **0**: disabled.
        -  **1** to **732**: retention days.
        """), INT)
    assert r.constraints.enum is None
    assert (r.constraints.minimum, r.constraints.maximum) == (0, 732)


def test_length_less_than_or_equal() -> None:
    c = read_description(cell("The length is less than or equal to 255 characters."), S).constraints
    assert c.max_length == 255


def test_single_letter_options_are_format_placeholders() -> None:
    r = read_description(cell("""
        Version, in the format vX.Y.Z-rN. Options:

        -  **X**: major

        -  **Y**: minor
        """), S)
    assert r.constraints.enum is None and [c for c, _ in r.findings] == ["enum.placeholder_letters"]


def test_null_is_not_an_enum_value() -> None:
    r = read_description(cell("""
        Protocol. Options:

        -  **tcp**

        -  **null**
        """), S)
    assert r.constraints.enum == ["tcp"] and "enum.null_value" in [c for c, _ in r.findings]


def test_enum_from_plain_value_paragraphs() -> None:
    c = read_description(cell("""
        Billing items. Options:

        STORAGE: storage billing.

        COMPUTE: compute billing.

        ALL: both.
        """), A).constraints
    assert c.enum == ["STORAGE", "COMPUTE", "ALL"]


def test_options_announced_without_values_is_reported() -> None:
    r = read_description(cell("""
        Billing items. Options:

        Ask your account manager.
        """), S)
    assert r.constraints.enum is None and [c for c, _ in r.findings] == ["enum.unparsed"]
