from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .._runtime.errors import require_object as _require_object
from ..types import UNSET, Unset

T = TypeVar("T", bound="Lease")

# OTC: field names whose values repr() never shows (passwords, AK/SK secret keys, tokens, keys, credentials);
# the same pattern in every generated model, listed in the client README.
_SECRET = re.compile(
    r"pass(word|wd|phrase)?(?![a-z])|pwd|secret|token|credential|private_?key|api_?key"
    r"|(?<![a-z])sk(?![a-z])",
    re.IGNORECASE,
)


@_attrs_define
class Lease:
    """
    Attributes:
        create_at (int | Unset): Time (UTC) when the instance is created, accurate to millisecond.
        duration (int | Unset): Instance running duration, which is calculated based on the instance creation time. If
            the instance creation time plus the duration is greater than the current time, the system automatically stops
            the instance.
        enable (bool | Unset): Whether to enable auto stop of the instance.
        type_ (str | Unset): Indicates the automatic stop type.
        update_at (int | Unset): Time (UTC) when the instance is last updated (excluding the keepalive heartbeat time),
            accurate to millisecond.
    """

    create_at: int | Unset = UNSET
    duration: int | Unset = UNSET
    enable: bool | Unset = UNSET
    type_: str | Unset = UNSET
    update_at: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def __repr__(self) -> str:
        """The fields that are set (never ``UNSET``), with secrets masked (``_SECRET``)."""
        shown: list[str] = []
        for attr, key in (
            ("create_at", "create_at"),
            ("duration", "duration"),
            ("enable", "enable"),
            ("type_", "type"),
            ("update_at", "update_at"),
        ):
            value = getattr(self, attr)
            if not isinstance(value, Unset):
                shown.append(f"{attr}={'***' if _SECRET.search(key) else repr(value)}")
        extra = {k: ("***" if _SECRET.search(k) else v) for k, v in self.additional_properties.items()}
        if extra:
            shown.append(f"additional_properties={extra!r}")
        return f"{type(self).__name__}({', '.join(shown)})"

    def to_dict(self) -> dict[str, Any]:
        create_at = self.create_at

        duration = self.duration

        enable = self.enable

        type_ = self.type_

        update_at = self.update_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if create_at is not UNSET:
            field_dict["create_at"] = create_at
        if duration is not UNSET:
            field_dict["duration"] = duration
        if enable is not UNSET:
            field_dict["enable"] = enable
        if type_ is not UNSET:
            field_dict["type"] = type_
        if update_at is not UNSET:
            field_dict["update_at"] = update_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = _require_object("Lease", src_dict, ())
        create_at = d.pop("create_at", UNSET)

        duration = d.pop("duration", UNSET)

        enable = d.pop("enable", UNSET)

        type_ = d.pop("type", UNSET)

        update_at = d.pop("update_at", UNSET)

        _parsed = cls(
            create_at=create_at,
            duration=duration,
            enable=enable,
            type_=type_,
            update_at=update_at,
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
