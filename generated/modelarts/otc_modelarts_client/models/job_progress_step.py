from enum import IntEnum

from .._runtime.errors import OTCResponseShapeError


class JobProgressStep(IntEnum):
    PREPARE_STORAGE = 1
    PREPARE_COMPUTE_RESOURCES = 2
    CONFIGURE_THE_NETWORK = 3
    INITIALIZE_THE_INSTANCE = 4

    @classmethod
    def _missing_(cls, value: object) -> "JobProgressStep | None":
        # See the string enums: an undocumented value is kept, not rejected.
        if not isinstance(value, int) or isinstance(value, bool):
            raise OTCResponseShapeError("JobProgressStep", f"expected an integer, got {value!r}")
        member = int.__new__(cls, value)
        member._name_ = f"VALUE_{value}"
        member._value_ = value
        return member

    def __str__(self) -> str:
        return str(self.value)
