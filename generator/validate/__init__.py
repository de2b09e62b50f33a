"""Checking recorded request/response payloads against a generated OpenAPI 3.1 spec."""

from generator.core.spec import SpecError
from generator.validate.engine import Engine, Violation
from generator.validate.spec import Operation, Spec
from generator.validate.verdict import Checker, Result

__all__ = ["Checker", "Engine", "Operation", "Result", "Spec", "SpecError", "Violation"]
