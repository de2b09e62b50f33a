from enum import StrEnum


class VolumeResOwnership(StrEnum):
    DEDICATED = "DEDICATED"
    MANAGED = "MANAGED"

    def __str__(self) -> str:
        return str(self.value)
