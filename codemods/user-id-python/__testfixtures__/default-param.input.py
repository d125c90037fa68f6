from typing import Dict

from ..config.settings import USER_ID


class MemoryCleaner:
    def __init__(self, store, user_id: str = USER_ID, verbose: bool = False):
        """Clean memories.

        Args:
            user_id: whose memories
        """
        self.store = store
        self.user_id = user_id

    def run(self, user_id=USER_ID, label: str = "x") -> Dict[str, int]:
        # first statement is a comment
        return {user_id: 1}


def fetch(user_id: Optional[str] = USER_ID, owner: str = USER_ID or "nobody"):
    return user_id, owner
