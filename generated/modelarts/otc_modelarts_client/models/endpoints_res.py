from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .._runtime.errors import require_object as _require_object
from ..models.endpoints_res_dev_service import EndpointsResDevService
from ..models.endpoints_res_service import EndpointsResService
from ..types import UNSET, Unset

T = TypeVar("T", bound="EndpointsRes")

# OTC: field names whose values repr() never shows (passwords, AK/SK secret keys, tokens, keys, credentials);
# the same pattern in every generated model, listed in the client README.
_SECRET = re.compile(
    r"pass(word|wd|phrase)?(?![a-z])|pwd|secret|token|credential|private_?key|api_?key"
    r"|(?<![a-z])sk(?![a-z])",
    re.IGNORECASE,
)


@_attrs_define
class EndpointsRes:
    """
    Attributes:
        allowed_access_ips (list[str] | Unset): Whitelist of public IP addresses that are allowed to access the notebook
            instance through SSH. By default, all public IP addresses can access the notebook instance. If this parameter is
            specified, only the clients with the specified IP addresses can access the notebook instance.
        dev_service (EndpointsResDevService | Unset): Supported service. Options:

            - **NOTEBOOK**: You can access notebook instances using HTTPS.
            - **SSH**: You can remotely access the notebook instance through SSH. Limits: one of "NOTEBOOK", "SSH".
        ssh_keys (list[str] | Unset): List of SSH key pairs. You can set multiple key pairs to access an SSH instance at
            the same time.
        service (EndpointsResService | Unset): Supported service. The options are:

            - **NOTEBOOK**: You can access notebook instances using HTTPS.
            - **SSH**: You can remotely access notebook instances through SSH. Limits: one of "NOTEBOOK", "SSH".
        uri (str | Unset): Private IP address of the instance
    """

    allowed_access_ips: list[str] | Unset = UNSET
    dev_service: EndpointsResDevService | Unset = UNSET
    ssh_keys: list[str] | Unset = UNSET
    service: EndpointsResService | Unset = UNSET
    uri: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def __repr__(self) -> str:
        """The fields that are set (never ``UNSET``), with secrets masked (``_SECRET``)."""
        shown: list[str] = []
        for attr, key in (
            ("allowed_access_ips", "allowed_access_ips"),
            ("dev_service", "dev_service"),
            ("ssh_keys", "ssh_keys"),
            ("service", "service"),
            ("uri", "uri"),
        ):
            value = getattr(self, attr)
            if not isinstance(value, Unset):
                shown.append(f"{attr}={'***' if _SECRET.search(key) else repr(value)}")
        extra = {k: ("***" if _SECRET.search(k) else v) for k, v in self.additional_properties.items()}
        if extra:
            shown.append(f"additional_properties={extra!r}")
        return f"{type(self).__name__}({', '.join(shown)})"

    def to_dict(self) -> dict[str, Any]:
        allowed_access_ips: list[str] | Unset = UNSET
        if not isinstance(self.allowed_access_ips, Unset):
            allowed_access_ips = self.allowed_access_ips

        dev_service: str | Unset = UNSET
        if not isinstance(self.dev_service, Unset):
            dev_service = self.dev_service.value

        ssh_keys: list[str] | Unset = UNSET
        if not isinstance(self.ssh_keys, Unset):
            ssh_keys = self.ssh_keys

        service: str | Unset = UNSET
        if not isinstance(self.service, Unset):
            service = self.service.value

        uri = self.uri

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if allowed_access_ips is not UNSET:
            field_dict["allowed_access_ips"] = allowed_access_ips
        if dev_service is not UNSET:
            field_dict["dev_service"] = dev_service
        if ssh_keys is not UNSET:
            field_dict["ssh_keys"] = ssh_keys
        if service is not UNSET:
            field_dict["service"] = service
        if uri is not UNSET:
            field_dict["uri"] = uri

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = _require_object("EndpointsRes", src_dict, ())
        allowed_access_ips = cast(list[str], d.pop("allowed_access_ips", UNSET))

        _dev_service = d.pop("dev_service", UNSET)
        dev_service: EndpointsResDevService | Unset
        if isinstance(_dev_service, Unset):
            dev_service = UNSET
        else:
            dev_service = EndpointsResDevService(_dev_service)

        ssh_keys = cast(list[str], d.pop("ssh_keys", UNSET))

        _service = d.pop("service", UNSET)
        service: EndpointsResService | Unset
        if isinstance(_service, Unset):
            service = UNSET
        else:
            service = EndpointsResService(_service)

        uri = d.pop("uri", UNSET)

        _parsed = cls(
            allowed_access_ips=allowed_access_ips,
            dev_service=dev_service,
            ssh_keys=ssh_keys,
            service=service,
            uri=uri,
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
