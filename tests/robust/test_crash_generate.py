"""`generate` killed with SIGKILL never loses a client: per service, spec, diagnostics and client are
all old or all new, and the next run finishes or undoes what was interrupted.

Kills happen at named points of the commit (`OTC_APIGEN_CRASH_AT`, see generator.core.atomic) and at a
timed moment while the openapi-python-client child runs. Runs use relative --specs-dir and
--generated-dir (which used to fail with "Unable to parse config").
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.core import atomic
from generator.core.config import REPO_ROOT

CONFIG = REPO_ROOT / "specs" / "services.toml"
SPEC, DIAG, CLIENT = "specs/modelarts.openapi.yaml", "specs/modelarts.diagnostics.json", "gen/modelarts"


def _generate(cwd: Path, crash_at: str | None = None, config: Path = CONFIG) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT), PYTHONHASHSEED="0")
    env.pop(atomic.CRASH_ENV, None)
    if crash_at:
        env[atomic.CRASH_ENV] = crash_at
    cmd = [sys.executable, "-m", "generator", "generate", "--config", str(config),
           "--specs-dir", "specs", "--generated-dir", "gen"]
    return subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One finished run, with relative output folders."""
    work = tmp_path_factory.mktemp("baseline")
    proc = _generate(work)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert (work / SPEC).is_file() and (work / CLIENT / "CHANGELOG.md").is_file(), out
    return work


def _old_state(baseline: Path, tmp_path: Path) -> Path:
    """A copy of the baseline whose spec, diagnostics and client are marked as the old ones."""
    work = tmp_path / "work"
    shutil.copytree(baseline, work, symlinks=True)
    (work / CLIENT / "OLD").write_text("old client\n")
    (work / SPEC).write_text((work / SPEC).read_text() + "# old\n")
    diag = json.loads((work / DIAG).read_text())
    (work / DIAG).write_text(json.dumps({**diag, "old": True}))
    return work


def _state(work: Path) -> tuple[bool, bool, bool]:
    return ((work / CLIENT / "OLD").exists(), (work / SPEC).read_text().endswith("# old\n"),
            "old" in json.loads((work / DIAG).read_text()))


def _leftovers(work: Path) -> list[str]:
    names = [p.name for p in (work / "gen").iterdir() if p.name.startswith(".") and p.name != atomic.LOCK_NAME]
    return sorted(names + [p.name for p in (work / "specs").iterdir() if p.name.startswith(".")])


@pytest.mark.parametrize(
    ("point", "expect_old"),
    [
        ("before_journal", True),
        ("after_journal", False),
        ("after_move_1", False),
        ("after_move_2", False),
        ("after_move_3", False),
        ("after_journal_removed", False),
    ],
)
def test_killed_at_each_commit_point_never_loses_a_client(baseline: Path, tmp_path: Path, point: str,
                                                          expect_old: bool) -> None:
    work = _old_state(baseline, tmp_path)
    changelog = (work / CLIENT / "CHANGELOG.md").read_text()
    proc = _generate(work, crash_at=point)
    proc.communicate(timeout=300)
    assert proc.returncode == -signal.SIGKILL
    # a killed run may leave leftovers, but a client always exists: old or new (old inside .old)
    assert (work / CLIENT).is_dir() or (work / "gen" / ".modelarts.old").is_dir()

    notes = atomic.recover(work / "gen", work / "specs", ["modelarts"])
    assert _state(work) == (expect_old,) * 3, notes
    assert _leftovers(work) == []
    # the version and changelog survived: nothing was reset to a first release
    assert (work / CLIENT / "CHANGELOG.md").read_text() == changelog


def test_next_run_recovers_then_builds(baseline: Path, tmp_path: Path) -> None:
    work = _old_state(baseline, tmp_path)
    proc = _generate(work, crash_at="after_move_1")  # the client swapped, the spec not yet
    proc.communicate(timeout=300)
    assert proc.returncode == -signal.SIGKILL
    assert _state(work) == (False, True, True)  # mid-commit: exactly what recovery must finish
    proc = _generate(work)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert "recovered: modelarts: completed the commit an interrupted run had started" in err
    assert _state(work) == (False, False, False) and _leftovers(work) == []
    for rel in (SPEC, DIAG, CLIENT + "/CHANGELOG.md", CLIENT + "/pyproject.toml"):
        assert (work / rel).read_bytes() == (baseline / rel).read_bytes(), rel


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG and /proc are Linux-only")
def test_killed_while_the_generator_child_runs(baseline: Path, tmp_path: Path) -> None:
    work = _old_state(baseline, tmp_path)
    proc = _generate(work)
    deadline = time.monotonic() + 120
    child: int | None = None
    while child is None and time.monotonic() < deadline and proc.poll() is None:
        child = next(iter(_children(proc.pid)), None)
        time.sleep(0.01)
    assert child is not None, "the openapi-python-client child was never seen"
    assert "openapi_python_client" in Path(f"/proc/{child}/cmdline").read_text()
    proc.kill()
    proc.communicate(timeout=60)
    deadline = time.monotonic() + 20
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(child), "the generator child outlived its parent"
    assert [p.name.startswith(".modelarts-") for p in (work / "gen").iterdir() if p.is_dir()].count(True) == 1
    atomic.recover(work / "gen", work / "specs", ["modelarts"])
    assert _state(work) == (True, True, True) and _leftovers(work) == []


