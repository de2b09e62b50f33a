from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .._runtime.errors import require_object as _require_object
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.container_hooks import ContainerHooks


T = TypeVar("T", bound="CustomHooks")

# OTC: field names whose values repr() never shows (passwords, AK/SK secret keys, tokens, keys, credentials);
# the same pattern in every generated model, listed in the client README.
_SECRET = re.compile(
    r"pass(word|wd|phrase)?(?![a-z])|pwd|secret|token|credential|private_?key|api_?key"
    r"|(?<![a-z])sk(?![a-z])",
    re.IGNORECASE,
)


@_attrs_define
class CustomHooks:
    """
    Attributes:
        container_hooks (ContainerHooks | Unset):
    """

    container_hooks: ContainerHooks | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def __repr__(self) -> str:
        """The fields that are set (never ``UNSET``), with secrets masked (``_SECRET``)."""
        shown: list[str] = []
        for attr, key in (("container_hooks", "container_hooks"),):
            value = getattr(self, attr)
            if not isinstance(value, Unset):
                shown.append(f"{attr}={'***' if _SECRET.search(key) else repr(value)}")
        extra = {k: ("***" if _SECRET.search(k) else v) for k, v in self.additional_properties.items()}
        if extra:
            shown.append(f"additional_properties={extra!r}")
        return f"{type(self).__name__}({', '.join(shown)})"

    def to_dict(self) -> dict[str, Any]:
        container_hooks: dict[str, Any] | Unset = UNSET
        if not isinstance(self.container_hooks, Unset):
            container_hooks = self.container_hooks.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if container_hooks is not UNSET:
            field_dict["container_hooks"] = container_hooks

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.container_hooks import ContainerHooks  # noqa: PLC0415

        d = _require_object("CustomHooks", src_dict, ())
        _container_hooks = d.pop("container_hooks", UNSET)
        container_hooks: ContainerHooks | Unset
        if isinstance(_container_hooks, Unset):
            container_hooks = UNSET
        else:
            container_hooks = ContainerHooks.from_dict(_container_hooks)

        _parsed = cls(
            container_hooks=container_hooks,
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
