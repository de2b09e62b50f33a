"""Pages of `:ref:`-linked nested tables, as deep or as wide as asked (tests and `benchmarks/bench_depth.py`)."""

from __future__ import annotations

from tests.rst_snippets import page, table

HEAD = ["Parameter", "Mandatory", "Type", "Description"]


def chain_page(depth: int) -> str:
    """A request body whose field `n0` is table T1, whose `n1` is T2, ... down to `depth` tables."""
    body = "Request Parameters\n------------------\n\n"
    body += table("Request body parameters", [HEAD, ["n0", "Yes", ":ref:`T1 <t1>`", "Level 0."]])
    for i in range(1, depth + 1):
        rows = [HEAD, ["id", "No", "String", "An id."]]
        if i < depth:
            rows.append([f"n{i}", "No", f":ref:`T{i + 1} <t{i + 1}>`", f"Level {i}."])
        body += table(f"T{i}", rows, label=f"t{i}")
    return page("Deep Thing", "POST /v1/things", body)


def diamond_page(levels: int) -> str:
    """Each level's table has two fields that both point at the next level: 2**levels paths, `levels` tables."""
    body = "Request Parameters\n------------------\n\n"
    body += table("Request body parameters", [HEAD, ["root", "Yes", ":ref:`D1 <d1>`", "Root."]])
    for i in range(1, levels + 1):
        rows = [HEAD, ["id", "No", "String", "An id."]]
        if i < levels:
            rows.append(["left", "No", f":ref:`D{i + 1} <d{i + 1}>`", "Left."])
            rows.append(["right", "No", f":ref:`D{i + 1} <d{i + 1}>`", "Right."])
        body += table(f"D{i}", rows, label=f"d{i}")
    return page("Diamond Thing", "POST /v1/diamonds", body)
