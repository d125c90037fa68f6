from ..config.settings import USER_ID as SETTINGS_USER_ID


class UserManager:
    def __init__(self, db):
        self.db = db

    def current(self):
        if self.db.exists(SETTINGS_USER_ID):
            return self.db.get(SETTINGS_USER_ID)
        return None
