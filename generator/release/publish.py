"""Build, check and upload the generated clients (`generated/*/`).

    python -m generator.release.publish wheels [--outdir dist] [PROJECT...]
    python -m generator.release.publish upload --repository-url URL [DIST_DIR]

Credentials come only from the environment (TWINE_USERNAME / TWINE_PASSWORD, or a token as
TWINE_PASSWORD with TWINE_USERNAME=__token__); they are never read from files in the repository,
never passed on a command line (visible in `ps`) and scrubbed from anything printed.
"""

from __future__ import annotations

import argparse
import base64
import os
import re
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Mapping, Sequence
from email.parser import HeaderParser
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
GENERATED = REPO_ROOT / "generated"
REPOSITORY_URL_ENV = "OTC_APIGEN_REPOSITORY_URL"
_SPECIFIER = re.compile(r"(===|==|!=|~=|<=|>=|<|>)\s*[0-9*]")


class PublishError(Exception):
    pass


def find_projects(root: Path = GENERATED) -> list[Path]:
    return sorted(p.parent for p in root.glob("*/pyproject.toml"))


def build_dists(project: Path, outdir: Path) -> list[Path]:
    """sdist + wheel of one project via `python -m build` (isolated build env)."""
    outdir.mkdir(parents=True, exist_ok=True)
    before = set(outdir.iterdir())
    proc = subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", str(outdir), str(project)],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise PublishError(f"building {project} failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}")
    made = sorted(set(outdir.iterdir()) - before)
    if not any(p.suffix == ".whl" for p in made) or not any(p.name.endswith(".tar.gz") for p in made):
        raise PublishError(f"building {project} produced {[p.name for p in made]}, not an sdist and a wheel")
    return made


def wheel_metadata(wheel: Path) -> Mapping[str, object]:
    with zipfile.ZipFile(wheel) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        msg = HeaderParser().parsestr(zf.read(name).decode("utf-8"))
    return {k: msg.get_all(k) or [] for k in set(msg.keys())}


def metadata_problems(wheel: Path) -> list[str]:
    """What an index page and a resolver need but the wheel lacks."""
    meta = wheel_metadata(wheel)

    def values(key: str) -> list[str]:
        found = meta.get(key, [])
        return [str(v) for v in found] if isinstance(found, list) else []

    problems = [f"no {key}" for key in ("Name", "Version", "Summary", "Requires-Python") if not values(key)]
    if not values("License-Expression") and not values("License"):
        problems.append("no License-Expression")
    if not values("Project-URL"):
        problems.append("no Project-URL")
    requires = [r for r in values("Requires-Dist") if "extra ==" not in r]
    if not requires:
        problems.append("no Requires-Dist")
    for req in values("Requires-Dist"):
        if not _SPECIFIER.search(req.split(";", 1)[0]):
            problems.append(f"dependency without a version range: {req}")
    return problems


def twine_check(dists: Sequence[Path]) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *map(str, dists)], capture_output=True, text=True
    )
    if proc.returncode != 0:
        raise PublishError(f"twine check failed:\n{proc.stdout}{proc.stderr}")


def build_all(projects: Sequence[Path], outdir: Path) -> list[Path]:
    dists: list[Path] = []
    for project in projects:
        made = build_dists(project, outdir)
        twine_check(made)
        for wheel in (p for p in made if p.suffix == ".whl"):
            problems = metadata_problems(wheel)
            if problems:
                raise PublishError(f"{wheel.name}: incomplete metadata: {'; '.join(problems)}")
        dists.extend(made)
    return dists


def _scrub(text: str, secrets: Sequence[str]) -> str:
    for s in secrets:
        if s:
            text = text.replace(s, "********")
    return text


def simple_index_url(repository_url: str) -> str:
    """PEP 503 index next to an upload URL: `.../legacy/` (warehouse) or the server root (pypiserver)."""
    base = repository_url.rstrip("/")
    if base.endswith("/legacy"):
        base = base[: -len("/legacy")]
    return base + "/simple/"


