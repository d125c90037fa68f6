from ..config.settings import USER_ID


def get_userid():
    """An unrelated helper that already has the accessor's name."""
    return "legacy"


def both():
    return USER_ID, get_userid()
