from enum import StrEnum

from .._runtime.errors import OTCResponseShapeError


class VolumeResCategory(StrEnum):
    EVS = "EVS"
    SFS = "SFS"

    @classmethod
    def _missing_(cls, value: object) -> "VolumeResCategory | None":
        # The docs' list of values is no promise the service never sends another (nor that its
        # spelling matches): keep an unknown value instead of failing to parse the whole response.
        if not isinstance(value, str):
            # another JSON type is no value of this field: refused by name, like a body of the wrong shape
            raise OTCResponseShapeError("VolumeResCategory", f"expected a string, got {value!r}")
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member

    def __str__(self) -> str:
        return str(self.value)
