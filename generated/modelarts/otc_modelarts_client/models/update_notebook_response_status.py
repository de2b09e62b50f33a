from enum import StrEnum


class UpdateNotebookResponseStatus(StrEnum):
    CREATE_FAILED = "CREATE_FAILED"
    CREATING = "CREATING"
    DELETED = "DELETED"
    DELETE_FAILED = "DELETE_FAILED"
    DELETING = "DELETING"
    ERROR = "ERROR"
    FROZEN = "FROZEN"
    INIT = "INIT"
    RUNNING = "RUNNING"
    SNAPSHOTTING = "SNAPSHOTTING"
    STARTING = "STARTING"
    START_FAILED = "START_FAILED"
    STOPPED = "STOPPED"
    STOPPING = "STOPPING"

    def __str__(self) -> str:
        return str(self.value)
