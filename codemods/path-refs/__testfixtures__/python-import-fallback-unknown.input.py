#!/usr/bin/env python3
"""Restart the LightRAG server with the agent's user."""

import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent / "src"))

try:
    from personal_agent.config.settings import USER_ID
except ImportError:
    USER_ID = os.getenv("USER_ID", "default_user")


def restart():
    server_dir = Path(__file__).parent.parent / "lightrag_server"
    subprocess.run(["docker", "compose", "restart"], cwd=server_dir, check=True, env={**os.environ, "USER_ID": USER_ID})