def test_legacy_half_swap_is_restored(tmp_path: Path) -> None:
    """A kill between the two renames of the old, journal-less swap left only `.modelarts.old`."""
    gen, specs = tmp_path / "gen", tmp_path / "specs"
    (gen / ".modelarts.old").mkdir(parents=True)
    (gen / ".modelarts.old" / "CHANGELOG.md").write_text("## [0.3.0]\n")
    (gen / ".modelarts-abc123" / "project").mkdir(parents=True)
    specs.mkdir()
    (specs / ".modelarts.openapi.yaml.tmp").write_text("half")
    notes = atomic.recover(gen, specs, ["modelarts"])
    assert (gen / "modelarts" / "CHANGELOG.md").read_text() == "## [0.3.0]\n"
    assert sorted(p.name for p in gen.iterdir()) == ["modelarts"] and list(specs.iterdir()) == []
    assert notes == [
        "modelarts: restored the previous client from .modelarts.old",
        "modelarts: removed the temporary folder .modelarts-abc123",
        "modelarts: removed the unfinished .modelarts.openapi.yaml.tmp",
    ]


def test_concurrent_runs_are_serialised(tmp_path: Path) -> None:
    config = tmp_path / "services.toml"
    # a service whose docs are missing: the run is quick once it has the lock
    config.write_text('[[service]]\nname = "ghost"\ntitle = "Ghost"\ndocs = "missing"\nclient = "otc-ghost-client"\n'
                      'endpoint = "https://ghost.{region}.example.test"\n')
    with atomic.run_lock(tmp_path / "gen"):
        proc = _generate(tmp_path, config=config)
        assert proc.stderr is not None
        # the run says it waits (however long its start takes on a loaded machine), and keeps waiting
        first = proc.stderr.readline()
        assert first == f"waiting for another generate run ({tmp_path / 'gen' / atomic.LOCK_NAME})\n"
        time.sleep(1)
        assert proc.poll() is None
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 1
    assert "ghost: docs folder" in err


def test_replace_files_and_recovery_on_an_empty_tree(tmp_path: Path) -> None:
    assert atomic.recover(tmp_path / "nothing", tmp_path / "specs", ["x"]) == []
    files = [(tmp_path / "a.yaml", "spec\n"), (tmp_path / "a.diagnostics.json", "{}\n")]
    atomic.replace_files(files)
    assert [p.read_text() for p, _ in files] == ["spec\n", "{}\n"]
    assert sorted(os.listdir(tmp_path)) == ["a.diagnostics.json", "a.yaml"]  # no staged file left


def test_journal_of_an_unconfigured_service_and_a_half_written_journal(tmp_path: Path) -> None:
    gen, specs = tmp_path / "gen", tmp_path / "specs"
    (gen / ".gone-x1" / "project").mkdir(parents=True)
    (gen / ".gone-x1" / "project" / "NEW").write_text("new\n")
    (gen / "gone").mkdir()
    specs.mkdir()
    (specs / ".gone.openapi.yaml.new").write_text("new spec\n")
    (specs / "gone.openapi.yaml").write_text("old spec\n")
    moves = [["dir", str(gen / ".gone-x1" / "project"), str(gen / "gone")],
             ["file", str(specs / ".gone.openapi.yaml.new"), str(specs / "gone.openapi.yaml")]]
    (gen / ".gone.commit.json").write_text(json.dumps({"service": "gone", "moves": moves}))
    (gen / "..kept.commit.json.tmp").write_text('{"serv')  # killed while writing: never committed
    notes = atomic.recover(gen, specs, [])
    assert (gen / "gone" / "NEW").exists() and (specs / "gone.openapi.yaml").read_text() == "new spec\n"
    assert sorted(p.name for p in gen.iterdir()) == ["gone"] and sorted(os.listdir(specs)) == ["gone.openapi.yaml"]
    assert notes == [
        "removed the unfinished commit journal ..kept.commit.json.tmp",
        "gone: completed the commit an interrupted run had started",
        "gone: removed the temporary folder .gone-x1",
    ]