def already_published(dists: Sequence[Path], index_url: str, user: str, password: str) -> list[str]:
    """Files of `dists` the index already lists; [] when the index cannot be asked (best effort:
    indexes answer a duplicate upload with anything from 400 to 409, so ask before uploading)."""
    names = {p.name.split("-", 1)[0].replace("_", "-").lower() for p in dists}
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    found: list[str] = []
    for name in sorted(names):
        request = urllib.request.Request(index_url + name + "/", headers={"Authorization": f"Basic {token}"})
        try:
            with urllib.request.urlopen(request, timeout=30) as resp:
                page = resp.read().decode("utf-8", "replace")
        except (urllib.error.URLError, OSError, ValueError):
            continue
        found.extend(p.name for p in dists if f">{p.name}<" in page or f"/{p.name}#" in page or f'/{p.name}"' in page)
    return sorted(set(found))


def upload(dists: Sequence[Path], repository_url: str, env: Mapping[str, str] | None = None) -> str:
    """Upload with twine; returns twine's (scrubbed) output. Refuses to replace a published file."""
    source = os.environ if env is None else env
    missing = [k for k in ("TWINE_USERNAME", "TWINE_PASSWORD") if not source.get(k)]
    if missing:
        raise PublishError(f"set {' and '.join(missing)} in the environment (credentials are never read from files)")
    if not dists:
        raise PublishError("nothing to upload")
    password = source["TWINE_PASSWORD"]
    existing = already_published(dists, simple_index_url(repository_url), source["TWINE_USERNAME"], password)
    if existing:
        raise PublishError(
            f"already published on {repository_url}: {', '.join(existing)}. A released version cannot be "
            "replaced; bump the version (CHANGELOG.md) and rebuild."
        )
    with tempfile.TemporaryDirectory() as tmp:
        empty_rc = Path(tmp) / "pypirc"
        empty_rc.write_text("")
        child_env = {
            **source,
            "TWINE_NON_INTERACTIVE": "1",
            # No keyring lookups: the environment is the only credential source.
            "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
        }
        cmd = [
            sys.executable,
            "-m",
            "twine",
            "--no-color",
            "upload",
            "--non-interactive",
            "--disable-progress-bar",
            "--config-file",
            str(empty_rc),
            "--repository-url",
            repository_url,
            *map(str, dists),
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, env=child_env)
    out = _scrub(proc.stdout + proc.stderr, [password])
    if proc.returncode == 0:
        return out
    if re.search(r"\b409\b|already exists|File already exists|already been uploaded", out, re.IGNORECASE):
        names = ", ".join(p.name for p in dists)
        raise PublishError(
            f"already published on {repository_url}: {names}. A released version cannot be replaced; "
            "bump the version (CHANGELOG.md) and rebuild."
        )
    if re.search(r"\b(401|403)\b", out):
        raise PublishError(f"{repository_url} refused the credentials from TWINE_USERNAME/TWINE_PASSWORD:\n{out}")
    raise PublishError(f"upload to {repository_url} failed:\n{out}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generator.release.publish",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("wheels", help="sdist + wheel per generated client, twine check, metadata check")
    b.add_argument("projects", nargs="*", type=Path, help="default: every generated/*/ with a pyproject.toml")
    b.add_argument("--outdir", type=Path, default=REPO_ROOT / "dist")
    u = sub.add_parser("upload", help="upload built distributions")
    u.add_argument("dist_dir", nargs="?", type=Path, default=REPO_ROOT / "dist")
    u.add_argument(
        "--repository-url",
        default=os.environ.get(REPOSITORY_URL_ENV),
        help=f"index upload URL (default: ${REPOSITORY_URL_ENV})",
    )
    args = parser.parse_args(argv)
    try:
        if args.command == "wheels":
            projects = list(args.projects) or find_projects()
            if not projects:
                raise PublishError(f"no generated clients under {GENERATED}")
            for dist in build_all(projects, args.outdir):
                print(f"built and checked {dist}")
            return 0
        if not args.repository_url:
            raise PublishError(f"give --repository-url or set {REPOSITORY_URL_ENV}")
        dists = sorted(p for p in args.dist_dir.glob("*") if p.suffix == ".whl" or p.name.endswith(".tar.gz"))
        print(upload(dists, args.repository_url), end="")
        print(f"uploaded {len(dists)} files to {args.repository_url}")
        return 0
    except PublishError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
