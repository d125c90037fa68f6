from ..config.settings import (
    AGNO_STORAGE_DIR,  # where agno keeps its data
    USER_ID,  # the current user
    LLM_MODEL,
)
from ..config import (DATA_DIR,
                      USER_ID as CONFIG_USER_ID)


def describe():
    return AGNO_STORAGE_DIR, USER_ID, LLM_MODEL, DATA_DIR, CONFIG_USER_ID
