from personal_agent.config import AGNO_STORAGE_DIR, USER_ID


class MemoryStore:
    def __init__(self):
        self.root = AGNO_STORAGE_DIR
        self.owner = USER_ID
