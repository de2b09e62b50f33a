"""Tag descriptions from the intro text of the docs section (called by `generator.build.pipeline`, which has the
pages)."""

from __future__ import annotations

from typing import Any

from generator.core.model import Page


def _tag_of_folder(folder: str) -> str:
    """The tag `generator.docs.extract` gives the pages of `folder` (its last name, title-cased)."""
    name = folder.rsplit("/", 1)[-1]
    return " ".join(w.capitalize() for w in name.replace("-", "_").split("_") if w)


def describe_tags(spec: dict[str, Any], pages: list[Page]) -> None:
    """A tag's description is the intro text of its docs section (`<folder>/index.rst`), where there is one.

    Most sections have none (the index lists the pages, nothing more): their tags stay without a description
    rather than get an invented one. The text was taken when the index page was extracted (`Page.text`).
    """
    texts = {p.file: p.text for p in pages}
    folders: dict[str, set[str]] = {}
    for item in spec.get("paths", {}).values():
        for op in item.values():
            files = [op.get("x-source", {}).get("file", "")]
            files += [v.get("x-source", {}).get("file", "") for v in op.get("x-otc-variants") or []]
            for file in files:
                folder = str(file).rpartition("/")[0]
                if folder and _tag_of_folder(folder) in op.get("tags", []):
                    folders.setdefault(_tag_of_folder(folder), set()).add(folder)
    for tag in spec.get("tags", []):
        for folder in sorted(folders.get(tag["name"], ())):
            found = texts.get(f"{folder}/index.rst")
            if found is None:  # no such page, or one not parsed (refused, crashed)
                continue
            text, line = found.intro
            if text:
                tag["description"] = text
                tag["x-source"] = {"file": f"{folder}/index.rst", "line": line}
                break
