from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .._runtime.errors import require_object as _require_object
from ..models.volume_res_category import VolumeResCategory
from ..models.volume_res_ownership import VolumeResOwnership
from ..types import UNSET, Unset

T = TypeVar("T", bound="VolumeRes")

# OTC: field names whose values repr() never shows (passwords, AK/SK secret keys, tokens, keys, credentials);
# the same pattern in every generated model, listed in the client README.
_SECRET = re.compile(
    r"pass(word|wd|phrase)?(?![a-z])|pwd|secret|token|credential|private_?key|api_?key"
    r"|(?<![a-z])sk(?![a-z])",
    re.IGNORECASE,
)


@_attrs_define
class VolumeRes:
    """
    Attributes:
        capacity (int | Unset): Storage capacity. The default value is 5 GB for EVS and 50 GB for EFS. The maximum value
            is 4096 GB. Limits: value <= 4096.
        category (VolumeResCategory | Unset): Supported storage types. For details about the differences between the
            storage types, see "Selecting Storage in DevEnviron" in *User Guide*. Options:

            - SFS: Scalable File Service
            - **EVS**. Limits: one of "SFS", "EVS".
        mount_path (str | Unset): Directory of the notebook instance to which OBS storage is mounted. Currently, the
            directory is **/home/ma-user/work/**.
        ownership (VolumeResOwnership | Unset): Owner to which the resource belongs. Enums:

            - **MANAGED**: Resources are managed by the service.
            - **DEDICATED**: Resources are managed by the user account. This mode is supported only when the instance
            category is **EFS**. Limits: one of "MANAGED", "DEDICATED".
        status (str | Unset): EVS disk capacity expansion status, which is **RESIZING** during capacity expansion and
            does not affect the instance.
    """

    capacity: int | Unset = UNSET
    category: VolumeResCategory | Unset = UNSET
    mount_path: str | Unset = UNSET
    ownership: VolumeResOwnership | Unset = UNSET
    status: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def __repr__(self) -> str:
        """The fields that are set (never ``UNSET``), with secrets masked (``_SECRET``)."""
        shown: list[str] = []
        for attr, key in (
            ("capacity", "capacity"),
            ("category", "category"),
            ("mount_path", "mount_path"),
            ("ownership", "ownership"),
            ("status", "status"),
        ):
            value = getattr(self, attr)
            if not isinstance(value, Unset):
                shown.append(f"{attr}={'***' if _SECRET.search(key) else repr(value)}")
        extra = {k: ("***" if _SECRET.search(k) else v) for k, v in self.additional_properties.items()}
        if extra:
            shown.append(f"additional_properties={extra!r}")
        return f"{type(self).__name__}({', '.join(shown)})"

    def to_dict(self) -> dict[str, Any]:
        capacity = self.capacity

        category: str | Unset = UNSET
        if not isinstance(self.category, Unset):
            category = self.category.value

        mount_path = self.mount_path

        ownership: str | Unset = UNSET
        if not isinstance(self.ownership, Unset):
            ownership = self.ownership.value

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if capacity is not UNSET:
            field_dict["capacity"] = capacity
        if category is not UNSET:
            field_dict["category"] = category
        if mount_path is not UNSET:
            field_dict["mount_path"] = mount_path
        if ownership is not UNSET:
            field_dict["ownership"] = ownership
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = _require_object("VolumeRes", src_dict, ())
        capacity = d.pop("capacity", UNSET)

        _category = d.pop("category", UNSET)
        category: VolumeResCategory | Unset
        if isinstance(_category, Unset):
            category = UNSET
        else:
            category = VolumeResCategory(_category)

        mount_path = d.pop("mount_path", UNSET)

        _ownership = d.pop("ownership", UNSET)
        ownership: VolumeResOwnership | Unset
        if isinstance(_ownership, Unset):
            ownership = UNSET
        else:
            ownership = VolumeResOwnership(_ownership)

        status = d.pop("status", UNSET)

        _parsed = cls(
            capacity=capacity,
            category=category,
            mount_path=mount_path,
            ownership=ownership,
            status=status,
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
