from enum import StrEnum


class VolumeResCategory(StrEnum):
    EVS = "EVS"
    SFS = "SFS"

    def __str__(self) -> str:
        return str(self.value)
