from personal_agent.config import get_userid


def greet(name=None):
    who = name or get_userid()
    if who == get_userid():
        print(f"Hello {get_userid()}!")
    path = f"/data/{get_userid()}/memory.db"
    return [u for u in (who, get_userid()) if u], path


async def check(user):
    return user != get_userid() and user is not get_userid()
