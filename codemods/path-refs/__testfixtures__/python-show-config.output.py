"""Print where the agent finds its configuration."""
import os
import sys
from pathlib import Path

from personal_agent.config.settings import DATA_DIR, persag_home

PROJECT_ROOT = Path(__file__).resolve().parents[1]
USERID_FILE = persag_home() / "env.userid"
SERVER_DIR = persag_home() / "lightrag_server"


def show() -> None:
    print(f"user id file: {USERID_FILE}")
    for name in ("env.server", "config.ini"):
        print(SERVER_DIR / name, (SERVER_DIR / name).exists())
    print(f"{persag_home()}/lightrag_memory_server/env.memory_server")
    print(os.path.join(PROJECT_ROOT, sys.argv[1]))
    print(PROJECT_ROOT / "src" / "lightrag_server", "lightrag_server_backup", DATA_DIR)
