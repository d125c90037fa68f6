"""User-scoped memory manager (defaults that read USER_ID next to body reads)."""

import logging

from ..config import settings
from ..config.settings import DATA_DIR, USER_ID

logger = logging.getLogger(__name__)


class MemoryManager:
    def __init__(self, user_id: str = USER_ID, storage_dir: str = None):
        """Create the manager.

        Args:
            user_id: whose memories (defaults to the current user)
        """
        self.user_id = user_id
        self.is_current_user = user_id == USER_ID
        self.storage_dir = storage_dir or f"{DATA_DIR}/{USER_ID}"

    def export(self, owner=settings.USER_ID, label=None):
        if owner != settings.USER_ID:
            logger.info("exporting %s for %s", owner, settings.USER_ID)
        return owner, label

    def sync(self, user_id: str = USER_ID):
        """One read: the guard stays as it is."""
        return self.user_id == user_id

    def schedule(self, user_id: str = USER_ID):
        # a callback runs later, after a possible user switch: it reads on its own
        return lambda: (user_id, USER_ID)


def pair(a=USER_ID, b=USER_ID): return a, b
