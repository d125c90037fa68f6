#!/usr/bin/env python3
"""Show which LightRAG server dirs the agent uses (run from anywhere)."""

import logging
import sys
from pathlib import Path

# Add the src directory to the Python path
sys.path.insert(0, str(Path(__file__).parent.parent / "src"))

try:
    from personal_agent.config.settings import persag_home
    from personal_agent.core import docker
except ImportError as e:
    print(f"Failed to import the agent: {e}")
    sys.exit(1)

logger = logging.getLogger(__name__)
BASE_DIR = Path(__file__).parent.parent


def server_dirs():
    return [persag_home() / "lightrag_server", persag_home() / "lightrag_memory_server"]


if __name__ == "__main__":
    for d in server_dirs():
        print(d, d.exists(), docker.__name__)
