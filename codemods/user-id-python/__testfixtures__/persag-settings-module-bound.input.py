"""Switching users: the user id is recorded in the repo-root env.userid."""
import logging
from pathlib import Path

from ..config import settings as cfg

logger = logging.getLogger(__name__)


class UserManager:
    def __init__(self):
        self.userid_file = Path(cfg.BASE_DIR) / "env.userid"

    def current_user(self):
        """The user recorded in env.userid."""
        with open(self.userid_file, "r", encoding="utf-8") as f:
            return f.read().strip().split("=", 1)[1].strip('"')

    def switch_user(self, user_id: str) -> bool:
        with open(self.userid_file, "w", encoding="utf-8") as fh:
            fh.write(f'USER_ID="{user_id}"\n')
        logger.info("switched to %s (was %s)", user_id, cfg.USER_ID)
        return True
