from enum import StrEnum


class ImageType(StrEnum):
    BUILD_IN = "BUILD_IN"
    DEDICATED = "DEDICATED"

    def __str__(self) -> str:
        return str(self.value)
