import os

from personal_agent.config.settings import DATA_DIR, STORAGE_BACKEND, get_userid

AGNO_STORAGE_DIR = os.path.expandvars(f"{DATA_DIR}/{STORAGE_BACKEND}/{get_userid()}")
DEFAULT_OWNER = get_userid()


class Paths:
    root = f"/data/{get_userid()}"


def storage():
    return AGNO_STORAGE_DIR
