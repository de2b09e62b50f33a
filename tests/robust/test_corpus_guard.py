"""Without ../shared/corpus the corpus tests fail loudly; none is skipped or silently left out."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from generator.core.config import REPO_ROOT

MODULES = [
    "tests/corpus/test_corpus_counts.py",  # parametrised over the corpus trees (empty without it)
    "tests/client/test_corpus_clients.py",  # likewise, with its own tree list
    "tests/diff/test_regenerate.py",  # had a module-level skipif
    "tests/diff/test_corpus_pairs.py",
    "tests/diff/test_docs_ci.py",  # these four found the corpus only beside the checkout (OTC_APIGEN_CORPUS ignored)
    "tests/robust/test_metamorphic.py",
    "tests/robust/test_mutations.py",
    "tests/docs/naming/test_naming.py::test_article_and_casing_variants_of_real_titles_keep_their_names",
]


def test_missing_corpus_fails_every_corpus_test() -> None:
    env = dict(os.environ, OTC_APIGEN_CORPUS=str(REPO_ROOT / "no-such-corpus"), PYTHONPATH=str(REPO_ROOT))
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", "-rfE", *MODULES],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=600,
    )
    summary = proc.stdout.strip().splitlines()[-1]
    assert proc.returncode == 1, proc.stdout[-2000:]
    assert "skipped" not in summary and "passed" not in summary and "deselected" not in summary, summary
    failed = sum(int(n) for n in re.findall(r"(\d+) (?:failed|errors?)", summary))
    assert failed >= 20, summary
    assert "shared corpus not found at" in proc.stdout
