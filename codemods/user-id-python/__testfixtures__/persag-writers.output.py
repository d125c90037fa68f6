"""Switching users writes env.userid."""
import os
from pathlib import Path

from ..config.settings import BASE_DIR, get_userid, set_userid

USERID_FILE = BASE_DIR / "env.userid"


class UserManager:
    def __init__(self, base_dir=None):
        self.userid_file = Path(base_dir or BASE_DIR) / "env.userid"

    def switch_user(self, user_id: str) -> bool:
        set_userid(user_id)
        os.environ["USER_ID"] = user_id
        return True

    def reset(self):
        set_userid(get_userid())

    def restore(self, payload: str):
        with open(USERID_FILE, "w") as fh:
            fh.write(payload)

    def rename_current(self, new_id: str):
        old = USERID_FILE.read_text()
        USERID_FILE.write_text(old.replace(get_userid(), new_id))
