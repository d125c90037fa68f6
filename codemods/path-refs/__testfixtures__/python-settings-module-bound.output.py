"""Docker integration for the LightRAG servers."""
import logging
from pathlib import Path

from ..config import settings

logger = logging.getLogger(__name__)


class DockerIntegrationManager:
    def __init__(self, user_id=None):
        self.user_id = user_id or settings.USER_ID
        project_root = Path(__file__).resolve().parent.parent.parent.parent
        self.server_dir = settings.persag_home() / "lightrag_server"
        self.memory_dir = settings.persag_home() / "lightrag_memory_server"

    def env_file(self):
        return self.server_dir / "env.server"
