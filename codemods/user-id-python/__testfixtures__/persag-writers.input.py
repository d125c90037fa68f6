"""Switching users writes env.userid."""
import os
from pathlib import Path

from ..config.settings import BASE_DIR, USER_ID

USERID_FILE = BASE_DIR / "env.userid"


class UserManager:
    def __init__(self, base_dir=None):
        self.userid_file = Path(base_dir or BASE_DIR) / "env.userid"

    def switch_user(self, user_id: str) -> bool:
        with open(USERID_FILE, "w", encoding="utf-8") as fh:
            fh.write(f'USER_ID="{user_id}"\n')
        os.environ["USER_ID"] = user_id
        return True

    def reset(self):
        self.userid_file.write_text("USER_ID=%s\n" % USER_ID)

    def restore(self, payload: str):
        with open(USERID_FILE, "w") as fh:
            fh.write(payload)

    def rename_current(self, new_id: str):
        old = USERID_FILE.read_text()
        USERID_FILE.write_text(old.replace(USER_ID, new_id))
