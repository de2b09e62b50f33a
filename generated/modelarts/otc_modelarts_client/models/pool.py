from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .._runtime.errors import require_object as _require_object
from ..types import UNSET, Unset

T = TypeVar("T", bound="Pool")

# OTC: field names whose values repr() never shows (passwords, AK/SK secret keys, tokens, keys, credentials);
# the same pattern in every generated model, listed in the client README.
_SECRET = re.compile(
    r"pass(word|wd|phrase)?(?![a-z])|pwd|secret|token|credential|private_?key|api_?key"
    r"|(?<![a-z])sk(?![a-z])",
    re.IGNORECASE,
)


@_attrs_define
class Pool:
    """
    Attributes:
        id (str | Unset): ID of a dedicated resource pool
        name (str | Unset): Name of a dedicated resource pool
    """

    id: str | Unset = UNSET
    name: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def __repr__(self) -> str:
        """The fields that are set (never ``UNSET``), with secrets masked (``_SECRET``)."""
        shown: list[str] = []
        for attr, key in (
            ("id", "id"),
            ("name", "name"),
        ):
            value = getattr(self, attr)
            if not isinstance(value, Unset):
                shown.append(f"{attr}={'***' if _SECRET.search(key) else repr(value)}")
        extra = {k: ("***" if _SECRET.search(k) else v) for k, v in self.additional_properties.items()}
        if extra:
            shown.append(f"additional_properties={extra!r}")
        return f"{type(self).__name__}({', '.join(shown)})"

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = _require_object("Pool", src_dict, ())
        id = d.pop("id", UNSET)

        name = d.pop("name", UNSET)

        _parsed = cls(
            id=id,
            name=name,
        )

        _parsed.additional_properties = d
        return _parsed

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
