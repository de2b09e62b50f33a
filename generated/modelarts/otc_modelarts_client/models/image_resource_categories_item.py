from enum import StrEnum


class ImageResourceCategoriesItem(StrEnum):
    CPU = "CPU"
    GPU = "GPU"

    def __str__(self) -> str:
        return str(self.value)
