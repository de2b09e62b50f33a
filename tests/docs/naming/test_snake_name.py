"""`naming.snake_name` restates openapi-python-client's `snake_case` (importing it costs the package's
__init__): the two must agree on every name we hand the client generator."""

from __future__ import annotations

from typing import Any

import yaml
from openapi_python_client.strings import snake_case

from generator.core.config import REPO_ROOT
from generator.docs.naming import snake_name

TRICKY = ["", "ListV2Jobs", "CreateIPv6Address", "getHTTPSListener", "Show-Zone.Detail", "a__b--c..d", "  spaced  out ",
          "ÄnderungÜbersicht", "ünïcode_Names", "名前Create", "Version2Api", "v2.1", "APIVersion", "ABC", "abcDEFghi",
          "x1Y2z3", "PTRRecord", "_leading", "trailing_", "with$ymbols#and@signs", "Ⅳroman", "٣arabic digit",
          "delete_by_id", "ListAlgorithmsV1", "Operation30", "ipv6", "IPV6", "Nat_Gateway", "DNS-PTR records"]


def _names(node: Any) -> list[str]:
    out: list[str] = []
    todo = [node]
    while todo:
        n = todo.pop()
        if isinstance(n, dict):
            out.extend(str(v) for k, v in n.items() if k in ("operationId", "x-otc-variant-id", "name", "title"))
            out.extend(str(k) for k in n)
            todo.extend(n.values())
        elif isinstance(n, list):
            todo.extend(n)
    return out


def test_snake_name_is_the_client_generators_snake_case() -> None:
    spec = yaml.safe_load((REPO_ROOT / "specs" / "modelarts.openapi.yaml").read_text(encoding="utf-8"))
    names = TRICKY + _names(spec)
    assert len(names) > 200
    assert [snake_name(n) for n in names] == [snake_case(n) for n in names]
    assert snake_name("CreateIPv6Address") == "create_i_pv_6_address"  # why naming.cap splits IPv6 -> Ipv6
