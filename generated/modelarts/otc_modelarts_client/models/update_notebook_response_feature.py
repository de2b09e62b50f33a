from enum import StrEnum


class UpdateNotebookResponseFeature(StrEnum):
    DEFAULT = "DEFAULT"
    NOTEBOOK = "NOTEBOOK"

    def __str__(self) -> str:
        return str(self.value)
