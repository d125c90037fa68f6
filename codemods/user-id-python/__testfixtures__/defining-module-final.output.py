import os
from typing import Final


def get_userid() -> str:
    """The current user id, evaluated on every call (replaces USER_ID)."""
    return os.environ.get("USER_ID", "default_user")


# Deprecated: USER_ID is evaluated once, at import, and does not follow a
# user switch; call get_userid() instead.
USER_ID: Final[str] = get_userid()
