"""Exact shortcuts in libraries under openapi-spec-validator, each a memo of a pure function on plain values.

1. The validator's walk of the document is pathable's.

pathable asks `isinstance(node, Subscriptable)` of every node it steps into (a `runtime_checkable`
Protocol). On Python 3.11 each such check walks the protocol's class hierarchy again (`typing`'s
`_get_protocol_attrs`): a tenth of the validator's walk of a large document. For the built-in types a JSON
document is made of, the answer depends on the type alone (their instances carry no attributes of their own,
and the protocol has methods only), so it is asked once per type; any other type, or any other class asked
about, goes to `isinstance` as before.

2. The meta-schema check of each schema (jsonschema against the OpenAPI 3.1 dialect, most of a cold `check`)
spends half its time taking URIs apart: every step into a subschema builds a validator, which looks its
class up in a `URIDict` (`urlsplit(uri).geturl()` of the same few `$schema` strings, again and again), and
every `$ref`/`$dynamicRef` of the dialect is joined to its base (`referencing`'s `urljoin`/`urldefrag` of
the same few dozen pairs). Those are functions of their string arguments alone, so each answer is kept
(a bounded number of them); any argument that is not exactly a `str` goes to the function as before, and
so does anything that raises.

Each is put in place only with the library versions it was verified on (`generator.speed.patches.VERIFIED`);
`uninstall` puts the libraries back as shipped.
"""

from __future__ import annotations

import builtins
import functools
import sys
from collections.abc import Callable
from typing import Any

from generator.speed.patches import verified

# the types a parsed JSON/YAML document is made of
_PLAIN = frozenset({dict, list, tuple, str, bytes, int, float, bool, type(None)})


# distinct URIs (or pairs) remembered per function: the dialect's few dozen, with room for a document's own
_URI_MEMO = 4096


def install() -> None:
    """Put every shortcut of this module in place (once) where its library is the version it was verified on;
    any other version runs as shipped."""
    if verified("pathable"):
        _install_isinstance()
    if verified("referencing", "jsonschema"):
        _install_uri_memos()


def uninstall() -> None:
    """Every library as shipped again."""
    try:
        from jsonschema import _utils
        from pathable import accessors
        from referencing import _core
    except ImportError:  # pragma: no cover - they come with openapi-spec-validator
        return
    vars(accessors).pop("isinstance", None)
    for name in ("urljoin", "urldefrag"):
        current = getattr(_core, name, None)
        if hasattr(current, "__wrapped__"):
            setattr(_core, name, current.__wrapped__)  # type: ignore[union-attr]
    normalize = vars(_utils.URIDict).get("normalize")
    if hasattr(normalize, "__wrapped__"):
        _utils.URIDict.normalize = normalize.__wrapped__  # type: ignore[method-assign,union-attr]


def installed() -> bool:
    """Whether any shortcut is in place."""
    accessors = sys.modules.get("pathable.accessors")
    core = sys.modules.get("referencing._core")
    return (accessors is not None and "isinstance" in vars(accessors)
            or core is not None and hasattr(getattr(core, "urljoin", None), "__wrapped__"))


def _str_memo1(fn: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """`fn(a)` remembered when `a` is exactly a `str` (hashable, and equal only to itself)."""
    remembered = functools.lru_cache(maxsize=_URI_MEMO)(fn)

    def memo(a: Any) -> Any:
        return remembered(a) if type(a) is str else fn(a)

    memo.__wrapped__ = fn  # type: ignore[attr-defined]
    return memo


def _str_memo2(fn: Callable[..., Any]) -> Callable[..., Any]:
    """`fn(a, b)` remembered when both are exactly `str`; any other call (a third argument) goes to `fn`."""
    remembered = functools.lru_cache(maxsize=_URI_MEMO)(fn)

    def memo(a: Any, b: Any, *rest: Any, **kw: Any) -> Any:
        return remembered(a, b) if type(a) is str and type(b) is str and not rest and not kw else fn(a, b, *rest, **kw)

    memo.__wrapped__ = fn  # type: ignore[attr-defined]
    return memo


def _install_uri_memos() -> None:
    try:
        from jsonschema import _utils
        from referencing import _core
    except ImportError:  # pragma: no cover - both come with openapi-spec-validator
        return
    for name, wrap in (("urljoin", _str_memo2), ("urldefrag", _str_memo1)):
        current = getattr(_core, name, None)
        if callable(current) and not hasattr(current, "__wrapped__"):
            setattr(_core, name, wrap(current))
    normalize = getattr(_utils.URIDict, "normalize", None)
    if callable(normalize) and not hasattr(normalize, "__wrapped__"):
        split_again = _str_memo1(lambda uri: normalize(None, uri))  # `self` is not read: `urlsplit(uri).geturl()`

        def remembered_normalize(self: Any, uri: Any) -> Any:
            return split_again(uri)

        remembered_normalize.__wrapped__ = normalize  # type: ignore[attr-defined]
        _utils.URIDict.normalize = remembered_normalize  # type: ignore[method-assign]


def _install_isinstance() -> None:
    """Make pathable's accessors answer `isinstance(node, Subscriptable)` per type for the plain types (once)."""
    try:
        from pathable import accessors
        from pathable.protocols import Subscriptable
    except ImportError:  # another pathable than openapi-spec-validator 0.9.0 brings: run it as shipped
        return

    if "isinstance" in vars(accessors):  # installed already
        return
    known: dict[type, bool] = {}

    def plain_isinstance(obj: Any, cls: Any) -> bool:
        if cls is not Subscriptable or type(obj) not in _PLAIN:
            return builtins.isinstance(obj, cls)
        kind = type(obj)
        got = known.get(kind)
        if got is None:
            got = known[kind] = builtins.isinstance(obj, cls)
        return got

    accessors.isinstance = plain_isinstance  # type: ignore[attr-defined]
