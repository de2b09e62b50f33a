from enum import StrEnum


class ImageSupportResCategoriesItem(StrEnum):
    CPU = "CPU"
    GPU = "GPU"

    def __str__(self) -> str:
        return str(self.value)
