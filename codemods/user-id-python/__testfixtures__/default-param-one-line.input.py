from ..config.settings import USER_ID


def who(user_id=USER_ID): return user_id


class A:
    def who(self, user_id: str = USER_ID): return user_id  # one-liner method
