"""The names lock file: a client's public names bound to stable identities, reviewable in a pull request.

YAML, sorted and deterministic (the same lock, the same bytes), one entry per identity
(`generator.build.lock.identity`):

    operations:            # each operation and each page of a shared endpoint
      GET /v2/zones:
        function: ListZones            # the operationId (the client's function: list_zones)
        module: [Zone Management]      # the tags (the client's module)
    models:                # each table a component is made of
      table zone_req: CreateZoneReq
    model_sites:           # where each model is used: function, body, field path (the second key of a table)
      POST /v2/zones request router: Router
    model_shapes:          # a digest of what each model holds: of the parts a shared model splits into, the one
      Router: 3fa2c1d09e4b   # whose table did not change keeps the name
    retired:               # names once bound to an identity the docs no longer document: never given again
      functions: {ListOldZones: GET /v2/old_zones}
      models: {OldZone: table old_zone}
    deprecated_aliases:    # deliberate renames (`python -m generator names rename`): the old name stays callable
                           # from the release it first ships in (`since`) until the next minor version
      ListZonez: {function: ListZones, identity: GET /v2/zones}

An identity is matched with its placeholders unnamed (`GET /v2/{}/zones`, `identity.canonical`) and shown with the
docs' names for them (`GET /v2/{project_id}/zones`): a renamed placeholder is the same endpoint.

A lock is edited by the build (new identities, retired ones) and by a deliberate rename; never by hand-sorting.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.build.lock.identity import canonical, shown
from generator.core.emit import write_text_atomic

HEADER = ("# names lock of otc-apigen: the generated client's public names, bound to what the docs document\n"
          "# (METHOD + path, page anchors, table labels). Kept beside the spec; a rebuild keeps every name here.\n"
          "# Rename deliberately with `python -m generator names rename --lock THIS_FILE OLD NEW`.\n")


def lock_path_for(spec_path: Path) -> Path:
    """Where a spec's lock is kept by default: beside it, `dns.openapi.yaml` -> `dns.names.yaml`."""
    name = spec_path.name
    for suffix in (".yaml", ".yml", ".json"):
        name = name.removesuffix(suffix)
    return spec_path.with_name(name.removesuffix(".openapi") + ".names.yaml")


class LockError(ValueError):
    """A lock file that cannot be read as a names lock."""


@dataclass(frozen=True)
class Function:
    """The names of one operation (or one page of a shared endpoint)."""

    name: str  # the operationId
    tags: tuple[str, ...] = ()  # the module(s)


@dataclass(frozen=True)
class Alias:
    """A deliberately renamed function: the client keeps `old` as a deprecated alias of `new`."""

    new: str
    identity: str
    since: str | None = None  # the client version it first shipped in: it goes with the next minor version


@dataclass
class NamesLock:
    service: str = ""
    functions: dict[str, Function] = field(default_factory=dict)  # identity -> names
    models: dict[str, str] = field(default_factory=dict)  # identity -> component (class) name
    # names once bound to an identity the docs no longer document -> that identity (the only one that may take the
    # name again, when the docs document it again)
    retired_functions: dict[str, str] = field(default_factory=dict)
    retired_models: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, Alias] = field(default_factory=dict)  # old function name -> its rename
    # where each model is used (function, body, field path) -> its name: a table relabelled, or merged with
    # tables of other names, keeps the name it had there (`generator.build.lock.sites`)
    sites: dict[str, str] = field(default_factory=dict)
    # model name -> a digest of its shape (`sites.shape_digest`): of the parts a shared model splits into, the one
    # whose table did not change keeps the name
    shapes: dict[str, str] = field(default_factory=dict)
    # canonical path -> the docs' path: how the file shows an identity (`{project_id}`, not `{}`); not compared
    paths: dict[str, str] = field(default_factory=dict, compare=False)

    def as_data(self) -> dict[str, Any]:
        def show(identity: str) -> str:
            return shown(identity, self.paths)

        out: dict[str, Any] = {"version": 1}
        if self.service:
            out["service"] = self.service
        out["operations"] = {show(k): {"function": f.name, "module": list(f.tags)}
                             for k, f in sorted(self.functions.items())}
        out["models"] = {show(k): v for k, v in sorted(self.models.items())}
        out["retired"] = {"functions": {k: show(v) for k, v in sorted(self.retired_functions.items())},
                          "models": {k: show(v) for k, v in sorted(self.retired_models.items())}}
        if self.sites:
            out["model_sites"] = {show(k): v for k, v in sorted(self.sites.items())}
        if self.shapes:
            out["model_shapes"] = dict(sorted(self.shapes.items()))
        if self.aliases:
            out["deprecated_aliases"] = {old: {"function": a.new, "identity": show(a.identity),
                                               **({"since": a.since} if a.since else {})}
                                         for old, a in sorted(self.aliases.items())}
        return out


class _Dumper(yaml.SafeDumper):
    """Lists (modules) on one line: one identity, one line of names to review."""


def _flow_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


_Dumper.add_representer(list, _flow_list)


def dump_lock(lock: NamesLock) -> str:
    body = yaml.dump(lock.as_data(), Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False,
                     width=1000)
    return HEADER + body


def write_lock(path: Path, lock: NamesLock) -> None:
    write_text_atomic(Path(path), dump_lock(lock))


def read_lock(path: Path) -> NamesLock | None:
    """The lock at `path`, None when there is no such file (a first release); LockError when it is malformed."""
    path = Path(path)
    if not path.is_file():
        return None
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise LockError(f"{path}: not a readable names lock ({exc})") from exc
    return parse_lock(data, str(path))


def parse_lock(data: Any, where: str = "<lock>") -> NamesLock:
    if data is None:
        return NamesLock()
    if not isinstance(data, dict):
        raise LockError(f"{where}: a names lock is a mapping")
    try:
        functions = {canonical(str(k)): Function(str(v["function"]), tuple(str(t) for t in v.get("module") or ()))
                     for k, v in (data.get("operations") or {}).items()}
        models = {canonical(str(k)): str(v) for k, v in (data.get("models") or {}).items()}
        retired = data.get("retired") or {}
        aliases = {str(k): Alias(str(v["function"]), canonical(str(v.get("identity", ""))),
                                 str(v["since"]) if v.get("since") else None)
                   for k, v in (data.get("deprecated_aliases") or {}).items()}
        sites = {canonical(str(k)): str(v) for k, v in (data.get("model_sites") or {}).items()}
        shapes = {str(k): str(v) for k, v in (data.get("model_shapes") or {}).items()}
        lock = NamesLock(str(data.get("service") or ""), functions, models,
                         _names(retired.get("functions")), _names(retired.get("models")), aliases, sites, shapes)
        lock.paths = _paths([k for part in ("operations", "models", "model_sites") for k in data.get(part) or {}])
        return lock
    except (AttributeError, KeyError, TypeError) as exc:
        raise LockError(f"{where}: not a names lock ({type(exc).__name__}: {exc})") from exc


def _names(value: Any) -> dict[str, str]:
    """A retired list: name -> the identity it was bound to (a bare list of names: bound to none still here)."""
    if isinstance(value, dict):
        return {str(k): canonical(str(v or "")) for k, v in value.items()}
    return {str(n): "" for n in value or ()}


def _paths(identities: list[Any]) -> dict[str, str]:
    """canonical path -> the docs' path, as a lock file shows its identities."""
    out: dict[str, str] = {}
    for identity in identities:
        method, _, rest = str(identity).partition(" ")
        path = rest.partition(" ")[0]
        if path.startswith("/"):
            out.setdefault(canonical(f"{method} {path}").partition(" ")[2], path)
    return out
