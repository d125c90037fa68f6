"""Keeps the Docker servers' USER_ID in line with the agent's."""
import logging
import os
from typing import Optional

logger = logging.getLogger(__name__)


class DockerUserSync:
    def _get_system_user_id(self) -> Optional[str]:
        """Get system USER_ID with proper fallback chain."""
        # Try imported value first
        try:
            from ..config.settings import get_userid
            user_id = get_userid()
            if user_id:
                return user_id
        except ImportError:
            pass

        # Try environment variable
        env_user_id = os.getenv("USER_ID")
        if env_user_id:
            return env_user_id
        return None

    def describe(self) -> str:
        from ..config.settings import get_userid
        user_id = get_userid()
        logger.info("syncing %s", user_id)
        return f"user {user_id}"
