"""Component and field schemas: a table as an object schema, a field's type and constraints as JSON Schema."""

from __future__ import annotations

from typing import Any

from generator.build.render.defects import default_problem
from generator.core.model import Diagnostic, Field, Schema, Severity, Source
from generator.core.spec import REQUIRED_UNSTATED
from generator.core.types import Kind, TypeExpr


def provenance(src: Source) -> dict[str, Any]:
    """The `x-source` of a node made from the docs."""
    return {"file": src.file, "line": src.line}


class SchemaRenderer:
    """Renders the schemas of fields and tables, with the components named by `names` (schema key -> name)."""

    def __init__(self, names: dict[str, str], diagnostics: list[Diagnostic]) -> None:
        self.names = names
        self.diagnostics = diagnostics
        self._defaults_dropped: set[tuple[Source, str]] = set()

    def type_schema(self, t: TypeExpr) -> dict[str, Any]:
        if t.kind is Kind.STRING:
            out: dict[str, Any] = {"type": "string"}
            if t.format:
                out["format"] = t.format
            return out
        if t.kind is Kind.INTEGER:
            return {"type": "integer", "format": t.format or "int32"}
        if t.kind is Kind.NUMBER:
            return {"type": "number", **({"format": t.format} if t.format else {})}
        if t.kind is Kind.BOOLEAN:
            return {"type": "boolean"}
        if t.kind is Kind.OBJECT:
            return {"type": "object"}
        if t.kind is Kind.ANY:
            return {}
        if t.kind is Kind.BINARY:
            return {"type": "string", "format": "binary"}
        if t.kind is Kind.ARRAY:
            return {"type": "array", "items": self.type_schema(t.items or TypeExpr(Kind.ANY))}
        if t.kind is Kind.MAP:
            return {"type": "object", "additionalProperties": self.type_schema(t.items or TypeExpr(Kind.ANY))}
        if t.kind is Kind.REF and t.ref is not None:
            return {"$ref": f"#/components/schemas/{self.names[t.ref]}"}
        return {}

    def field_schema(self, f: Field) -> dict[str, Any]:
        out = self.type_schema(f.type)
        c = f.constraints
        target = out["items"] if out.get("type") == "array" and "items" in out else out
        if c.enum is not None and "$ref" not in target:
            target["enum"] = list(c.enum)
            if c.enum_source is not None:
                target["x-otc-enum-source"] = {"kind": c.enum_source[0], "text": c.enum_source[1]}
            if c.enum_names is not None and len(c.enum_names) == len(c.enum) and target.get("type") == "integer":
                # the member names the docs give (openapi-python-client and openapi-generator read them)
                target["x-enum-varnames"] = list(c.enum_names)
            if c.enum_inferred:
                out["x-enum-inferred"] = True
        elif c.values_mentioned and "$ref" not in target:
            target["x-otc-values-mentioned"] = list(c.values_mentioned)
        scalar = out
        # lengths and patterns of an array of strings are those of its items ("each tag: up to 36 characters")
        text = target if target.get("type") == "string" else scalar
        if c.min_length is not None and text.get("type") == "string":
            text["minLength"] = c.min_length
        if c.max_length is not None and text.get("type") == "string":
            text["maxLength"] = c.max_length
        if c.pattern is not None and text.get("type") == "string" and "format" not in text:
            text["pattern"] = c.pattern
        if scalar.get("type") in ("integer", "number"):
            if c.minimum is not None:
                scalar["minimum"] = c.minimum
            if c.maximum is not None:
                scalar["maximum"] = c.maximum
            if c.exclusive_minimum is not None and c.minimum is None:
                scalar["exclusiveMinimum"] = c.exclusive_minimum
            if c.exclusive_maximum is not None and c.maximum is None:
                scalar["exclusiveMaximum"] = c.exclusive_maximum
            if c.multiple_of is not None:
                scalar["multipleOf"] = c.multiple_of
        if scalar.get("type") == "array":
            if c.min_items is not None:
                scalar["minItems"] = c.min_items
            if c.max_items is not None:
                scalar["maxItems"] = c.max_items
        if c.has_default and "$ref" not in out and out.get("type") in ("string", "integer", "number", "boolean"):
            problem = default_problem(c.default, out)
            if problem is None:
                out["default"] = c.default
            elif (f.source, f.name) not in self._defaults_dropped:  # a field may be rendered twice (aliases)
                self._defaults_dropped.add((f.source, f.name))
                self.diagnostics.append(Diagnostic(f.source, "default.out_of_range", Severity.WARNING,
                                                   f"'{f.name}': {problem}; default dropped"))
        return finish(out, f.source, ("description", f.description), ("deprecated", c.deprecated),
                       ("x-required-note", f.required_note))

    def object_schema(self, s: Schema) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "object"}
        if s.title:
            out["x-caption"] = s.title
        props: dict[str, Any] = {}
        required: list[str] = []
        values: list[dict[str, Any]] = []  # the schemas of rows that stand for any key (`Field.map_key`)
        for f in s.fields:
            if f.map_key:
                value = self.field_schema(f)
                if f.type.kind is Kind.MAP and isinstance(value.get("additionalProperties"), dict):
                    # `{User defined key}` typed `Map<String,X>`: the row is the map, its values are X
                    inner = value.pop("additionalProperties")
                    value.pop("type", None)
                    value = {**inner, **value}
                if f.constraints.nullable:
                    allow_null(value)
                values.append(value)
                continue
            if f.name in props:
                self.diagnostics.append(Diagnostic(f.source, "field.duplicate", Severity.WARNING,
                                                   f"'{f.name}' appears twice in '{s.name}'; the first row is kept"))
                continue
            props[f.name] = self.field_schema(f)
            if f.constraints.nullable and allow_null(props[f.name]):
                self.diagnostics.append(Diagnostic(f.source, "field.null_allowed", Severity.INFO,
                                                   f"'{f.name}' may be null: its description says so"))
            if f.required and f.constraints.required_conditional:
                self.diagnostics.append(Diagnostic(f.source, "field.required_conditional", Severity.INFO,
                                                   f"'{f.name}': Mandatory says yes, its description says only in a "
                                                   "case: not required"))
            elif f.required:
                required.append(f.name)
        out["properties"] = props
        if required:
            out["required"] = required
        if s.required_unstated:
            # no Mandatory column: a reader (the diff) must not take the missing `required` for "all optional"
            out[REQUIRED_UNSTATED] = True
        if values:
            out["additionalProperties"] = values[0] if len(values) == 1 else {"anyOf": values}
        out["x-source"] = provenance(s.source)
        return out

    def bare_schema(self, f: Field) -> tuple[dict[str, Any], str | None]:
        """The field's schema for a parameter or header object, which carries description and x-source itself."""
        schema = self.field_schema(f)
        description = schema.pop("description", None)
        schema.pop("x-source", None)
        return schema, description


def finish(out: dict[str, Any], source: Source, *extras: tuple[str, Any]) -> dict[str, Any]:
    """Each extra that is set, in order, then the `x-source` every node made from the docs carries."""
    for key, value in extras:
        if value:
            out[key] = value
    out["x-source"] = provenance(source)
    return out


def allow_null(prop: dict[str, Any]) -> bool:
    t = prop.get("type")
    if isinstance(t, str):
        prop["type"] = [t, "null"]
        if "enum" in prop:
            prop["enum"] = [*prop["enum"], None]
        return True
    if "$ref" in prop:
        ref = prop.pop("$ref")
        prop["anyOf"] = [{"$ref": ref}, {"type": "null"}]
        return True
    return False
