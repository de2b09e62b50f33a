from enum import StrEnum


class ImageStatus(StrEnum):
    ACTIVE = "ACTIVE"
    CREATE_FAILED = "CREATE_FAILED"
    CREATING = "CREATING"
    DELETED = "DELETED"
    ERROR = "ERROR"
    INIT = "INIT"

    def __str__(self) -> str:
        return str(self.value)
