"""User-scoped memory manager (defaults that read USER_ID next to body reads)."""

import logging
from typing import Optional

from ..config import settings
from ..config.settings import DATA_DIR, get_userid

logger = logging.getLogger(__name__)


class MemoryManager:
    def __init__(self, user_id: Optional[str] = None, storage_dir: str = None):
        """Create the manager.

        Args:
            user_id: whose memories (defaults to the current user)
        """
        current_user_id = get_userid()
        if user_id is None:
            user_id = current_user_id
        self.user_id = user_id
        self.is_current_user = user_id == current_user_id
        self.storage_dir = storage_dir or f"{DATA_DIR}/{current_user_id}"

    def export(self, owner=None, label=None):
        user_id = settings.get_userid()
        if owner is None:
            owner = user_id
        if owner != user_id:
            logger.info("exporting %s for %s", owner, user_id)
        return owner, label

    def sync(self, user_id: Optional[str] = None):
        """One read: the guard stays as it is."""
        if user_id is None:
            user_id = get_userid()
        return self.user_id == user_id

    def schedule(self, user_id: Optional[str] = None):
        # a callback runs later, after a possible user switch: it reads on its own
        if user_id is None:
            user_id = get_userid()
        return lambda: (user_id, get_userid())


def pair(a=None, b=None):
    user_id = get_userid()
    if a is None:
        a = user_id
    if b is None:
        b = user_id
    return a, b
