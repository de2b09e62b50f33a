"""A description cell (docutils nodes) as compact Markdown and as plain text: what the readers of
`generator.docs.prose` match their patterns on, and what the spec's `description`s carry."""

from __future__ import annotations

from docutils import nodes


def to_markdown(node: nodes.Node) -> str:
    """A cell (or any body node) as compact CommonMark: paragraphs, bullets, bold, code."""
    parts = [_block(child) for child in node.children]
    return "\n\n".join(p for p in parts if p).strip()


def _block(node: nodes.Node) -> str:
    if isinstance(node, nodes.paragraph):
        return inline_markdown(node)
    if isinstance(node, (nodes.bullet_list, nodes.enumerated_list)):
        items = []
        for i, item in enumerate(node.children, 1):
            marker = "-" if isinstance(node, nodes.bullet_list) else f"{i}."
            body = "\n".join(_block(c) for c in item.children).replace("\n", "\n  ")
            items.append(f"{marker} {body}")
        return "\n".join(items)
    if isinstance(node, nodes.literal_block):
        return "```\n" + node.astext() + "\n```"
    if isinstance(node, nodes.Element) and (
        isinstance(node, nodes.Admonition) or node.tagname in ("note", "warning", "important", "caution", "tip")
    ):
        inner = " ".join(_block(c) for c in node.children if not isinstance(c, nodes.title))
        return f"> **{node.tagname.capitalize()}**: {inner}"
    if isinstance(node, nodes.Element):
        return "\n\n".join(p for p in (_block(c) for c in node.children) if p)
    return node.astext()


def inline_markdown(node: nodes.Node) -> str:
    out = []
    for child in node.children:
        if isinstance(child, nodes.strong):
            out.append(f"**{child.astext()}**")
        elif isinstance(child, nodes.emphasis):
            out.append(f"*{child.astext()}*")
        elif isinstance(child, nodes.literal):
            out.append(f"`{child.astext()}`")
        else:
            out.append(child.astext())
    return " ".join("".join(out).split())


def plain_text(node: nodes.Node) -> str:
    return " ".join(node.astext().split())
