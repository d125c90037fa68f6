from personal_agent.config import USER_ID


def greet(name=None):
    who = name or USER_ID
    if who == USER_ID:
        print(f"Hello {USER_ID}!")
    path = f"/data/{USER_ID}/memory.db"
    return [u for u in (who, USER_ID) if u], path


async def check(user):
    return user != USER_ID and user is not USER_ID
