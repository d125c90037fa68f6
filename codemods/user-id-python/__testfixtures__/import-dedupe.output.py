from ..config.settings import get_userid
from ..config.settings import (
    DATA_DIR,
)
from ..config.settings import (
    get_userid as _unused
)


def both():
    return get_userid(), get_userid(), DATA_DIR
