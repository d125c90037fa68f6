from personal_agent.config import USER_ID

USER_ID = USER_ID.lower()


def who():
    return USER_ID
