"""Deterministic serialisation: the same document always gives the same bytes."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:  # shared sub-objects are written out, never as &anchors
        return True


# Plain scalars a YAML 1.2 (core schema) reader takes for numbers, booleans or null although PyYAML (YAML 1.1)
# writes them unquoted: `0086` (an area code) would reach Prism, Spectral and Redocly as the integer 86.
_YAML12_NON_STRING = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
                                r"|[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|true|True|TRUE|false|False|FALSE|null|Null|NULL|~")


def _str_presenter(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    style = "|" if "\n" in data and not any(ch in data for ch in "\r\t") and data == data.strip(" ") else None
    if style is None and _YAML12_NON_STRING.fullmatch(data):
        style = "'"
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _str_presenter)


def dump_yaml(doc: Any) -> str:
    return yaml.dump(doc, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)


def dump_json(doc: Any) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def write_text_atomic(path: Path, text: str) -> None:
    """Write beside the target, then rename over it: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
