from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .._runtime.errors import require_object as _require_object
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.custom_hooks import CustomHooks
    from ..models.endpoints_req import EndpointsReq


T = TypeVar("T", bound="UpdateNotebookRequest")

# OTC: field names whose values repr() never shows (passwords, AK/SK secret keys, tokens, keys, credentials);
# the same pattern in every generated model, listed in the client README.
_SECRET = re.compile(
    r"pass(word|wd|phrase)?(?![a-z])|pwd|secret|token|credential|private_?key|api_?key"
    r"|(?<![a-z])sk(?![a-z])",
    re.IGNORECASE,
)


@_attrs_define
class UpdateNotebookRequest:
    """
    Attributes:
        description (str | Unset): Instance description. The value can contain a maximum of 512 characters and cannot
            contain the following special characters: &<>"/. Limits: at most 512 characters.
        endpoints (list[EndpointsReq] | Unset): This section describes how to configure the local IDE (such as PyCharm
            and VS Code) or SSH client to remotely access a notebook instance through SSH.
        flavor (str | Unset): Instance flavor. For details, see Querying Flavors Available for a Notebook Instance.
        image_id (str | Unset): Image ID. For details, see Querying Supported Images.
        name (str | Unset): The instance name can be updated. The name contains a maximum of 128 characters, The value
            can contain letters, digits, hyphens (-), and underscores (_). Limits: at most 128 characters.
        storage_new_size (int | Unset): EVS instance capacity that can be expanded, in GB. The maximum value is 4,096
            GB. Limits: value <= 4096.
        hooks (CustomHooks | Unset):
    """

    description: str | Unset = UNSET
    endpoints: list[EndpointsReq] | Unset = UNSET
    flavor: str | Unset = UNSET
    image_id: str | Unset = UNSET
    name: str | Unset = UNSET
    storage_new_size: int | Unset = UNSET
    hooks: CustomHooks | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def __repr__(self) -> str:
        """The fields that are set (never ``UNSET``), with secrets masked (``_SECRET``)."""
        shown: list[str] = []
        for attr, key in (
            ("description", "description"),
            ("endpoints", "endpoints"),
            ("flavor", "flavor"),
            ("image_id", "image_id"),
            ("name", "name"),
            ("storage_new_size", "storage_new_size"),
            ("hooks", "hooks"),
        ):
            value = getattr(self, attr)
            if not isinstance(value, Unset):
                shown.append(f"{attr}={'***' if _SECRET.search(key) else repr(value)}")
        extra = {k: ("***" if _SECRET.search(k) else v) for k, v in self.additional_properties.items()}
        if extra:
            shown.append(f"additional_properties={extra!r}")
        return f"{type(self).__name__}({', '.join(shown)})"

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        endpoints: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.endpoints, Unset):
            endpoints = []
            for endpoints_item_data in self.endpoints:
                endpoints_item = endpoints_item_data.to_dict()
                endpoints.append(endpoints_item)

        flavor = self.flavor

        image_id = self.image_id

        name = self.name

        storage_new_size = self.storage_new_size

        hooks: dict[str, Any] | Unset = UNSET
        if not isinstance(self.hooks, Unset):
            hooks = self.hooks.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if description is not UNSET:
            field_dict["description"] = description
        if endpoints is not UNSET:
            field_dict["endpoints"] = endpoints
        if flavor is not UNSET:
            field_dict["flavor"] = flavor
        if image_id is not UNSET:
            field_dict["image_id"] = image_id
        if name is not UNSET:
            field_dict["name"] = name
        if storage_new_size is not UNSET:
            field_dict["storage_new_size"] = storage_new_size
        if hooks is not UNSET:
            field_dict["hooks"] = hooks

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.custom_hooks import CustomHooks  # noqa: PLC0415
        from ..models.endpoints_req import EndpointsReq  # noqa: PLC0415

        d = _require_object("UpdateNotebookRequest", src_dict, ())
        description = d.pop("description", UNSET)

        _endpoints = d.pop("endpoints", UNSET)
        endpoints: list[EndpointsReq] | Unset = UNSET
        if _endpoints is not UNSET:
            endpoints = []
            for endpoints_item_data in _endpoints:
                endpoints_item = EndpointsReq.from_dict(endpoints_item_data)

                endpoints.append(endpoints_item)

        flavor = d.pop("flavor", UNSET)

        image_id = d.pop("image_id", UNSET)

        name = d.pop("name", UNSET)

        storage_new_size = d.pop("storage_new_size", UNSET)

        _hooks = d.pop("hooks", UNSET)
        hooks: CustomHooks | Unset
        if isinstance(_hooks, Unset):
            hooks = UNSET
        else:
            hooks = CustomHooks.from_dict(_hooks)

        _parsed = cls(
            description=description,
            endpoints=endpoints,
            flavor=flavor,
            image_id=image_id,
            name=name,
            storage_new_size=storage_new_size,
            hooks=hooks,
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
