"""Stage 1: RST text -> docutils doctree.

The OTC docs are Sphinx sources, so the Sphinx roles and directives they use are registered here
as plain docutils ones: they become nodes (references carrying their target label, literal blocks)
instead of system messages. docutils' own system messages are kept as diagnostics, never printed.
"""

from __future__ import annotations

import copy
import functools
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, cast

import docutils.io
from docutils import nodes, utils
from docutils.core import Publisher, publish_doctree
from docutils.frontend import Values
from docutils.parsers.rst import Directive, directives, roles
from docutils.parsers.rst import Parser as RstParser
from docutils.readers.standalone import Reader as StandaloneReader
from docutils.writers.null import Writer as NullWriter

from generator.core.model import Diagnostic, Severity, Source


class otc_ref(nodes.reference):  # noqa: N801 - docutils node classes are lower-case
    """A `:ref:` / `:doc:` cross reference; `target` is the normalised label."""


def _role(make: Callable[[str, str, str, int], nodes.Node]) -> Callable[..., Any]:
    """A docutils role function (name, rawtext, text, lineno, inliner, options, content) around `make`."""

    def role(name: str, rawtext: str, text: str, lineno: int, inliner: Any, options: dict[str, Any] | None = None,
             content: list[str] | None = None) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        return [make(name, rawtext, text, lineno)], []

    return role


def _xref(name: str, rawtext: str, text: str, lineno: int) -> nodes.Node:
    title, target = _split_xref(nodes.unescape(text))
    node = otc_ref(rawtext, title, target=nodes.fully_normalize_name(target), role=name)
    node.line = lineno
    return node


def _split_xref(text: str) -> tuple[str, str]:
    # `Title <label>` or bare `label`
    text = text.strip()
    if text.endswith(">") and "<" in text:
        title, _, target = text[:-1].rpartition("<")
        return title.strip() or target.strip(), target.strip()
    return text, text


def _text(name: str, rawtext: str, text: str, lineno: int) -> nodes.Node:
    return nodes.literal(rawtext, nodes.unescape(text))


class CodeBlock(Directive):
    """`.. code-block:: [lang]` kept as a literal block with its language and exact text."""

    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = {
        "linenos": directives.flag,
        "emphasize-lines": directives.unchanged,
        "caption": directives.unchanged,
        "name": directives.unchanged,
        "dedent": directives.unchanged,
        "language": directives.unchanged,
    }
    has_content = True

    def run(self) -> list[nodes.Node]:
        text = "\n".join(self.content)
        node = nodes.literal_block(text, text)
        node["language"] = (self.arguments[0] if self.arguments else "").strip().lower()
        node.source, node.line = self.state_machine.get_source_and_line(self.lineno)
        # the first content line, which is where a reader looks for the example
        node.line = self.content_offset + 1
        return [node]


