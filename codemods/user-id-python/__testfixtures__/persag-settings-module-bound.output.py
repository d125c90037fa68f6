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
        # The user id lives in <persag home>/env.userid (moved there by
        # migrate-users); read it through get_userid().
        user_id = cfg.get_userid()
        return user_id

    def switch_user(self, user_id: str) -> bool:
        cfg.set_userid(user_id)
        logger.info("switched to %s (was %s)", user_id, cfg.get_userid())
        return True
