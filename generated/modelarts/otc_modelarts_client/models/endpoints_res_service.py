from enum import StrEnum


class EndpointsResService(StrEnum):
    NOTEBOOK = "NOTEBOOK"
    SSH = "SSH"

    def __str__(self) -> str:
        return str(self.value)
