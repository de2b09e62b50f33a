"""What reading a description cell yields (`ProseResult`), and what every reader asks of it and of the field's
type: the scalar kind a value takes, a value converted to it, and whether a kind of constraint is settled."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.core.model import Constraints
from generator.core.types import Kind, TypeExpr


@dataclass
class ProseResult:
    constraints: Constraints = field(default_factory=Constraints)
    findings: list[tuple[str, str]] = field(default_factory=list)  # (code, message)
    # the branches of a conditional value set seen so far (sentence -> its values), for their union
    branches: dict[str, list[str]] = field(default_factory=dict)


def scalar_kind(type_: TypeExpr | None) -> Kind | None:
    if type_ is None:
        return None
    if type_.kind is Kind.ARRAY and type_.items is not None:
        return type_.items.kind  # enum on array items
    return type_.kind


def convert(value: str, kind: Kind | None) -> Any:
    v = value.strip().strip("\"'")
    if kind is Kind.INTEGER:
        try:
            return int(v)
        except ValueError:
            return None
    if kind is Kind.NUMBER:
        try:
            return float(v)
        except ValueError:
            return None
    if kind is Kind.BOOLEAN:
        return {"true": True, "false": False}.get(v.lower())
    return v


def carries(k: str, result: ProseResult, type_: TypeExpr | None) -> bool:
    """The field already carries this kind, or a finding already says why it does not."""
    c = result.constraints
    done = {
        "value set": c.enum is not None or (type_ is not None and scalar_kind(type_) is Kind.BOOLEAN),
        "default": c.has_default,
        "range/length": any(v is not None for v in (c.minimum, c.maximum, c.min_length, c.max_length,
                                                    c.exclusive_minimum, c.exclusive_maximum, c.multiple_of)),
        "pattern": c.pattern is not None,
        "array size": c.min_items is not None or c.max_items is not None,
    }[k]
    return done
