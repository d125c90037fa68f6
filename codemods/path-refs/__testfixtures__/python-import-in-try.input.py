"""Keeps the Docker servers' USER_ID in line with the agent's."""
import logging
import sys
from pathlib import Path

# Handle relative imports when running as script vs module
try:
    from ..config.settings import USER_ID
    from ..utils.pag_logging import setup_logging
except ImportError:
    # Running as script, use absolute imports
    sys.path.insert(0, str(Path(__file__).parent.parent.parent))
    from personal_agent.config.settings import USER_ID
    from personal_agent.utils.pag_logging import setup_logging

logger = setup_logging()


class DockerIntegrationManager:
    def __init__(self, user_id=None):
        self.user_id = user_id or USER_ID
        project_root = Path(__file__).resolve().parent.parent.parent.parent
        self.server_dir = project_root / "lightrag_server"
