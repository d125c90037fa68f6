"""Settings."""
import os

from .env import get_env_var

DATA_DIR = get_env_var("PERSAG_DATA", "/data")
STORAGE_BACKEND = "agno"

# The current user
USER_ID = get_env_var("USER_ID", "default_user")

AGNO_STORAGE_DIR = os.path.expandvars(f"{DATA_DIR}/{STORAGE_BACKEND}/{USER_ID}")


def user_storage():
    return f"{DATA_DIR}/{STORAGE_BACKEND}/{USER_ID}"
