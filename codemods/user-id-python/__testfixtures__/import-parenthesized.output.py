from ..config.settings import (
    AGNO_STORAGE_DIR,  # where agno keeps its data
    get_userid,  # the current user
    LLM_MODEL,
)
from ..config import (DATA_DIR,
                      get_userid)


def describe():
    user_id = get_userid()
    return AGNO_STORAGE_DIR, user_id, LLM_MODEL, DATA_DIR, user_id
