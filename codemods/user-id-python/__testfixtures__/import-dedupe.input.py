from ..config.settings import USER_ID, get_userid
from ..config.settings import (
    DATA_DIR,
    USER_ID,
)
from ..config.settings import (
    get_userid as _unused,
    USER_ID
)


def both():
    return USER_ID, get_userid(), DATA_DIR
