#!/usr/bin/env python3
"""Tail the LightRAG server log (run from anywhere)."""

import subprocess
import sys
from pathlib import Path

SERVER_DIR = Path(__file__).resolve().parent.parent / "lightrag_server"

# Add the src directory to the Python path
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from personal_agent.config.settings import USER_ID  # noqa: E402


def memory_server_dir():
    return Path(__file__).resolve().parent.parent / "lightrag_memory_server"


def tail():
    print(f"user {USER_ID}")
    subprocess.run(["docker", "compose", "logs", "-f"], cwd=SERVER_DIR, check=False)
