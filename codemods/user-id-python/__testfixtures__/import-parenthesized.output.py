from ..config.settings import (
    AGNO_STORAGE_DIR,  # where agno keeps its data
    get_userid,  # the current user
    LLM_MODEL,
)
from ..config import (DATA_DIR,
                      get_userid)


def describe():
    return AGNO_STORAGE_DIR, get_userid(), LLM_MODEL, DATA_DIR, get_userid()
