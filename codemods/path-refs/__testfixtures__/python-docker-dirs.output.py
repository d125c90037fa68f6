"""Docker servers of the agent: lightrag_server and lightrag_memory_server (docstring: untouched)."""
import os
import subprocess
from pathlib import Path

from personal_agent.config.settings import persag_home

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent.parent.parent
SRC_DIR = Path(__file__).resolve().parents[3]
COMPOSE = "docker-compose.yml"


class ServerDirs:
    def __init__(self, base_dir=None):
        self.base_dir = base_dir or PROJECT_ROOT
        self.configs = {
            "lightrag_server": {
                "dir": persag_home() / "lightrag_server",
                "env_file": "env.server",
            },
            "lightrag_memory_server": {
                "dir": persag_home() / "lightrag_memory_server",
                "env_file": "env.memory_server",
            },
        }

    def compose_file(self, name):
        return os.path.join(persag_home(), "lightrag_server", COMPOSE)

    def memory_env(self):
        return persag_home() / "lightrag_memory_server" / "env.memory_server"

    def restart(self):
        subprocess.run(
            ["docker-compose", "restart"],
            cwd=f"{persag_home()}/lightrag_server",
            check=False,
        )
        print("restarted lightrag_server")

    def is_server(self, name):
        return name == "lightrag_server"


SERVER_DIR = os.getenv("LIGHTRAG_SERVER_DIR", str(persag_home() / "lightrag_server"))
CONFIG_INI = str(persag_home() / "lightrag_server" / "config.ini")
BACKUPS = PROJECT_ROOT / "backups" / "lightrag_server"
NOT_MOVED = SRC_DIR / "lightrag_server"


def print_success(message):
    print(f"ok: {message}")


def announce_restart():
    print_success("Restarted the lightrag_server container")
    print_success(f"Backed up original env.userid file")


def services(manager):
    return [("lightrag_server", manager.server_dir, 9621), ("lightrag_server", "lightrag_memory_server")]
