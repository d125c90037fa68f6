from personal_agent.config import get_userid


def greet(name=None):
    user_id = get_userid()
    who = name or user_id
    if who == user_id:
        print(f"Hello {user_id}!")
    path = f"/data/{user_id}/memory.db"
    return [u for u in (who, user_id) if u], path


async def check(user):
    user_id = get_userid()
    return user != user_id and user is not user_id
