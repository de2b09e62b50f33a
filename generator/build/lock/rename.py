"""A deliberate rename: the one way a locked name changes (`python -m generator names rename`).

A function renamed keeps its old name as a deprecated alias (`deprecated_aliases` of the lock: the client keeps
a thin function of the old name that warns, until the next minor version: `generator.release.aliases`) and the old
name is retired, so no other identity ever takes it.
A model renamed retires its old name (no alias: a class cannot be aliased without keeping its module).
The next diff reports the rename as the error it is (`operation-id-changed`).
"""

from __future__ import annotations

import copy

from generator.build.lock.file import Alias, Function, LockError, NamesLock
from generator.build.lock.identity import family
from generator.docs.naming import snake_name

NAME_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")


def rename(lock: NamesLock, old: str, new: str) -> NamesLock:
    """`lock` with the function or model `old` renamed `new` (a copy); LockError when it cannot be done."""
    if not new or not set(new) <= NAME_CHARS or not new[0].isalpha():
        raise LockError(f"'{new}' is not a name (letters and digits, starting with a letter)")
    out = copy.deepcopy(lock)
    functions = sorted(ident for ident, f in lock.functions.items() if f.name == old)
    if functions:
        holders = {ident for ident, f in lock.functions.items() if snake_name(f.name) == snake_name(new)}
        others = [h for h in holders if family(h) not in {family(i) for i in functions}]
        if others or snake_name(new) in {snake_name(n) for n in [*lock.retired_functions, *lock.aliases]}:
            why = f"bound to {sorted(others)[0]}" if others else "retired or an alias"
            raise LockError(f"the function name '{new}' is {why}: names are never given to another identity")
        for ident in functions:
            out.functions[ident] = Function(new, lock.functions[ident].tags)
        out.aliases[old] = Alias(new, functions[0])
        out.retired_functions[old] = functions[0]
        # an alias of an alias: the oldest name calls the newest function
        for name, alias in list(out.aliases.items()):
            if alias.new == old:
                out.aliases[name] = Alias(new, alias.identity)
        return out
    models = sorted(ident for ident, name in lock.models.items() if name == old)
    if models:
        taken = {name.lower() for ident, name in lock.models.items() if ident not in models}
        if new.lower() in taken | {n.lower() for n in lock.retired_models}:
            raise LockError(f"the model name '{new}' is bound to another table or retired")
        for ident in models:
            out.models[ident] = new
        out.sites = {site: new if name == old else name for site, name in lock.sites.items()}
        out.retired_models[old] = models[0]
        return out
    raise LockError(f"the lock binds no function or model named '{old}'")
