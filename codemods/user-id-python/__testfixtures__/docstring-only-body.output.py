from typing import Optional

from ..config.settings import get_userid


def documented(user_id: Optional[str] = None):
    """Only a docstring."""
    if user_id is None:
        user_id = get_userid()


def commented(user_id: Optional[str] = None):  # trailing comment on the def line
    # a comment before the first statement
    if user_id is None:
        user_id = get_userid()
    return user_id
