from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.container_hooks import ContainerHooks


T = TypeVar("T", bound="CustomHooks")


@_attrs_define
class CustomHooks:
    """
    Attributes:
        container_hooks (ContainerHooks | Unset):
    """

    container_hooks: ContainerHooks | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

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

        d = dict(src_dict)
        _container_hooks = d.pop("container_hooks", UNSET)
        container_hooks: ContainerHooks | Unset
        if isinstance(_container_hooks, Unset):
            container_hooks = UNSET
        else:
            container_hooks = ContainerHooks.from_dict(_container_hooks)

        custom_hooks = cls(
            container_hooks=container_hooks,
        )

        custom_hooks.additional_properties = d
        return custom_hooks

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
