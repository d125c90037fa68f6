from ..config.settings import get_userid


def open_store(user_id: str | None = None, *, readonly: bool = False):
    if user_id is None:
        user_id = get_userid()
    return user_id, readonly
