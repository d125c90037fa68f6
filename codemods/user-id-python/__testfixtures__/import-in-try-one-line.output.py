try:
    from personal_agent.config import get_userid
except ImportError: get_userid = lambda: "default_user"

try:
    from ..config import get_userid
except ImportError:
    get_userid = lambda: "x"; print("fallback")


def users():
    user_id = get_userid()
    return user_id, user_id
