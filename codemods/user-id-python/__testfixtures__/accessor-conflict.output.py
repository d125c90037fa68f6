from ..config.settings import get_userid as get_userid_1


def get_userid():
    """An unrelated helper that already has the accessor's name."""
    return "legacy"


def both():
    return get_userid_1(), get_userid()
