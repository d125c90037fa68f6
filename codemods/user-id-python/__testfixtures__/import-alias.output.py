from ..config.settings import get_userid


class UserManager:
    def __init__(self, db):
        self.db = db

    def current(self):
        user_id = get_userid()
        if self.db.exists(user_id):
            return self.db.get(user_id)
        return None
