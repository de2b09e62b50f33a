"""A placeholder used twice in one path is declared once per occurrence."""

from __future__ import annotations

import copy
from typing import Any

from generator.core.model import Diagnostic, Severity, Source
from generator.core.spec import with_variants


def number_repeated_placeholders(spec: dict[str, Any]) -> list[Diagnostic]:
    """A placeholder the docs use twice in one path (`/v2.1/{project_id}/os-quota-sets/{project_id}`) is declared
    once per occurrence: `{project_id_2}`, marked `x-otc-same-as: project_id`.

    OpenAPI tools reject a repeated template name (Spectral `path-params`), and the second occurrence is a
    value of its own on the wire (Nova's `os-quota-sets/{tenant_id}`: the project whose quotas are read).
    """
    out: list[Diagnostic] = []
    paths: dict[str, Any] = spec.get("paths", {})
    renames: dict[str, str] = {}
    for path, item in paths.items():
        seen: dict[str, int] = {}
        parts = []
        for i, piece in enumerate(path.split("{")):
            if i == 0 or "}" not in piece:
                parts.append(piece)
                continue
            name, rest = piece.split("}", 1)
            seen[name] = seen.get(name, 0) + 1
            parts.append(name + "}" + rest if seen[name] == 1 else f"{name}_{seen[name]}}}{rest}")
        new_path = "{".join(parts)
        if new_path == path:
            continue
        renames[path] = new_path
        for node in with_variants(item.values()):  # a variant's own parameters name the same placeholders
            node["x-otc-docs-path"] = path  # as the page writes it (the report matches pages to operations by it)
            params = node.setdefault("parameters", [])
            for name, count in seen.items():
                decl = next((p for p in params if p.get("in") == "path" and p.get("name") == name), None)
                for n in range(2, count + 1):
                    extra = copy.deepcopy(decl) if decl else {"in": "path", "required": True,
                                                              "schema": {"type": "string"}}
                    extra["name"] = f"{name}_{n}"
                    extra["x-otc-same-as"] = name
                    params.append(extra)
                    if not any(node is op for op in item.values()):
                        continue  # one diagnostic per spec operation, not per page of it
                    src = node.get("x-source") or {}
                    out.append(Diagnostic(Source(str(src.get("file", "<spec>")), int(src.get("line", 0))),
                                          "path.repeated_placeholder", Severity.WARNING,
                                          f"{{{name}}} appears {count} times in {path}; occurrence {n} is declared "
                                          f"as {{{name}_{n}}}"))
    if renames:
        spec["paths"] = {renames.get(k, k): v for k, v in paths.items()}
    return out
