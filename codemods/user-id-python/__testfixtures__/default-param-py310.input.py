from ..config.settings import USER_ID


def open_store(user_id: str = USER_ID, *, readonly: bool = False):
    return user_id, readonly
