"""One exact shortcut in a library under openapi-spec-validator: its walk of the document is pathable's.

pathable asks `isinstance(node, Subscriptable)` of every node it steps into (a `runtime_checkable`
Protocol). On Python 3.11 each such check walks the protocol's class hierarchy again (`typing`'s
`_get_protocol_attrs`): a tenth of the validator's walk of a large document. For the built-in types a JSON
document is made of, the answer depends on the type alone (their instances carry no attributes of their own,
and the protocol has methods only), so it is asked once per type; any other type, or any other class asked
about, goes to `isinstance` as before.
"""

from __future__ import annotations

import builtins
from typing import Any

# the types a parsed JSON/YAML document is made of
_PLAIN = frozenset({dict, list, tuple, str, bytes, int, float, bool, type(None)})


def install() -> None:
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
