"""LightRAG server files, in a project whose black config says 79 columns."""
import os
import subprocess
from pathlib import Path

from personal_agent.config.settings import persag_home

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent.parent.parent


def memory_env_file():
    return os.path.join(
        persag_home(), "lightrag_memory_server", "env.memory_server"
    )


def restart_memory_server():
    compose = (
        persag_home() / "lightrag_memory_server" / "docker-compose.memory.yml"
    )
    subprocess.run(["docker", "compose", "-f", str(compose), "up"], check=True)
