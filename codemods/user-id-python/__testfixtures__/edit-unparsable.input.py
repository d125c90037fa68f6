from ..config.settings import USER_ID


def continued(user_id=USER_ID): \
    return user_id
