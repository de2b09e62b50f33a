"""The link stage on small model objects: labels, names, captions, dangling and unreferenced tables."""

from __future__ import annotations

from generator.build.link import link
from generator.core.model import DocOperation, Field, Page, Schema, Source
from generator.core.types import Kind, TypeExpr


def field(name: str, t: TypeExpr, line: int = 10, desc_refs: list[str] | None = None) -> Field:
    return Field(name, t, False, "", Source("a/p.rst", line), desc_refs=desc_refs or [])


def api_page(file: str, body_fields: list[Field], schemas: list[Schema]) -> Page:
    op = DocOperation("CreateThing", "post", "/v1/things", "", "", Source(file, 3), "a",
                      request_body=Schema("CreateThingRequest", body_fields, Source(file, 5)))
    page = Page(file, "Creating a Thing", True, [op], schemas)
    page.rows_total = page.rows_resolved = len(body_fields) + sum(len(s.fields) for s in schemas)
    return page


def spec_schema(file: str = "a/p.rst", label: str | None = None, title: str = "") -> Schema:
    return Schema("Spec", [field("size", TypeExpr(Kind.INTEGER, "int64"), 20)], Source(file, 18), label, title)


def test_label_resolves_to_the_table_key_on_the_same_page() -> None:
    nested = spec_schema(label="thing_spec")
    page = api_page("a/p.rst", [field("spec", TypeExpr(Kind.REF, ref="thing_spec", ref_text="Spec"))], [nested])
    schemas = link([page])
    body = page.operations[0].request_body
    assert body is not None
    assert nested.key == "a/p.rst#0" and body.key == "a/p.rst#CreateThingRequest"
    assert set(schemas) == {nested.key, body.key}
    assert body.fields[0].type == TypeExpr(Kind.REF, ref="a/p.rst#0", ref_text="Spec")
    assert page.diagnostics == []


def test_label_of_another_page_and_array_items_resolve() -> None:
    other = Page("b/q.rst", "Common", False, [], [spec_schema("b/q.rst", label="common_spec")])
    items = TypeExpr(Kind.ARRAY, items=TypeExpr(Kind.REF, ref="common_spec", ref_text="Spec"))
    page = api_page("a/p.rst", [field("specs", items)], [])
    link([page, other])
    body = page.operations[0].request_body
    assert body is not None
    assert body.fields[0].type == TypeExpr(Kind.ARRAY, items=TypeExpr(Kind.REF, ref="b/q.rst#0", ref_text="Spec"))


def test_bare_name_resolves_by_caption_name_else_is_an_unknown_type() -> None:
    page = api_page("a/p.rst", [field("spec", TypeExpr(Kind.REF, ref_text="spec"), 11),
                                field("mode", TypeExpr(Kind.REF, ref_text="Frob"), 12)], [spec_schema()])
    link([page])
    body = page.operations[0].request_body
    assert body is not None
    assert body.fields[0].type.ref == "a/p.rst#0"
    assert body.fields[1].type == TypeExpr(Kind.ANY)
    [d] = page.diagnostics
    assert (d.code, d.source.line) == ("type.unknown", 12) and "'Frob'" in d.message
    assert (page.rows_total, page.rows_resolved, page.rows_unknown_type, page.rows_failed) == (3, 2, 1, 0)


def test_dangling_label_is_a_free_object_and_a_failed_row() -> None:
    page = api_page("a/p.rst", [field("spec", TypeExpr(Kind.REF, ref="nowhere", ref_text="Spec"))], [])
    link([page])
    body = page.operations[0].request_body
    assert body is not None and body.fields[0].type == TypeExpr(Kind.OBJECT)
    assert [d.code for d in page.diagnostics] == ["ref.dangling"]
    assert (page.rows_resolved, page.rows_failed) == (0, 1)


def test_free_object_finds_its_table_by_description_link_or_caption_subject() -> None:
    by_link = spec_schema(label="see_table_3")
    by_caption = Schema("server field description", [field("name", TypeExpr(Kind.STRING), 30)],
                        Source("a/p.rst", 28), subject="server")
    fields = [field("spec", TypeExpr(Kind.OBJECT), desc_refs=["see_table_3"]),
              field("server", TypeExpr(Kind.ARRAY, items=TypeExpr(Kind.OBJECT)))]
    page = api_page("a/p.rst", fields, [by_link, by_caption])
    link([page])
    body = page.operations[0].request_body
    assert body is not None
    assert body.fields[0].type == TypeExpr(Kind.REF, ref=by_link.key, ref_text="Spec")
    assert body.fields[1].type == TypeExpr(Kind.ARRAY, items=TypeExpr(Kind.REF, ref=by_caption.key,
                                                                      ref_text="server field description"))
    assert page.diagnostics == []


def test_table_nobody_references_is_reported() -> None:
    page = api_page("a/p.rst", [field("name", TypeExpr(Kind.STRING))], [spec_schema(title="Table 3 Spec")])
    link([page])
    [d] = page.diagnostics
    assert (d.code, d.source.line) == ("schema.unreferenced", 18) and "'Table 3 Spec'" in d.message
