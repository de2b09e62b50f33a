from enum import StrEnum


class ImageDevServicesItem(StrEnum):
    NOTEBOOK = "NOTEBOOK"
    SSH = "SSH"

    def __str__(self) -> str:
        return str(self.value)
