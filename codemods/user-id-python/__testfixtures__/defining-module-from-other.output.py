"""Settings that take the user from another settings module."""
from ..config import settings


def get_userid() -> str:
    """The current user id, evaluated on every call (replaces USER_ID)."""
    return settings.get_userid()


# Deprecated: USER_ID is evaluated once, at import, and does not follow a
# user switch; call get_userid() instead.
USER_ID = get_userid()
