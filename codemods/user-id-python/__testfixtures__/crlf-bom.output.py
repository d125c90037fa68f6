from typing import Optional

from ..config.settings import get_userid


def f(user_id: Optional[str] = None):
    if user_id is None:
        user_id = get_userid()
    return user_id
