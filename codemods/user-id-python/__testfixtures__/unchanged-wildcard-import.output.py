from personal_agent.config.settings import *


def who():
    return USER_ID
