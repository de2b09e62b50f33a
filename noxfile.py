"""Developer and CI sessions. `nox -s tests` is what CI runs (see .ci/run); `nox -s generate` rebuilds
specs/ and generated/ from the configured docs.
"""

from __future__ import annotations

import os
from pathlib import Path

import nox

ROOT = Path(__file__).parent
nox.options.sessions = ["lint", "typecheck", "tests"]
nox.options.reuse_existing_virtualenvs = True
# messages and speed of openapi-spec-validator depend on the backend: pin it
ENV = {"OPENAPI_SPEC_VALIDATOR_SCHEMA_VALIDATOR_BACKEND": "jsonschema-rs", "PYTHONHASHSEED": "0"}


def generated_clients() -> list[Path]:
    return sorted(p for p in (ROOT / "generated").iterdir() if (p / "pyproject.toml").exists())


@nox.session
def generate(session: nox.Session) -> None:
    """Rebuild every configured service: specs/<name>.openapi.yaml and generated/<name>/."""
    session.install("-e", ".")
    session.run("python", "-m", "generator", "generate", *session.posargs, env=ENV)


@nox.session
def tests(session: nox.Session) -> None:
    """All tests: the pipeline's own, then each generated client's conformance tests."""
    session.install("-e", ".[test]")
    session.run("python", "-m", "pytest", "-q", "-n", "2", "--dist", "loadgroup", "tests", *session.posargs, env=ENV)
    for client in generated_clients():
        session.run("python", "-m", "pytest", "-q", "-p", "no:cacheprovider", str(client / "tests"),
                    env={**ENV, "PYTHONPATH": str(client)})


@nox.session
def lint(session: nox.Session) -> None:
    """ruff over the pipeline and its tests (generated code is formatted by the generator's own hooks)."""
    session.install("ruff==0.17.6")
    session.run("ruff", "check", "generator", "tests", "noxfile.py")


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict on generator/ and on every generated client package."""
    session.install("-e", ".[test]")
    session.run("mypy", "generator")
    for client in generated_clients():
        packages = [p.name for p in client.iterdir() if (p / "__init__.py").exists() and p.name != "tests"]
        with session.chdir(client):
            session.run("mypy", "--strict", "--cache-dir", os.fspath(ROOT / ".mypy_cache" / client.name), *packages,
                        env={"MYPYPATH": os.fspath(client)})


@nox.session
def wheels(session: nox.Session) -> None:
    """sdist + wheel of every generated client into dist/, `twine check --strict`, metadata completeness."""
    session.install("-e", ".", "build==1.6.1", "twine==7.0.0")
    session.run("python", "-m", "generator.release.publish", "wheels", "--outdir", str(ROOT / "dist"),
                *session.posargs)


@nox.session
def publish(session: nox.Session) -> None:
    """Upload dist/ to the index at posargs[0] or $OTC_APIGEN_REPOSITORY_URL.

    Credentials only from TWINE_USERNAME / TWINE_PASSWORD in the environment. Run `nox -s wheels` first.
    """
    session.install("-e", ".", "twine==7.0.0")
    url = session.posargs[0] if session.posargs else os.environ.get("OTC_APIGEN_REPOSITORY_URL", "")
    if not url:
        session.error("give the upload URL: nox -s publish -- URL, or set OTC_APIGEN_REPOSITORY_URL")
    session.run("python", "-m", "generator.release.publish", "upload", str(ROOT / "dist"), "--repository-url", url)


@nox.session
def agreement(session: nox.Session) -> None:
    """Our payload verdicts against openapi-core 0.23.1 (the test builds openapi-core's own venv)."""
    session.install("-e", ".[test]")
    session.run("python", "-m", "pytest", "-q", "tests/validate/test_agreement.py", *session.posargs, env=ENV)


@nox.session
def bench(session: nox.Session) -> None:
    """Validation speed: jsonschema-rs vs plain jsonschema, bodies and a 10,000-entry HAR; build cost by depth of
    nested tables (prints only)."""
    session.install("-e", ".")
    session.run("python", "benchmarks/bench_validate.py", *session.posargs, env=ENV)
    session.run("python", "benchmarks/bench_depth.py", env=ENV)


@nox.session(name="bench-regen")
def bench_regen(session: nox.Session) -> None:
    """Regeneration speed: docutils floor, cold/warm/one-page-change/--jobs 1, whole corpus (prints only)."""
    session.install("-e", ".")
    session.run("python", "benchmarks/bench_regen.py", *session.posargs, env=ENV)


@nox.session
def regenerate(session: nox.Session) -> None:
    """Docs update -> new spec, diff, version bump, changelog entry (the scheduled job of a docs repository).

    Usage: nox -s regenerate -- DOCS_DIR LAST_SPEC [--service NAME] [--changelog PATH] [--spec-out PATH]
           [--report PATH] [--docs-commit SHA --docs-date YYYY-MM-DD] [--fail-on error|warning|info]
           [--client-dir DIR | --no-client]

    e.g.   nox -s regenerate -- ../modelarts/api-ref/source specs/modelarts.openapi.yaml \\
               --service modelarts --report diff.md --fail-on error

    Builds DOCS_DIR, diffs it against LAST_SPEC (the last released spec; missing = first release),
    overwrites LAST_SPEC (or --spec-out), bumps the version from generated/<service>/CHANGELOG.md and
    adds an entry dated with the docs commit (from git in DOCS_DIR unless given), then regenerates the
    client (generated/<service>/ or --client-dir) with the new version. Exit 0 written or nothing
    changed, 1 written with changes at/above --fail-on (ask for review), 2 bad input.
    """
    if len(session.posargs) < 2:
        session.error("usage: nox -s regenerate -- DOCS_DIR LAST_SPEC [options]; see the session docstring")
    session.install("-e", ".")
    session.run("python", "-m", "generator.release.regenerate", *session.posargs, env=ENV)



@nox.session
def ecosystem(session: nox.Session) -> None:
    """Our specs against third-party tools: Spectral and Redocly lint, Prism mocks, the clients call it.

    Not part of CI's `tests` (it builds every corpus tree and a client for each: minutes). Installs the
    pinned npm tools into tools/ecosystem/node_modules (`npm ci`: package-lock.json), then for the
    committed specs and every tree of ../shared/corpus: lints the spec, starts `prism mock --errors` on
    127.0.0.1 and calls every operation of the service's client with the documented example (or a
    minimal valid instance). Usage: nox -s ecosystem [-- TREE ... | seed] [--out DIR] [--no-prism]
    """
    session.install("-e", ".[test]")
    session.run("npm", "ci", "--prefix", str(ROOT / "tools" / "ecosystem"), "--no-audit", "--no-fund",
                external=True)
    session.run("python", "-m", "generator.devtools.ecosystem", *session.posargs, env=ENV)
