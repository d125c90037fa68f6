"""Agent memory wiring, as the project's formatter (79 columns) left it."""

import logging
import os

from ..config.settings import AGNO_STORAGE_DIR, LLM_MODEL, OLLAMA_URL, USER_ID

logger = logging.getLogger(__name__)


class AgentMemory:
    def __init__(self, model: str = LLM_MODEL, user_id: str = USER_ID, debug=0):
        self.model = model
        self.user_id = user_id

    def storage_path(self) -> str:
        return os.path.join(AGNO_STORAGE_DIR, f"{USER_ID}_memory.db", "sess")

    def describe(self):
        logger.info("memory of %s on %s (%s)", USER_ID, OLLAMA_URL, LLM_MODEL)
        self.log("memory of %s on %s (%s)", USER_ID, OLLAMA_URL, LLM_MODEL)
        return {"user": USER_ID}

    def banner(self):
        return f"Personal agent for {USER_ID}, running on {OLLAMA_URL} now"

    def connect(self, client):
        return client.connect(
            OLLAMA_URL, user=USER_ID, model=self.model, timeout=30, retries=3
        )


def memory_db(name: str, user_id: str = USER_ID, *, create: bool = False):
    """The memory database file of a user."""
    return os.path.join(AGNO_STORAGE_DIR, user_id, name), create


def profile_path(
    name: str, user_id: str = USER_ID, *, base: str = AGNO_STORAGE_DIR
) -> str:
    return os.path.join(base, user_id, name)
