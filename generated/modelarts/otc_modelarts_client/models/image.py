from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .._runtime.errors import require_object as _require_object
from ..models.image_arch import ImageArch
from ..models.image_dev_services_item import ImageDevServicesItem
from ..models.image_origin import ImageOrigin
from ..models.image_resource_categories_item import ImageResourceCategoriesItem
from ..models.image_service_type import ImageServiceType
from ..models.image_status import ImageStatus
from ..models.image_support_res_categories_item import ImageSupportResCategoriesItem
from ..models.image_type import ImageType
from ..models.image_visibility import ImageVisibility
from ..types import UNSET, Unset

T = TypeVar("T", bound="Image")

# OTC: field names whose values repr() never shows (passwords, AK/SK secret keys, tokens, keys, credentials);
# the same pattern in every generated model, listed in the client README.
_SECRET = re.compile(
    r"pass(word|wd|phrase)?(?![a-z])|pwd|secret|token|credential|private_?key|api_?key"
    r"|(?<![a-z])sk(?![a-z])",
    re.IGNORECASE,
)


@_attrs_define
class Image:
    """
    Attributes:
        arch (ImageArch | Unset): Processor architecture supported by the image. Options:

            - **X86_64**: x86 architecture
            - **AARCH64**: Arm architecture. Limits: one of "X86_64", "AARCH64".
        create_at (int | Unset): Specifies the time (UTC ms) when the image is created.
        description (str | Unset): Image description with a maximum of 512 characters. Limits: at most 512 characters.
        dev_services (list[ImageDevServicesItem] | Unset): Services supported by the image. Options:

            - **NOTEBOOK**: You can access the notebook instance using HTTPS.
            - **SSH**: You can remotely access the notebook instance from a local IDE through SSH. Limits: each item one of
            "NOTEBOOK", "SSH".
        id (str | Unset): ID of the image used for creating notebook instances. The ID is in Universally Unique
            Identifier (UUID) format.For details, see Querying Supported Images.
        name (str | Unset): Image name, which contains a maximum of 512 characters, including lowercase letters, digits,
            hyphens (-), underscores (_), and periods (.). Limits: at most 512 characters.
        namespace (str | Unset): Organization to which the image belongs. You can create and view the organization on
            the **Organization Management** page of the SWR console.
        origin (ImageOrigin | Unset): Image source, which defaults to **CUSTOMIZE**. Options:

            - **CUSTOMIZE**: user-defined image
            - **IMAGE_SAVE**: image saved using a development environment instance. Limits: one of "CUSTOMIZE",
            "IMAGE_SAVE"; default when omitted: "CUSTOMIZE".
        resource_categories (list[ImageResourceCategoriesItem] | Unset): Flavors supported by the image. Options:

            - **CPU**
            - **GPU**. Limits: each item one of "CPU", "GPU".
        service_type (ImageServiceType | Unset): Supported image types. Options:

            - **COMMON**: common image
            - **INFERENCE**: image used for inference
            - TRAIN: image used for training
            - DEV: image used for development and debugging
            - UNKNOWN: image whose supported services are not specified. Limits: one of "COMMON", "INFERENCE", "TRAIN",
            "DEV", "UNKNOWN".
        size (int | Unset): Specifies the image size, in KB.
        status (ImageStatus | Unset): Image status. Options:

            - **INIT**: The image is being initialized.
            - **CREATING**: The image is being saved. In this case, the notebook instance is unavailable.
            - **CREATE_FAILED**: Saving the image failed.
            - **ERROR**: An error occurs.
            - **DELETED**: The image has been deleted.
            - **ACTIVE**: The image has been saved, which you can view on the SWR console and use to create notebook
            instances. Limits: one of "INIT", "CREATING", "CREATE_FAILED", "ERROR", "DELETED", "ACTIVE".
        status_message (str | Unset): Build information during image saving
        support_res_categories (list[ImageSupportResCategoriesItem] | Unset): Flavors supported by the image. Options:

            - **CPU**
            - **GPU**. Limits: each item one of "CPU", "GPU".
        swr_path (str | Unset): SWR image address
        tag (str | Unset): Image tag
        type_ (ImageType | Unset): Image type. Options:

            - **BUILD_IN**: built-in system image
            - **DEDICATED**: private image. Limits: one of "BUILD_IN", "DEDICATED".
        update_at (int | Unset): Specifies the time (UTC ms) when the image was last updated.
        visibility (ImageVisibility | Unset): Image visibility. Options:

            - **PRIVATE**: private image
            - **PUBLIC**: All users can perform read-only operations based on the image ID. Limits: one of "PRIVATE",
            "PUBLIC".
        workspace_id (str | Unset): Workspace ID. If no workspaces are available, the default value is **0**. Limits:
            default when omitted: "0".
    """

    arch: ImageArch | Unset = UNSET
    create_at: int | Unset = UNSET
    description: str | Unset = UNSET
    dev_services: list[ImageDevServicesItem] | Unset = UNSET
    id: str | Unset = UNSET
    name: str | Unset = UNSET
    namespace: str | Unset = UNSET
    origin: ImageOrigin | Unset = UNSET
    resource_categories: list[ImageResourceCategoriesItem] | Unset = UNSET
    service_type: ImageServiceType | Unset = UNSET
    size: int | Unset = UNSET
    status: ImageStatus | Unset = UNSET
    status_message: str | Unset = UNSET
    support_res_categories: list[ImageSupportResCategoriesItem] | Unset = UNSET
    swr_path: str | Unset = UNSET
    tag: str | Unset = UNSET
    type_: ImageType | Unset = UNSET
    update_at: int | Unset = UNSET
    visibility: ImageVisibility | Unset = UNSET
    workspace_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def __repr__(self) -> str:
        """The fields that are set (never ``UNSET``), with secrets masked (``_SECRET``)."""
        shown: list[str] = []
        for attr, key in (
            ("arch", "arch"),
            ("create_at", "create_at"),
            ("description", "description"),
            ("dev_services", "dev_services"),
            ("id", "id"),
            ("name", "name"),
            ("namespace", "namespace"),
            ("origin", "origin"),
            ("resource_categories", "resource_categories"),
            ("service_type", "service_type"),
            ("size", "size"),
            ("status", "status"),
            ("status_message", "status_message"),
            ("support_res_categories", "support_res_categories"),
            ("swr_path", "swr_path"),
            ("tag", "tag"),
            ("type_", "type"),
            ("update_at", "update_at"),
            ("visibility", "visibility"),
            ("workspace_id", "workspace_id"),
        ):
            value = getattr(self, attr)
            if not isinstance(value, Unset):
                shown.append(f"{attr}={'***' if _SECRET.search(key) else repr(value)}")
        extra = {k: ("***" if _SECRET.search(k) else v) for k, v in self.additional_properties.items()}
        if extra:
            shown.append(f"additional_properties={extra!r}")
        return f"{type(self).__name__}({', '.join(shown)})"

    def to_dict(self) -> dict[str, Any]:
        arch: str | Unset = UNSET
        if not isinstance(self.arch, Unset):
            arch = self.arch.value

        create_at = self.create_at

        description = self.description

        dev_services: list[str] | Unset = UNSET
        if not isinstance(self.dev_services, Unset):
            dev_services = []
            for dev_services_item_data in self.dev_services:
                dev_services_item = dev_services_item_data.value
                dev_services.append(dev_services_item)

        id = self.id

        name = self.name

        namespace = self.namespace

        origin: str | Unset = UNSET
        if not isinstance(self.origin, Unset):
            origin = self.origin.value

        resource_categories: list[str] | Unset = UNSET
        if not isinstance(self.resource_categories, Unset):
            resource_categories = []
            for resource_categories_item_data in self.resource_categories:
                resource_categories_item = resource_categories_item_data.value
                resource_categories.append(resource_categories_item)

        service_type: str | Unset = UNSET
        if not isinstance(self.service_type, Unset):
            service_type = self.service_type.value

        size = self.size

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        status_message = self.status_message

        support_res_categories: list[str] | Unset = UNSET
        if not isinstance(self.support_res_categories, Unset):
            support_res_categories = []
            for support_res_categories_item_data in self.support_res_categories:
                support_res_categories_item = support_res_categories_item_data.value
                support_res_categories.append(support_res_categories_item)

        swr_path = self.swr_path

        tag = self.tag

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value

        update_at = self.update_at

        visibility: str | Unset = UNSET
        if not isinstance(self.visibility, Unset):
            visibility = self.visibility.value

        workspace_id = self.workspace_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if arch is not UNSET:
            field_dict["arch"] = arch
        if create_at is not UNSET:
            field_dict["create_at"] = create_at
        if description is not UNSET:
            field_dict["description"] = description
        if dev_services is not UNSET:
            field_dict["dev_services"] = dev_services
        if id is not UNSET:
            field_dict["id"] = id
        if name is not UNSET:
            field_dict["name"] = name
        if namespace is not UNSET:
            field_dict["namespace"] = namespace
        if origin is not UNSET:
            field_dict["origin"] = origin
        if resource_categories is not UNSET:
            field_dict["resource_categories"] = resource_categories
        if service_type is not UNSET:
            field_dict["service_type"] = service_type
        if size is not UNSET:
            field_dict["size"] = size
        if status is not UNSET:
            field_dict["status"] = status
        if status_message is not UNSET:
            field_dict["status_message"] = status_message
        if support_res_categories is not UNSET:
            field_dict["support_res_categories"] = support_res_categories
        if swr_path is not UNSET:
            field_dict["swr_path"] = swr_path
        if tag is not UNSET:
            field_dict["tag"] = tag
        if type_ is not UNSET:
            field_dict["type"] = type_
        if update_at is not UNSET:
            field_dict["update_at"] = update_at
        if visibility is not UNSET:
            field_dict["visibility"] = visibility
        if workspace_id is not UNSET:
            field_dict["workspace_id"] = workspace_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = _require_object("Image", src_dict, ())
        _arch = d.pop("arch", UNSET)
        arch: ImageArch | Unset
        if isinstance(_arch, Unset):
            arch = UNSET
        else:
            arch = ImageArch(_arch)

        create_at = d.pop("create_at", UNSET)

        description = d.pop("description", UNSET)

        _dev_services = d.pop("dev_services", UNSET)
        dev_services: list[ImageDevServicesItem] | Unset = UNSET
        if _dev_services is not UNSET:
            dev_services = []
            for dev_services_item_data in _dev_services:
                dev_services_item = ImageDevServicesItem(dev_services_item_data)

                dev_services.append(dev_services_item)

        id = d.pop("id", UNSET)

        name = d.pop("name", UNSET)

        namespace = d.pop("namespace", UNSET)

        _origin = d.pop("origin", UNSET)
        origin: ImageOrigin | Unset
        if isinstance(_origin, Unset):
            origin = UNSET
        else:
            origin = ImageOrigin(_origin)

        _resource_categories = d.pop("resource_categories", UNSET)
        resource_categories: list[ImageResourceCategoriesItem] | Unset = UNSET
        if _resource_categories is not UNSET:
            resource_categories = []
            for resource_categories_item_data in _resource_categories:
                resource_categories_item = ImageResourceCategoriesItem(resource_categories_item_data)

                resource_categories.append(resource_categories_item)

        _service_type = d.pop("service_type", UNSET)
        service_type: ImageServiceType | Unset
        if isinstance(_service_type, Unset):
            service_type = UNSET
        else:
            service_type = ImageServiceType(_service_type)

        size = d.pop("size", UNSET)

        _status = d.pop("status", UNSET)
        status: ImageStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = ImageStatus(_status)

        status_message = d.pop("status_message", UNSET)

        _support_res_categories = d.pop("support_res_categories", UNSET)
        support_res_categories: list[ImageSupportResCategoriesItem] | Unset = UNSET
        if _support_res_categories is not UNSET:
            support_res_categories = []
            for support_res_categories_item_data in _support_res_categories:
                support_res_categories_item = ImageSupportResCategoriesItem(support_res_categories_item_data)

                support_res_categories.append(support_res_categories_item)

        swr_path = d.pop("swr_path", UNSET)

        tag = d.pop("tag", UNSET)

        _type_ = d.pop("type", UNSET)
        type_: ImageType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = ImageType(_type_)

        update_at = d.pop("update_at", UNSET)

        _visibility = d.pop("visibility", UNSET)
        visibility: ImageVisibility | Unset
        if isinstance(_visibility, Unset):
            visibility = UNSET
        else:
            visibility = ImageVisibility(_visibility)

        workspace_id = d.pop("workspace_id", UNSET)

        _parsed = cls(
            arch=arch,
            create_at=create_at,
            description=description,
            dev_services=dev_services,
            id=id,
            name=name,
            namespace=namespace,
            origin=origin,
            resource_categories=resource_categories,
            service_type=service_type,
            size=size,
            status=status,
            status_message=status_message,
            support_res_categories=support_res_categories,
            swr_path=swr_path,
            tag=tag,
            type_=type_,
            update_at=update_at,
            visibility=visibility,
            workspace_id=workspace_id,
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
