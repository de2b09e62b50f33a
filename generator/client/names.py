"""The names openapi-python-client gives models, endpoints and parameters, read from its own parser."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.client.common import CodegenError, ident, unsupported_media


@dataclass
class GeneratorNames:
    models: dict[str, tuple[str, str]]  # component name -> (module, class)
    endpoints: dict[tuple[str, str], tuple[str, str, dict[str, str]]]  # (METHOD, path) -> (tag, module, params)
    # (METHOD, path) -> how the generated function takes its request body (first body the generator kept)
    bodies: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)


def generator_names(view: dict[str, Any], package: str) -> GeneratorNames:
    from openapi_python_client.config import Config, ConfigFile, MetaType
    from openapi_python_client.parser import GeneratorData
    from openapi_python_client.strings import PythonIdentifier

    cfg = Config.from_sources(ConfigFile(package_name_override=package,
                                         content_type_overrides=unsupported_media(view)),
                              MetaType.NONE, Path("spec.json"), "utf-8", True, None)
    data = GeneratorData.from_dict(view, config=cfg)
    if not isinstance(data, GeneratorData):
        raise CodegenError(f"client generator cannot read the spec: {data.header} {data.detail or ''}")
    # what the generator would print as warnings (and then skip): fail now, with the reasons, rather than
    # after the slow rendering; `--fail-on-warning` stays as the backstop
    problems = [*data.errors, *(e for c in data.endpoint_collections_by_tag.values() for e in c.parse_errors)]
    if problems:
        raise CodegenError("the client generator would skip parts of the client view:\n" + "\n".join(
            f"- {e.header or ''} {e.detail or ''}".strip() for e in problems))
    prefix = "/components/schemas/"
    models = {m.name.get_untrusted_value().removeprefix(prefix): (ident(m.class_info.module_name),
                                                                  ident(m.class_info.name))
              for m in data.models if m.name.get_untrusted_value().startswith(prefix)}
    endpoints = {}
    bodies: dict[tuple[str, str], dict[str, Any]] = {}
    for tag, coll in data.endpoint_collections_by_tag.items():
        for e in coll.endpoints:
            params = {p.name.get_untrusted_value(): ident(p.python_name)
                      for p in (*e.path_parameters, *e.query_parameters, *e.header_parameters)}
            key = (e.method.upper(), e.path.get_untrusted_value())
            endpoints[key] = (ident(str(tag)), ident(str(PythonIdentifier(e.name, cfg.field_prefix))), params)
            if e.bodies:
                bodies[key] = _body_info(e.bodies[0])
    return GeneratorNames(models, endpoints, bodies)


def _body_info(body: Any) -> dict[str, Any]:
    from openapi_python_client.parser.properties import ModelProperty
    from openapi_python_client.parser.properties.file import FileProperty
    from openapi_python_client.parser.properties.list_property import ListProperty
    from openapi_python_client.parser.properties.union import UnionProperty

    prop = body.prop
    info: dict[str, Any] = {"content_type": body.content_type.get_untrusted_value(),
                            "body_type": str(body.body_type), "required": bool(prop.required)}
    if isinstance(prop, UnionProperty):
        # the generated function accepts any branch; the test sends the first model branch
        prop = next((p for p in prop.inner_properties if isinstance(p, ModelProperty)), prop)
    if isinstance(prop, ModelProperty):
        info.update(kind="model", module=ident(prop.class_info.module_name), cls=ident(prop.class_info.name))
    elif isinstance(prop, ListProperty) and isinstance(prop.inner_property, ModelProperty):
        inner = prop.inner_property
        info.update(kind="model_list", module=ident(inner.class_info.module_name), cls=ident(inner.class_info.name))
    elif isinstance(prop, FileProperty):
        info.update(kind="file")
    else:
        info.update(kind="value")  # plain JSON value (string, number, list of scalars, any)
    return info
