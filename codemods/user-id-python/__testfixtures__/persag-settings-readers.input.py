"""Settings: the current user is recorded in the repo-root env.userid."""
import logging
import os
from pathlib import Path

from .env import get_env_var

logger = logging.getLogger(__name__)

BASE_DIR = Path(__file__).resolve().parent.parent.parent.parent
userid_path = BASE_DIR / "env.userid"


def load_user_from_file():
    """Load the USER_ID from env.userid and set it in the environment."""
    if userid_path.exists():
        with open(userid_path, "r", encoding="utf-8") as f:
            content = f.read().strip()
            if content.startswith("USER_ID="):
                user_id = content.split("=", 1)[1].strip().strip("'\"")
                os.environ["USER_ID"] = user_id
                return user_id
    else:
        logger.warning("%s does not exist; creating it with the default user", userid_path)
        with open(userid_path, "w") as f:
            f.write('USER_ID="default_user"\n')
        os.environ["USER_ID"] = "default_user"
        return "default_user"


# The first point of truth for USER_ID.
load_user_from_file()

USER_ID = get_env_var("USER_ID", "default_user")


def get_current_user_id():
    """Read env.userid again, so that a user switch is seen."""
    for line in userid_path.read_text().splitlines():
        if line.startswith("USER_ID="):
            return line.split("=", 1)[1].strip('"')
    return USER_ID


def userid_file_exists() -> bool:
    return userid_path.exists()
