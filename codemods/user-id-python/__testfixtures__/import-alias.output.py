from ..config.settings import get_userid


class UserManager:
    def __init__(self, db):
        self.db = db

    def current(self):
        if self.db.exists(get_userid()):
            return self.db.get(get_userid())
        return None
