from ..config.settings import USER_ID


def f(user_id: str = USER_ID):
    return user_id
