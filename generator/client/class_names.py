"""The class names openapi-python-client will derive, made unique before it runs."""

from __future__ import annotations

from typing import Any

from generator.client.common import MAX_NAME, operations, source
from generator.core.model import Diagnostic, Severity


class _ClassNames:
    """The class names the generator will derive, in its order (components first, then endpoints).

    A second model, or a second enum with other values, under a taken class (or module) name makes the
    generator drop a model or an endpoint: such schemas get a `title` (the generator's own way to name
    a class) that is unique.
    """

    def __init__(self, notes: list[Diagnostic]) -> None:
        from openapi_python_client.strings import ClassName, pascal_case, snake_case

        self._class_name, self._pascal, self._snake = ClassName, pascal_case, snake_case
        # module name -> enum values (tuple) or None for a model; names the generated modules import are
        # taken from the start (a component `Mapping` shadows collections.abc.Mapping in every model)
        self.taken: dict[str, Any] = {self._snake(n): "imported" for n in _IMPORTED_NAMES}
        self.notes = notes

    def cls(self, name: str) -> str:
        return str(self._class_name(name, ""))

    def reserve(self, class_name: str, values: Any) -> bool:
        key = self._snake(class_name)
        if key in self.taken and (values is None or self.taken[key] != values):
            return False
        self.taken[key] = values
        return True

    def walk(self, node: Any, parent: str | None, name: str, where: str) -> None:
        if not isinstance(node, dict) or "$ref" in node:
            return
        subs = [*node.get("allOf", []), *node.get("anyOf", []), *node.get("oneOf", [])]
        if len(subs) == 1 and isinstance(subs[0], dict) and "$ref" in subs[0]:
            return
        if node.get("type") == "boolean":
            return
        if node.get("enum"):
            values = tuple(repr(v) for v in node["enum"])
            self._place(node, parent, name, where, values, enum=True)
            return
        if node.get("anyOf") or node.get("oneOf") or isinstance(node.get("type"), list):
            branches = [*node.get("anyOf", []), *node.get("oneOf", [])]
            for i, sub in enumerate(branches):
                self.walk(sub, parent, f"{name}_type_{i}", where)
            return
        if node.get("type") == "array":
            self.walk(node.get("items"), parent, f"{name}_item", where)
            return
        if node.get("type") == "object" or node.get("allOf") or ("type" not in node and node.get("properties")):
            cls = self._place(node, parent, name, where, None, enum=False)
            for pname, sub in (node.get("properties") or {}).items():
                self.walk(sub, cls, pname, f"{where}.{pname}")
            extra = node.get("additionalProperties")
            if isinstance(extra, dict):
                self.walk(extra, cls, "AdditionalProperty", f"{where}.*")

    def _place(self, node: dict[str, Any], parent: str | None, name: str, where: str, values: Any,
               enum: bool) -> str:
        def derive(title: str | None) -> str:
            # models and enums alike (use_path_prefixes_for_title_model_names is on): the parent's class
            # name, then the title or the property name
            base = title or name
            return self.cls(f"{self._pascal(parent)}{self._pascal(base)}" if parent else base)

        cls = derive(node.get("title"))
        if len(cls) <= MAX_NAME and cls and self.reserve(cls, values):
            return cls
        # a nested class always starts with its parent's name, so it may exceed the limit by a short tail
        limit = max(MAX_NAME, len(self._pascal(parent or "")) + 16)
        n, title, new = 2, "", ""
        while not new:
            candidates = [f"{cls[:MAX_NAME - 6]}{n}"] if not parent else [f"{name}_{n}", f"{name[:12]}_{n}"]
            for title in candidates:
                new = derive(title)
                if len(new) <= limit and self.reserve(new, values):
                    break
                new = ""
            n += 1
        node["title"] = title
        code = "client.long_name" if len(cls) > MAX_NAME else "client.class_renamed"
        self.notes.append(Diagnostic(source(node), code, Severity.INFO,
                                     f"{where}: the generator would name this {cls!r}, which is taken or too long; "
                                     f"the client calls it {new}"))
        return new


# names imported by the generator's model and endpoint templates (0.29.1), checked by mypy --strict
_IMPORTED_NAMES = ("Any", "AuthenticatedClient", "BinaryIO", "BytesIO", "Client", "File", "FileTypes", "Generator",
                   "HTTPStatus", "IntEnum", "Literal", "Mapping", "Response", "StrEnum", "T", "TextIO", "TypeVar",
                   "Unset")


def fix_class_names(view: dict[str, Any], notes: list[Diagnostic]) -> None:
    names = _ClassNames(notes)
    components = view.get("components", {}).get("schemas", {})
    # the generator registers every component's class before it looks inside any of them
    tops: dict[str, str] = {}
    for name, schema in components.items():
        if isinstance(schema, dict) and "$ref" not in schema and (
                schema.get("enum") or schema.get("type") == "object" or schema.get("allOf")
                or ("type" not in schema and schema.get("properties"))):
            values = tuple(repr(v) for v in schema["enum"]) if schema.get("enum") else None
            tops[name] = names._place(schema, None, name, name, values, enum=bool(schema.get("enum")))
    for name, schema in components.items():
        if name in tops and not schema.get("enum"):
            for pname, sub in (schema.get("properties") or {}).items():
                names.walk(sub, tops[name], pname, f"{name}.{pname}")
            extra = schema.get("additionalProperties")
            if isinstance(extra, dict):
                names.walk(extra, tops[name], "AdditionalProperty", f"{name}.*")
        elif name not in tops:
            names.walk(schema, None, name, name)
    for _, _, op in operations(view):
        op_id = str(op.get("operationId", ""))
        for p in op.get("parameters", []):
            names.walk(p.get("schema"), op_id, str(p.get("name", "")), f"{op_id}.{p.get('name')}")
        for m in op.get("requestBody", {}).get("content", {}).values():
            names.walk(m.get("schema"), op_id, "body", f"{op_id}.body")
        for status, resp in op.get("responses", {}).items():
            for m in (resp.get("content") or {}).values():
                names.walk(m.get("schema"), op_id, f"response_{status}", f"{op_id}.response_{status}")