class Toctree(Directive):
    has_content = True
    optional_arguments = 0
    option_spec: ClassVar[dict[str, Any]] = {
        "maxdepth": directives.unchanged,
        "hidden": directives.flag,
        "caption": directives.unchanged,
        "titlesonly": directives.flag,
        "glob": directives.flag,
        "numbered": directives.unchanged,
        "name": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        node = nodes.comment("toctree", "toctree")
        node["entries"] = [line.strip() for line in self.content if line.strip()]
        return [node]


_registered = False


def _register() -> None:
    global _registered
    if _registered:
        return
    for name in ("ref", "doc", "numref"):
        roles.register_local_role(name, cast(Any, _role(_xref)))
    for name in ("term", "abbr", "guilabel", "menuselection", "kbd", "file", "samp", "command", "option",
                 "envvar", "program", "code", "dfn", "mailheader", "mimetype", "regexp", "keyword"):
        roles.register_local_role(name, cast(Any, _role(_text)))
    for name in ("code-block", "sourcecode", "code"):
        directives.register_directive(name, CodeBlock)
    directives.register_directive("toctree", Toctree)
    _registered = True


@dataclass
class ReadPage:
    file: str  # relative to the docs root
    doctree: nodes.document
    diagnostics: list[Diagnostic] = field(default_factory=list)


_SETTINGS = {
    "report_level": 2,  # warnings and up are attached to the tree, then turned into diagnostics
    "halt_level": 5,
    "warning_stream": io.StringIO(),  # never print; we report instead
    "file_insertion_enabled": False,
    "raw_enabled": False,
    "syntax_highlight": "none",
    "input_encoding": "utf-8",
}


@functools.cache
def _settings_template() -> Values:
    """The settings `publish_doctree(settings_overrides=_SETTINGS)` computes on each call, computed once.

    Building them means an OptionParser over every component's settings spec and the config files:
    a few milliseconds a page. The same components as `publish_doctree`'s (standalone reader, rst
    parser, null writer) give the same values.
    """
    parser = RstParser()
    publisher = Publisher(StandaloneReader(parser), parser, NullWriter(), source_class=docutils.io.StringInput,
                          destination_class=docutils.io.NullOutput)
    publisher.process_programmatic_settings(None, dict(_SETTINGS), None)
    return cast(Values, publisher.settings)  # the stubs say dict; docutils gives its Values


def parse(text: str, file: str) -> nodes.document:
    """docutils' doctree of the page, system messages included: the same tree as
    `publish_doctree(text, source_path=file, settings_overrides=_SETTINGS)` (`tests/speed/test_docutils_fast.py`)."""
    _register()
    # a copy per page: docutils writes the page's source path into its settings
    settings = copy.copy(_settings_template())
    settings.warning_stream = io.StringIO()
    settings.record_dependencies = utils.DependencyList()
    return publish_doctree(text, source_path=file, settings=settings)


def read_text(text: str, file: str) -> ReadPage:
    doctree = parse(text, file)
    diagnostics = []
    for msg in list(doctree.findall(nodes.system_message)):
        level = int(msg.get("level", 2))
        line = msg.get("line") or 0
        text_ = msg.children[0].astext() if msg.children else msg.astext()
        code = "rst.error" if level >= 3 else "rst.warning"
        if "table" in text_.lower():
            code = "table.malformed"
        diagnostics.append(
            Diagnostic(Source(file, int(line)), code, Severity.ERROR if level >= 3 else Severity.WARNING,
                       text_.replace("\n", " ")[:300])
        )
        msg.parent.remove(msg)
    return ReadPage(file, doctree, diagnostics)


class OutsideRoot(ValueError):
    """A docs file (a symlink, or through a symlinked folder) that resolves outside the docs root."""


def outside_root(path: Path, root: Path) -> str | None:
    """Why `path` must not be read as part of the tree under `root`, or None when it may."""
    real, real_root = path.resolve(), root.resolve()
    if real == real_root or real_root in real.parents:
        return None
    return f"resolves to {real}, outside the docs root {real_root}: not read"


def read_file(path: Path, root: Path) -> ReadPage:
    rel = path.relative_to(root).as_posix()
    # Checked here, where the bytes are read: a link out of the tree must never bring in a page
    # (or /etc/passwd) from elsewhere.
    why = outside_root(path, root)
    if why is not None:
        raise OutsideRoot(why)
    return read_data(path.read_bytes(), rel)


def read_data(data: bytes, rel: str) -> ReadPage:
    """A page from its bytes, as read from the file `rel` (relative to the docs root)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # the page is still read (each bad byte becomes U+FFFD), but never silently
        line = data.count(b"\n", 0, exc.start) + 1
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
        page = read_text(text, rel)
        page.diagnostics.insert(0, Diagnostic(Source(rel, line), "read.invalid_utf8", Severity.ERROR,
                                              f"{bad} byte sequence(s) are not UTF-8 (first at byte {exc.start});"
                                              " read as U+FFFD"))
        return page
    return read_text(text, rel)
