import os

__all__ = ('DATA_DIR', 'USER_ID', 'get_userid')

DATA_DIR = os.environ.get("DATA_DIR", "/data")


def get_userid() -> str:
    """The current user id, evaluated on every call (replaces USER_ID)."""
    return os.environ.get("USER_ID", "default_user")


# Deprecated: USER_ID is evaluated once, at import, and does not follow a
# user switch; call get_userid() instead.
USER_ID = get_userid()
