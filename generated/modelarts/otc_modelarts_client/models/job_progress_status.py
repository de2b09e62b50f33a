from enum import StrEnum


class JobProgressStatus(StrEnum):
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"
    PROCESSING = "PROCESSING"
    WAITING = "WAITING"

    def __str__(self) -> str:
        return str(self.value)
