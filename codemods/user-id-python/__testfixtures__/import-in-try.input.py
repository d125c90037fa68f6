try:
    from personal_agent.config.settings import USER_ID
except ImportError:
    USER_ID = "default_user"

try:
    from ..config import USER_ID as CFG_USER
except ImportError:  # running as a script
    from personal_agent.config import USER_ID as CFG_USER


def users():
    return [USER_ID, CFG_USER]
