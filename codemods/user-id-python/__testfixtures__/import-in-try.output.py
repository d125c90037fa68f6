try:
    from personal_agent.config.settings import get_userid
except ImportError:
    def get_userid() -> str:
        return "default_user"

try:
    from ..config import get_userid
except ImportError:  # running as a script
    from personal_agent.config import get_userid


def users():
    user_id = get_userid()
    return [user_id, user_id]
