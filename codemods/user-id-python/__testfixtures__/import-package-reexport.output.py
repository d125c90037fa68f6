from personal_agent.config import AGNO_STORAGE_DIR, get_userid


class MemoryStore:
    def __init__(self):
        self.root = AGNO_STORAGE_DIR
        self.owner = get_userid()
