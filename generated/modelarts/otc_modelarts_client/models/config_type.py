from enum import StrEnum


class ConfigType(StrEnum):
    COMMAND = "COMMAND"
    SCRIPT = "SCRIPT"

    def __str__(self) -> str:
        return str(self.value)
