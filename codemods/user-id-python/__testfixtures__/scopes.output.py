from personal_agent.config import get_userid

handler = lambda user=get_userid(): user


def outer():
    global USER_ID

    def inner():
        nonlocal_value = get_userid()
        return nonlocal_value

    return inner, [u for u in range(3) if get_userid()]


class Config:
    owner = "class attr"

    def method(self, owner=None):
        return owner or get_userid()
