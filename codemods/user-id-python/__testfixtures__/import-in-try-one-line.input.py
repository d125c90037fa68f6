try:
    from personal_agent.config import USER_ID
except ImportError: USER_ID = "default_user"

try:
    from ..config import USER_ID as CFG
except ImportError:
    CFG = "x"; print("fallback")


def users():
    return USER_ID, CFG
