"""Checks the docker user sync against a throwaway tree (the shape of debug_docker_user_sync_improvements.py)."""
import os
import tempfile
from pathlib import Path
from tempfile import mkdtemp

from personal_agent.config.settings import persag_home

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SCRATCH = tempfile.gettempdir()
FIXED = "/srv/agent"


class DockerUserSyncTester:
    def __init__(self):
        self.test_results = {}
        self.temp_dir = None
        self.setup_test_environment()

    def setup_test_environment(self):
        self.temp_dir = Path(tempfile.mkdtemp(prefix="docker_sync_test_"))
        (self.temp_dir / "lightrag_server").mkdir()
        (self.temp_dir / "lightrag_memory_server").mkdir()
        return self.temp_dir / "lightrag_server" / "env.server"

    def scratch_copy(self):
        work = mkdtemp()
        return os.path.join(work, "lightrag_server"), os.path.join(SCRATCH, "lightrag_server"), os.path.join(FIXED, "lightrag_server")

    def real_server_dir(self):
        return persag_home() / "lightrag_server"
