from enum import IntEnum


class JobProgressStep(IntEnum):
    VALUE_1 = 1
    VALUE_2 = 2
    VALUE_3 = 3
    VALUE_4 = 4

    @classmethod
    def _missing_(cls, value: object) -> "JobProgressStep | None":
        # See the string enums: an undocumented value is kept, not rejected.
        if not isinstance(value, int) or isinstance(value, bool):
            return None
        member = int.__new__(cls, value)
        member._name_ = f"VALUE_{value}"
        member._value_ = value
        return member

    def __str__(self) -> str:
        return str(self.value)
