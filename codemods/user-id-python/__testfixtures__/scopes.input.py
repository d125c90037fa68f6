from personal_agent.config import USER_ID

handler = lambda user=USER_ID: user


def outer():
    global USER_ID

    def inner():
        nonlocal_value = USER_ID
        return nonlocal_value

    return inner, [u for u in range(3) if USER_ID]


class Config:
    owner = "class attr"

    def method(self, owner=None):
        return owner or USER_ID
