"""Settings that take the user from another settings module."""
from ..config import settings

USER_ID = settings.USER_ID
