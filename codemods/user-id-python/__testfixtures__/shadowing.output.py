from personal_agent.config import get_userid


def uses_import():
    return get_userid()


def shadowed_by_local():
    USER_ID = "someone"
    return USER_ID


def shadowed_by_param(USER_ID):
    return USER_ID


def in_comprehension(ids):
    return [USER_ID for USER_ID in ids]


class Holder:
    USER_ID = "class attr"
    value = USER_ID

    def method(self):
        return get_userid()
