"""What the rendered document needs before it is checked, so that consumers (portals, linters, mock servers) take
it as it is; one job per module:

- `info`: `info.license` and `info.contact` from the service configuration.
- `tags`: tag descriptions from the intro text of the docs section.
- `unreferenced`: components no operation reaches leave the spec, each with a diagnostic.
- `error_bodies`: error responses the docs list without a body get the shared `OTCError` body.
- `linked_statuses`: 4xx responses from the status-code table a page links to instead of listing codes itself.
- `placeholders`: a placeholder used twice in one path is declared once per occurrence.
- `wide_integers`: an integer whose documented example exceeds int32 becomes int64.
- `invalid_examples`: a documented example that contradicts its own schema moves to `x-otc-invalid-examples`.

`generator.build.render.openapi` runs them on the finished document, except `tags` and `linked_statuses`, which
`generator.build.pipeline` runs (it has the pages).
"""
