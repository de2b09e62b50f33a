from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .._runtime.errors import require_object as _require_object
from ..models.update_notebook_response_feature import UpdateNotebookResponseFeature
from ..models.update_notebook_response_status import UpdateNotebookResponseStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.endpoints_res import EndpointsRes
    from ..models.image import Image
    from ..models.job_progress import JobProgress
    from ..models.lease import Lease
    from ..models.pool import Pool
    from ..models.volume_res import VolumeRes


T = TypeVar("T", bound="UpdateNotebookResponse")

# OTC: field names whose values repr() never shows (passwords, AK/SK secret keys, tokens, keys, credentials);
# the same pattern in every generated model, listed in the client README.
_SECRET = re.compile(
    r"pass(word|wd|phrase)?(?![a-z])|pwd|secret|token|credential|private_?key|api_?key"
    r"|(?<![a-z])sk(?![a-z])",
    re.IGNORECASE,
)


@_attrs_define
class UpdateNotebookResponse:
    """
    Attributes:
        action_progress (list[JobProgress] | Unset): Instance initialization progress.
        description (str | Unset): Instance description
        endpoints (list[EndpointsRes] | Unset): This section describes how to configure the local IDE (such as PyCharm
            and VS Code) or SSH client to remotely access a notebook instance through SSH.
        fail_reason (str | Unset): Instance failure cause
        flavor (str | Unset): Instance flavor
        id (str | Unset): Instance ID.
        image (Image | Unset):
        lease (Lease | Unset):
        name (str | Unset): Instance name
        pool (Pool | Unset):
        status (UpdateNotebookResponseStatus | Unset): Instance status. Options:

            - **INIT**: The instance is being initialized.
            - **CREATING**: The instance is being created.
            - **STARTING**: The instance is starting.
            - **STOPPING**: The instance is being stopped.
            - **DELETING**: The instance is being deleted.
            - **RUNNING**: The instance is running.
            - **STOPPED**: The instance has been stopped.
            - **SNAPSHOTTING**: The image of the instance is being saved.
            - **CREATE_FAILED**: Creating the instance failed.
            - **START_FAILED**: Starting the instance failed.
            - **DELETE_FAILED**: Deleting the instance failed.
            - **ERROR**: An error occurred.
            - **DELETED**: The instance has been deleted.
            - **FROZEN**: The instance is frozen. Limits: one of "INIT", "CREATING", "STARTING", "STOPPING", "DELETING",
            "RUNNING", "STOPPED", "SNAPSHOTTING", "CREATE_FAILED", "START_FAILED", "DELETE_FAILED", "ERROR", "DELETED",
            "FROZEN".
        token (str | Unset): Token information used for notebook authentication.
        url (str | Unset): URL for accessing the notebook instance
        volume (VolumeRes | Unset):
        workspace_id (str | Unset): Workspace ID. If no workspaces are available, the default value is **0**. Limits:
            default when omitted: "0".
        feature (UpdateNotebookResponseFeature | Unset): Instance type. Options:

            - **DEFAULT**: free CodeLab instance. You can create only one.
            - **NOTEBOOK**: billed instance. Limits: one of "DEFAULT", "NOTEBOOK".
    """

    action_progress: list[JobProgress] | Unset = UNSET
    description: str | Unset = UNSET
    endpoints: list[EndpointsRes] | Unset = UNSET
    fail_reason: str | Unset = UNSET
    flavor: str | Unset = UNSET
    id: str | Unset = UNSET
    image: Image | Unset = UNSET
    lease: Lease | Unset = UNSET
    name: str | Unset = UNSET
    pool: Pool | Unset = UNSET
    status: UpdateNotebookResponseStatus | Unset = UNSET
    token: str | Unset = UNSET
    url: str | Unset = UNSET
    volume: VolumeRes | Unset = UNSET
    workspace_id: str | Unset = UNSET
    feature: UpdateNotebookResponseFeature | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def __repr__(self) -> str:
        """The fields that are set (never ``UNSET``), with secrets masked (``_SECRET``)."""
        shown: list[str] = []
        for attr, key in (
            ("action_progress", "action_progress"),
            ("description", "description"),
            ("endpoints", "endpoints"),
            ("fail_reason", "fail_reason"),
            ("flavor", "flavor"),
            ("id", "id"),
            ("image", "image"),
            ("lease", "lease"),
            ("name", "name"),
            ("pool", "pool"),
            ("status", "status"),
            ("token", "token"),
            ("url", "url"),
            ("volume", "volume"),
            ("workspace_id", "workspace_id"),
            ("feature", "feature"),
        ):
            value = getattr(self, attr)
            if not isinstance(value, Unset):
                shown.append(f"{attr}={'***' if _SECRET.search(key) else repr(value)}")
        extra = {k: ("***" if _SECRET.search(k) else v) for k, v in self.additional_properties.items()}
        if extra:
            shown.append(f"additional_properties={extra!r}")
        return f"{type(self).__name__}({', '.join(shown)})"

    def to_dict(self) -> dict[str, Any]:
        action_progress: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.action_progress, Unset):
            action_progress = []
            for action_progress_item_data in self.action_progress:
                action_progress_item = action_progress_item_data.to_dict()
                action_progress.append(action_progress_item)

        description = self.description

        endpoints: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.endpoints, Unset):
            endpoints = []
            for endpoints_item_data in self.endpoints:
                endpoints_item = endpoints_item_data.to_dict()
                endpoints.append(endpoints_item)

        fail_reason = self.fail_reason

        flavor = self.flavor

        id = self.id

        image: dict[str, Any] | Unset = UNSET
        if not isinstance(self.image, Unset):
            image = self.image.to_dict()

        lease: dict[str, Any] | Unset = UNSET
        if not isinstance(self.lease, Unset):
            lease = self.lease.to_dict()

        name = self.name

        pool: dict[str, Any] | Unset = UNSET
        if not isinstance(self.pool, Unset):
            pool = self.pool.to_dict()

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        token = self.token

        url = self.url

        volume: dict[str, Any] | Unset = UNSET
        if not isinstance(self.volume, Unset):
            volume = self.volume.to_dict()

        workspace_id = self.workspace_id

        feature: str | Unset = UNSET
        if not isinstance(self.feature, Unset):
            feature = self.feature.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if action_progress is not UNSET:
            field_dict["action_progress"] = action_progress
        if description is not UNSET:
            field_dict["description"] = description
        if endpoints is not UNSET:
            field_dict["endpoints"] = endpoints
        if fail_reason is not UNSET:
            field_dict["fail_reason"] = fail_reason
        if flavor is not UNSET:
            field_dict["flavor"] = flavor
        if id is not UNSET:
            field_dict["id"] = id
        if image is not UNSET:
            field_dict["image"] = image
        if lease is not UNSET:
            field_dict["lease"] = lease
        if name is not UNSET:
            field_dict["name"] = name
        if pool is not UNSET:
            field_dict["pool"] = pool
        if status is not UNSET:
            field_dict["status"] = status
        if token is not UNSET:
            field_dict["token"] = token
        if url is not UNSET:
            field_dict["url"] = url
        if volume is not UNSET:
            field_dict["volume"] = volume
        if workspace_id is not UNSET:
            field_dict["workspace_id"] = workspace_id
        if feature is not UNSET:
            field_dict["feature"] = feature

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.endpoints_res import EndpointsRes  # noqa: PLC0415
        from ..models.image import Image  # noqa: PLC0415
        from ..models.job_progress import JobProgress  # noqa: PLC0415
        from ..models.lease import Lease  # noqa: PLC0415
        from ..models.pool import Pool  # noqa: PLC0415
        from ..models.volume_res import VolumeRes  # noqa: PLC0415

        d = _require_object("UpdateNotebookResponse", src_dict, ())
        _action_progress = d.pop("action_progress", UNSET)
        action_progress: list[JobProgress] | Unset = UNSET
        if _action_progress is not UNSET:
            action_progress = []
            for action_progress_item_data in _action_progress:
                action_progress_item = JobProgress.from_dict(action_progress_item_data)

                action_progress.append(action_progress_item)

        description = d.pop("description", UNSET)

        _endpoints = d.pop("endpoints", UNSET)
        endpoints: list[EndpointsRes] | Unset = UNSET
        if _endpoints is not UNSET:
            endpoints = []
            for endpoints_item_data in _endpoints:
                endpoints_item = EndpointsRes.from_dict(endpoints_item_data)

                endpoints.append(endpoints_item)

        fail_reason = d.pop("fail_reason", UNSET)

        flavor = d.pop("flavor", UNSET)

        id = d.pop("id", UNSET)

        _image = d.pop("image", UNSET)
        image: Image | Unset
        if isinstance(_image, Unset):
            image = UNSET
        else:
            image = Image.from_dict(_image)

        _lease = d.pop("lease", UNSET)
        lease: Lease | Unset
        if isinstance(_lease, Unset):
            lease = UNSET
        else:
            lease = Lease.from_dict(_lease)

        name = d.pop("name", UNSET)

        _pool = d.pop("pool", UNSET)
        pool: Pool | Unset
        if isinstance(_pool, Unset):
            pool = UNSET
        else:
            pool = Pool.from_dict(_pool)

        _status = d.pop("status", UNSET)
        status: UpdateNotebookResponseStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = UpdateNotebookResponseStatus(_status)

        token = d.pop("token", UNSET)

        url = d.pop("url", UNSET)

        _volume = d.pop("volume", UNSET)
        volume: VolumeRes | Unset
        if isinstance(_volume, Unset):
            volume = UNSET
        else:
            volume = VolumeRes.from_dict(_volume)

        workspace_id = d.pop("workspace_id", UNSET)

        _feature = d.pop("feature", UNSET)
        feature: UpdateNotebookResponseFeature | Unset
        if isinstance(_feature, Unset):
            feature = UNSET
        else:
            feature = UpdateNotebookResponseFeature(_feature)

        _parsed = cls(
            action_progress=action_progress,
            description=description,
            endpoints=endpoints,
            fail_reason=fail_reason,
            flavor=flavor,
            id=id,
            image=image,
            lease=lease,
            name=name,
            pool=pool,
            status=status,
            token=token,
            url=url,
            volume=volume,
            workspace_id=workspace_id,
            feature=feature,
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
