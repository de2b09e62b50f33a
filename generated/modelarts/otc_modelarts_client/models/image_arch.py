from enum import StrEnum


class ImageArch(StrEnum):
    AARCH64 = "AARCH64"
    X86_64 = "X86_64"

    def __str__(self) -> str:
        return str(self.value)
