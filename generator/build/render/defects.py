"""Documented values that contradict their own field's documentation (docs defects, not pipeline errors).

A default of 50 where the same row says the maximum is 20, -1 where the minimum is 1, `abc` where the
options are `a` and `b`: the docs contradict themselves, so the value cannot be both. The bounds are
kept (they describe what the service accepts) and the default is dropped, with a `default.out_of_range`
diagnostic that the report also lists among the documentation defects.
"""

from __future__ import annotations

import math
from typing import Any


def default_problem(value: Any, schema: dict[str, Any]) -> str | None:
    """Why `value` cannot be the default of `schema` (a rendered scalar schema), or None."""
    t = schema.get("type")
    if isinstance(value, float) and not math.isfinite(value):
        return f"default {value} is not a finite number"
    if t == "integer" and not (isinstance(value, int) and not isinstance(value, bool)
                               or isinstance(value, float) and value.is_integer()):
        return f"default {value!r} is not an integer"
    if t == "number" and (isinstance(value, bool) or not isinstance(value, (int, float))):
        return f"default {value!r} is not a number"
    if t == "string" and not isinstance(value, str):
        return f"default {value!r} is not a string"
    if t == "boolean" and not isinstance(value, bool):
        return f"default {value!r} is not a boolean"
    enum = schema.get("enum")
    if isinstance(enum, list) and value not in enum:
        return f"default {value!r} is not among the documented values {enum}"
    if t in ("integer", "number"):
        if schema.get("minimum") is not None and value < schema["minimum"]:
            return f"default {value!r} is below the documented minimum {schema['minimum']}"
        if schema.get("maximum") is not None and value > schema["maximum"]:
            return f"default {value!r} is above the documented maximum {schema['maximum']}"
    if t == "string":
        if schema.get("minLength") is not None and len(value) < schema["minLength"]:
            return f"default {value!r} is shorter than the documented minimum length {schema['minLength']}"
        if schema.get("maxLength") is not None and len(value) > schema["maxLength"]:
            return f"default {value!r} is longer than the documented maximum length {schema['maxLength']}"
    return None
