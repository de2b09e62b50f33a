from enum import StrEnum


class EndpointsReqDevService(StrEnum):
    NOTEBOOK = "NOTEBOOK"
    SSH = "SSH"

    @classmethod
    def _missing_(cls, value: object) -> "EndpointsReqDevService | None":
        # The docs' list of values is no promise the service never sends another (nor that its
        # spelling matches): keep an unknown value instead of failing to parse the whole response.
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member

    def __str__(self) -> str:
        return str(self.value)
