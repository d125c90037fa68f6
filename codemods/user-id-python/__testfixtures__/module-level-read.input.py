import os

from personal_agent.config.settings import DATA_DIR, STORAGE_BACKEND, USER_ID

AGNO_STORAGE_DIR = os.path.expandvars(f"{DATA_DIR}/{STORAGE_BACKEND}/{USER_ID}")
DEFAULT_OWNER = USER_ID


class Paths:
    root = f"/data/{USER_ID}"


def storage():
    return AGNO_STORAGE_DIR
