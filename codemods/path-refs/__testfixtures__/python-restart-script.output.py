#!/usr/bin/env python3
"""Restart the LightRAG containers after a user switch."""
import os
import subprocess
import sys
from pathlib import Path

from personal_agent.config.settings import persag_home

ROOT = Path(__file__).parent
SERVERS = ["lightrag_server", "lightrag_memory_server"]


def restart(name: str) -> int:
    compose = ROOT / name / "docker-compose.yml"
    return subprocess.call(["docker", "compose", "-f", str(compose), "restart"])


def restart_all() -> None:
    for server_dir in (
        persag_home() / "lightrag_server",
        persag_home() / "lightrag_memory_server",
    ):
        subprocess.call(["docker", "compose", "restart"], cwd=server_dir)
    os.chdir(str(persag_home() / "lightrag_server"))
    subprocess.call("cd lightrag_memory_server && docker compose up -d", shell=True)


def env_file() -> str:
    return os.path.join(persag_home(), "lightrag_server", "env.server")


if __name__ == "__main__":
    print(f"restarting {', '.join(SERVERS)}")
    sys.exit(restart(sys.argv[1] if len(sys.argv) > 1 else "lightrag_server"))
