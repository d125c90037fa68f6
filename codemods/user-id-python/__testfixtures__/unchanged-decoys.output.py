import os

from personal_agent.core.env import env

# USER_ID is mentioned in this comment only
ENV_KEY = "USER_ID"


class Settings:
    USER_ID = "class attribute"

    def value(self):
        return self.USER_ID


def from_env():
    user = os.getenv("USER_ID", "default_user")
    other = env["USER_ID"]
    return user, other, Settings.USER_ID, os.environ.get("USER_ID")


def local(USER_ID="param"):
    return USER_ID


def reassigned():
    USER_ID = "local"
    return USER_ID


def call(**kw):
    return dict(USER_ID=1)
