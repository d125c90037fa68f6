from ..config.settings import USER_ID

def broken(:
    return USER_ID
