from ..config.settings import USER_ID


def documented(user_id: str = USER_ID):
    """Only a docstring."""


def commented(user_id: str = USER_ID):  # trailing comment on the def line
    # a comment before the first statement
    return user_id
