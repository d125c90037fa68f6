"""Agent memory wiring, as the project's formatter (79 columns) left it."""

import logging
import os

from ..config.settings import (
    AGNO_STORAGE_DIR,
    LLM_MODEL,
    OLLAMA_URL,
    get_userid,
)

logger = logging.getLogger(__name__)


class AgentMemory:
    def __init__(
        self, model: str = LLM_MODEL, user_id: str | None = None, debug=0
    ):
        if user_id is None:
            user_id = get_userid()
        self.model = model
        self.user_id = user_id

    def storage_path(self) -> str:
        return os.path.join(
            AGNO_STORAGE_DIR, f"{get_userid()}_memory.db", "sess"
        )

    def describe(self):
        user_id = get_userid()
        logger.info("memory of %s on %s (%s)", user_id, OLLAMA_URL, LLM_MODEL)
        self.log("memory of %s on %s (%s)", user_id, OLLAMA_URL, LLM_MODEL)
        return {"user": user_id}

    def banner(self):
        return (
            f"Personal agent for {get_userid()}, running on {OLLAMA_URL} now"
        )

    def connect(self, client):
        return client.connect(
            OLLAMA_URL,
            user=get_userid(),
            model=self.model,
            timeout=30,
            retries=3,
        )


def memory_db(name: str, user_id: str | None = None, *, create: bool = False):
    """The memory database file of a user."""
    if user_id is None:
        user_id = get_userid()
    return os.path.join(AGNO_STORAGE_DIR, user_id, name), create


def profile_path(
    name: str, user_id: str | None = None, *, base: str = AGNO_STORAGE_DIR
) -> str:
    if user_id is None:
        user_id = get_userid()
    return os.path.join(base, user_id, name)
