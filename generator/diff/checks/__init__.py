"""The checks: each judges one kind of pairing the walker yields, by the rules of `generator.diff.rules`.

One module per rule family. `JUDGES` lists, per kind of pairing, the checks that judge it, in the
order their findings are recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from generator.diff.checks import bodies, operations, parameters, properties, responses, schemas, values, variants
from generator.diff.findings import Emit
from generator.diff.variants import StatusStated, VariantsDelta
from generator.diff.walk import (
    BecameMap,
    CompositionPair,
    HeadersDelta,
    MediaTypesDelta,
    OperationPair,
    OperationsDelta,
    PagesDelta,
    Pair,
    ParameterPair,
    ParametersDelta,
    PropertiesDelta,
    PropertyPair,
    RequestBodyPair,
    ResponsePair,
    SchemaPair,
    Superseded,
)

Check = Callable[[Any, Emit], None]

JUDGES: dict[type[Any], tuple[Check, ...]] = {
    OperationsDelta: (operations.added_or_removed,),
    Superseded: (operations.superseded,),
    OperationPair: (operations.operation,),
    PagesDelta: (operations.pages,),
    ParametersDelta: (parameters.pairing,),
    ParameterPair: (parameters.parameter,),
    RequestBodyPair: (bodies.request_body,),
    MediaTypesDelta: (bodies.media_types,),
    ResponsePair: (responses.response,),
    HeadersDelta: (responses.headers,),
    SchemaPair: (
        schemas.nullability,
        schemas.model_name,
        schemas.type_,
        values.format_,
        values.enum,
        values.limits,
        values.default,
    ),
    CompositionPair: (schemas.composition,),
    PropertiesDelta: (properties.pairing,),
    PropertyPair: (properties.property_,),
    BecameMap: (properties.became_map,),
    VariantsDelta: (variants.variants,),
    StatusStated: (variants.stated,),
}


def judge(pair: Pair, emit: Emit) -> None:
    for check in JUDGES[type(pair)]:
        check(pair, emit)
