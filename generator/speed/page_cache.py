"""A content-addressed cache of extracted pages, shared by every command that builds a docs tree.

An entry is one page's `Page` (its model and its diagnostics) under the sha256 of: the page's bytes,
its path relative to the docs root (diagnostics name the file), the settings that change extraction
(docutils and Python versions) and the generator's own version, a hash of its source files, so any
code change misses instead of serving a stale model.

Two builds may run at once: an entry is written to a temporary file and renamed into place, so a
reader sees a whole entry or none, and reads take no lock. Each entry starts with a header (magic,
payload length, payload sha256); an entry that is short, long or does not match its checksum is
ignored (a miss) and rewritten by the build. The cache is bounded in bytes: after a build, the least
recently used entries (a hit touches the entry's mtime) go until the total is under the bound.

Entries are pickles, so the cache folder must be trusted like the generator's own install.

`EntryStore` holds these rules for one sub-folder of the cache; `PageCache` (`pages-v1`) and the stage
cache (`generator.speed.stage_cache`, `stages-v1`) are stores.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import platform
import struct
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import docutils

from generator.core.model import Page

PACKAGE_DIR = Path(__file__).resolve().parents[1]
_MAGIC = b"OTCPAGE1"
_HEADER = struct.Struct(f">{len(_MAGIC)}sQ32s")  # magic, payload length, sha256(payload)
DEFAULT_MAX_BYTES = 512 * 1024 * 1024


@functools.cache
def code_version() -> str:
    """sha256 over the generator package's Python sources (path and bytes), computed once per process."""
    h = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        h.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0")
        h.update(path.read_bytes() + b"\0")
    return h.hexdigest()


def settings_version() -> str:
    """What besides our code changes an extracted page: the parser and the pickle format of the model."""
    return f"docutils={docutils.__version__};python={platform.python_version()};pickle={pickle.HIGHEST_PROTOCOL}"


def default_cache_dir() -> Path:
    """`$XDG_CACHE_HOME/otc-apigen`, else `~/.cache/otc-apigen` (the XDG default)."""
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".cache") / "otc-apigen"


def resolve_cache_dir(cache_dir: Path | None, no_cache: bool) -> Path | None:
    """The folder the command-line options ask for: None with --no-cache, else --cache-dir or the default."""
    if no_cache:
        return None
    return cache_dir if cache_dir is not None else default_cache_dir()


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0
    corrupt: int = 0  # entries found but not trusted (counted in misses too)
    written: int = 0
    evicted: int = 0

    def __str__(self) -> str:
        return (f"cache: {self.hits} hits, {self.misses} misses ({self.corrupt} corrupt), {self.written} written, "
                f"{self.evicted} evicted")


@dataclass
class EntryStore:
    """Checksummed pickled entries in `root/<folder>`: atomic writes, lock-free reads, LRU-bounded."""

    root: Path
    max_bytes: int = DEFAULT_MAX_BYTES
    code: str = field(default_factory=code_version)
    stats: CacheStats = field(default_factory=CacheStats)
    folder = "entries-v1"

    @property
    def entries(self) -> Path:
        return self.root / self.folder

    def _path(self, key: str) -> Path:
        return self.entries / key[:2] / key

    def _accept(self, value: object) -> bool:
        """Whether a decoded entry has the shape this store holds (an entry of another layout is a miss)."""
        return True

    def _load(self, key: str) -> object | None:
        path = self._path(key)
        try:
            blob = path.read_bytes()
        except OSError:
            self.stats.misses += 1
            return None
        value = _decode(blob)
        if value is _DAMAGED or not self._accept(value):
            self.stats.misses += 1
            self.stats.corrupt += 1
            return None
        self.stats.hits += 1
        try:
            os.utime(path)  # least recently used goes first when the cache is over its bound
        except OSError:
            pass  # a concurrent eviction removed it: the value is already in memory
        return value

    def _store(self, key: str, value: object) -> None:
        self._store_payload(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def _store_payload(self, key: str, payload: bytes) -> bool:
        """Store an already pickled value (a pool worker pickles a page once, for the parent and the cache);
        whether it was written."""
        blob = _HEADER.pack(_MAGIC, len(payload), hashlib.sha256(payload).digest()) + payload
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(blob)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            return False  # a cache that cannot be written costs speed, never the build
        self.stats.written += 1
        return True

    def prune(self) -> None:
        """Remove least recently used entries until the total size is within `max_bytes`."""
        found: list[tuple[float, int, Path]] = []
        try:
            for sub in self.entries.iterdir():
                for path in sub.iterdir():
                    try:
                        st = path.stat()
                    except OSError:
                        continue
                    found.append((st.st_mtime, st.st_size, path))
        except OSError:
            return
        total = sum(size for _, size, _ in found)
        for _, size, path in sorted(found):
            if total <= self.max_bytes:
                break
            path.unlink(missing_ok=True)
            total -= size
            self.stats.evicted += 1


@dataclass
class PageCache(EntryStore):
    folder = "pages-v1"

    def key(self, data: bytes, rel: str) -> str:
        h = hashlib.sha256()
        for part in (self.code.encode(), settings_version().encode(), rel.encode(), data):
            h.update(len(part).to_bytes(8, "big"))
            h.update(part)
        return h.hexdigest()

    def _accept(self, value: object) -> bool:
        return isinstance(value, Page)

    def get(self, key: str) -> Page | None:
        page = self._load(key)
        return page if isinstance(page, Page) else None

    def put(self, key: str, page: Page) -> None:
        self._store(key, page)

    def put_payload(self, key: str, payload: bytes) -> bool:
        """`put` of a page already pickled (`pickle.dumps(page, protocol=pickle.HIGHEST_PROTOCOL)`)."""
        return self._store_payload(key, payload)


_DAMAGED = object()


def _decode(blob: bytes) -> object:
    """The entry's value, or `_DAMAGED` for a short, long, altered or unreadable entry."""
    if len(blob) < _HEADER.size:
        return _DAMAGED
    magic, length, digest = _HEADER.unpack_from(blob)
    payload = blob[_HEADER.size:]
    if magic != _MAGIC or length != len(payload) or hashlib.sha256(payload).digest() != digest:
        return _DAMAGED
    try:
        return pickle.loads(payload)
    except Exception:  # noqa: BLE001 - a checksummed entry from another class layout: a miss
        return _DAMAGED
