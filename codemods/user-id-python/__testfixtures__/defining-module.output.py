"""Settings."""
import os

from .env import get_env_var

DATA_DIR = get_env_var("PERSAG_DATA", "/data")
STORAGE_BACKEND = "agno"


def get_userid() -> str:
    """The current user id, evaluated on every call (replaces USER_ID)."""
    return get_env_var("USER_ID", "default_user")


# Deprecated: USER_ID is evaluated once, at import, and does not follow a
# user switch; call get_userid() instead.
# The current user
USER_ID = get_userid()

AGNO_STORAGE_DIR = os.path.expandvars(f"{DATA_DIR}/{STORAGE_BACKEND}/{get_userid()}")


def user_storage():
    return f"{DATA_DIR}/{STORAGE_BACKEND}/{get_userid()}"
