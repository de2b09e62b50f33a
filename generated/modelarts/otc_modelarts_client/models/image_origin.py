from enum import StrEnum


class ImageOrigin(StrEnum):
    CUSTOMIZE = "CUSTOMIZE"
    IMAGE_SAVE = "IMAGE_SAVE"

    def __str__(self) -> str:
        return str(self.value)
