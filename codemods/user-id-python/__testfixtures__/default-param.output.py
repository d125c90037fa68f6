from typing import Dict, Optional

from ..config.settings import get_userid


class MemoryCleaner:
    def __init__(self, store, user_id: Optional[str] = None, verbose: bool = False):
        """Clean memories.

        Args:
            user_id: whose memories
        """
        if user_id is None:
            user_id = get_userid()
        self.store = store
        self.user_id = user_id

    def run(self, user_id=None, label: str = "x") -> Dict[str, int]:
        # first statement is a comment
        if user_id is None:
            user_id = get_userid()
        return {user_id: 1}


def fetch(user_id: Optional[str] = None, owner: Optional[str] = None):
    current_user_id = get_userid()
    if user_id is None:
        user_id = current_user_id
    if owner is None:
        owner = current_user_id or "nobody"
    return user_id, owner
