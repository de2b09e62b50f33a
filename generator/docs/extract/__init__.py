"""Stage 2: doctree -> intermediate model (`Page`).

Sections are recognised by title, tables by their header row, caption and the section they sit
in, never by position. Cells are read as docutils nodes: `:ref:`s are tokens for the type grammar,
descriptions go through `prose`. References to nested tables are left as labels or names here and
linked across the whole tree by `link`.

- `page`: one page, step by step (the entry point `extract`);
- `sections`: section roles by title, the `METHOD /path` line(s), operationId and tag;
- `tables`: columns, table roles, rows as fields, caption names;
- `parameters`: path/query/header parameters and the request body;
- `responses`: status codes, response bodies and headers;
- `examples`: request and response examples;
- `context`: the page under extraction, its diagnostics, and doctree helpers (`outside_tables`).
"""

from generator.docs.extract.page import extract

__all__ = ["extract"]
