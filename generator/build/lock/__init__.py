"""The names lock: a client's public names bound to stable identities across docs updates (issue 22).

`identity` writes the identities on the spec as it is rendered (`x-otc-id`), `file` reads and writes the lock,
`apply` renames a built spec after a lock and derives the lock of the result.
"""

from generator.build.lock.apply import apply_lock, derive_lock
from generator.build.lock.file import (
    Alias,
    Function,
    LockError,
    NamesLock,
    dump_lock,
    lock_path_for,
    read_lock,
    write_lock,
)

__all__ = ["Alias", "Function", "LockError", "NamesLock", "apply_lock", "derive_lock", "dump_lock", "lock_path_for",
           "read_lock", "write_lock"]
