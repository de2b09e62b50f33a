"""Deterministic serialisation: the same document always gives the same bytes."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml


class _PyDumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:  # shared sub-objects are written out, never as &anchors
        return True


# libyaml's emitter writes the same bytes as PyYAML's pure-Python one for our documents (tests/core/test_emit.py
# holds the two side by side) at a fraction of the time; the Python emitter stays where libyaml is missing.
# A caller may bring a faster representer in front of libyaml (`dump_yaml`'s `libyaml_dumper`).
if yaml.__with_libyaml__:
    class _CDumper(yaml.CSafeDumper):
        def ignore_aliases(self, data: Any) -> bool:
            return True

    _Dumper: type[Any] = _CDumper
else:  # pragma: no cover - PyYAML built without libyaml
    _Dumper = _PyDumper


# Plain scalars a YAML 1.2 (core schema) reader takes for numbers, booleans or null although PyYAML (YAML 1.1)
# writes them unquoted: `0086` (an area code) would reach Prism, Spectral and Redocly as the integer 86.
_YAML12_NON_STRING = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
                                r"|[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|true|True|TRUE|false|False|FALSE|null|Null|NULL|~")


def str_style(data: str) -> str | None:
    style = "|" if "\n" in data and not any(ch in data for ch in "\r\t") and data == data.strip(" ") else None
    if style is None and _YAML12_NON_STRING.fullmatch(data):
        style = "'"
    return style


def str_presenter(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=str_style(data))


for _cls in (_PyDumper, _Dumper):
    _cls.add_representer(str, str_presenter)

# The dumper behind libyaml's emitter `dump_yaml` uses by default (None: PyYAML built without libyaml).
LIBYAML_DUMPER: type[Any] | None = _Dumper if yaml.__with_libyaml__ else None


# Where libyaml's emitter writes other bytes than PyYAML's (every character up to U+FFFF and samples beyond
# tried one by one, then every corpus spec): NEL and characters beyond the BMP (libyaml escapes them, PyYAML
# writes them as they are), lone surrogates (libyaml raises), and double-quoted scalars, which the two fold
# at different places when they are long (PyYAML also breaks after an escape, libyaml only at spaces).
# PyYAML double-quotes a scalar holding a character it must escape (a control character such as \r or \t,
# C1 controls, BOM, non-characters), a space before a line break, a space after one unless the scalar is
# written as a block (`_str_presenter`: not when it starts or ends with a space), or (a key) any line break;
# and it writes an empty key as a complex key (`? ''`), libyaml as `'':`. A document holding any of these is
# written by PyYAML's emitter.
_LIBYAML_DIFFERS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff"
                              "\u2028\u2029\U00010000-\U0010ffff]| \n")


def _libyaml_differs(doc: Any) -> bool:
    """`_libyaml_differs_walk`'s verdict, from the joined text of all strings rather than string by string."""
    texts: list[str] = []
    keys: list[Any] = []
    todo = [doc]
    while todo:
        node = todo.pop()
        t = type(node)
        if t is str:
            texts.append(node)
        elif t is dict:
            keys.extend(node)
            todo.extend(node.values())
        elif t is list:
            todo.extend(node)
        elif isinstance(node, str):
            texts.append(node)
        elif isinstance(node, dict):
            keys.extend(node)
            todo.extend(node.values())
        elif isinstance(node, (list, tuple)):
            todo.extend(node)
    if "" in keys:
        return True
    # each distinct string once (a spec repeats most of its strings); "|" is none of the characters looked
    # for, nor a space or a line break, so no match spans two strings
    try:
        key_text = "|".join(set(keys))
    except TypeError:  # keys that are no strings: numbers, or tuples whose strings are checked as values
        if _libyaml_differs([k for k in keys if not isinstance(k, str)]):
            return True
        key_text = "|".join({k for k in keys if isinstance(k, str)})
    distinct = set(texts)
    text = "|".join(distinct)
    if "\n" in key_text or _LIBYAML_DIFFERS.search(text) or _LIBYAML_DIFFERS.search(key_text):
        return True
    return "\n " in text and any("\n " in s and s != s.strip(" ") for s in distinct)


def _libyaml_differs_walk(doc: Any) -> bool:
    """The rule above string by string: the reference `_libyaml_differs` is held to (tests/speed/test_emit_fast.py)."""
    todo = [doc]
    while todo:
        node = todo.pop()
        if isinstance(node, str):
            if _LIBYAML_DIFFERS.search(node) or "\n " in node and node != node.strip(" "):
                return True
        elif isinstance(node, dict):
            if any(isinstance(k, str) and ("\n" in k or not k) for k in node):
                return True
            todo.extend(node)
            todo.extend(node.values())
        elif isinstance(node, (list, tuple)):
            todo.extend(node)
    return False


def dump_yaml(doc: Any, *, pure_python: bool = False, libyaml_dumper: type[Any] | None = None) -> str:
    """`pure_python`: PyYAML's own emitter even where libyaml is available (the reference the tests compare).
    `libyaml_dumper`: a subclass of `LIBYAML_DUMPER` giving the same nodes, used where libyaml's emitter is (the
    speed layer's `generator.speed.patches.yaml_fast.FastDumper`: the same bytes, sooner)."""
    dumper = _PyDumper if pure_python or _libyaml_differs(doc) else libyaml_dumper or _Dumper
    return yaml.dump(doc, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)


def dump_json(doc: Any) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def write_text_atomic(path: Path, text: str) -> None:
    """Write beside the target, then rename over it: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
