from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .._runtime.errors import require_object as _require_object
from ..models.job_progress_status import JobProgressStatus
from ..models.job_progress_step import JobProgressStep
from ..types import UNSET, Unset

T = TypeVar("T", bound="JobProgress")

# OTC: field names whose values repr() never shows (passwords, AK/SK secret keys, tokens, keys, credentials);
# the same pattern in every generated model, listed in the client README.
_SECRET = re.compile(
    r"pass(word|wd|phrase)?(?![a-z])|pwd|secret|token|credential|private_?key|api_?key"
    r"|(?<![a-z])sk(?![a-z])",
    re.IGNORECASE,
)


@_attrs_define
class JobProgress:
    """
    Attributes:
        notebook_id (str | Unset): Instance ID.
        status (JobProgressStatus | Unset): Job status in a specified step. Options:

            - **WAITING**: The job is awaiting.
            - **PROCESSING**: The job is being processed.
            - **FAILED**: The job failed.
            - **COMPLETED**: The job is complete. Limits: one of "WAITING", "PROCESSING", "FAILED", "COMPLETED".
        step (JobProgressStep | Unset): Job step. Options:

            - **1**: Prepare storage.
            - **2**: Prepare compute resources.
            - **3**: Configure the network.
            - **4**: Initialize the instance. Limits: one of 1, 2, 3, 4.
        step_description (str | Unset): Description of a step in a job.
    """

    notebook_id: str | Unset = UNSET
    status: JobProgressStatus | Unset = UNSET
    step: JobProgressStep | Unset = UNSET
    step_description: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def __repr__(self) -> str:
        """The fields that are set (never ``UNSET``), with secrets masked (``_SECRET``)."""
        shown: list[str] = []
        for attr, key in (
            ("notebook_id", "notebook_id"),
            ("status", "status"),
            ("step", "step"),
            ("step_description", "step_description"),
        ):
            value = getattr(self, attr)
            if not isinstance(value, Unset):
                shown.append(f"{attr}={'***' if _SECRET.search(key) else repr(value)}")
        extra = {k: ("***" if _SECRET.search(k) else v) for k, v in self.additional_properties.items()}
        if extra:
            shown.append(f"additional_properties={extra!r}")
        return f"{type(self).__name__}({', '.join(shown)})"

    def to_dict(self) -> dict[str, Any]:
        notebook_id = self.notebook_id

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        step: int | Unset = UNSET
        if not isinstance(self.step, Unset):
            step = self.step.value

        step_description = self.step_description

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if notebook_id is not UNSET:
            field_dict["notebook_id"] = notebook_id
        if status is not UNSET:
            field_dict["status"] = status
        if step is not UNSET:
            field_dict["step"] = step
        if step_description is not UNSET:
            field_dict["step_description"] = step_description

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = _require_object("JobProgress", src_dict, ())
        notebook_id = d.pop("notebook_id", UNSET)

        _status = d.pop("status", UNSET)
        status: JobProgressStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = JobProgressStatus(_status)

        _step = d.pop("step", UNSET)
        step: JobProgressStep | Unset
        if isinstance(_step, Unset):
            step = UNSET
        else:
            step = JobProgressStep(_step)

        step_description = d.pop("step_description", UNSET)

        _parsed = cls(
            notebook_id=notebook_id,
            status=status,
            step=step,
            step_description=step_description,
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
