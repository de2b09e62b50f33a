"""After the spec: what a new client version is and how it reaches an index.

- `semver`: the version a diff calls for (0.x: breaking bumps the minor).
- `changelog`: the client's CHANGELOG.md, and the version and changelog text a client is generated with.
- `regenerate`: the scheduled job of a docs repository (new spec, diff, version, changelog entry).
- `publish`: sdist + wheel per generated client, checks, upload.
"""
