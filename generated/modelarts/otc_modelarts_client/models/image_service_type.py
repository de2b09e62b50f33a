from enum import StrEnum


class ImageServiceType(StrEnum):
    COMMON = "COMMON"
    DEV = "DEV"
    INFERENCE = "INFERENCE"
    TRAIN = "TRAIN"
    UNKNOWN = "UNKNOWN"

    def __str__(self) -> str:
        return str(self.value)
