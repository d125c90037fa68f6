#!/usr/bin/env python3
"""
Docker User ID Synchronization Tool

Keeps the USER_ID of the LightRAG servers' env files in line with the agent's.
"""

import os
import sys
from pathlib import Path
from typing import Optional

# Add the src directory to Python path for imports
sys.path.insert(0, str(Path(__file__).parent.parent / "src"))

try:
    from personal_agent.config.settings import USER_ID as SYSTEM_USER_ID
except ImportError:
    # Fallback if import fails
    SYSTEM_USER_ID = os.getenv("USER_ID", "default_user")


class DockerUserSync:
    """Manages USER_ID synchronization between system and Docker containers."""

    def __init__(self, base_dir: Optional[Path] = None):
        self.base_dir = base_dir or Path(__file__).parent.parent
        self.docker_configs = {
            'lightrag_server': {
                'dir': self.base_dir / 'lightrag_server',
                'env_file': 'env.server',
            },
        }


if __name__ == "__main__":
    sync = DockerUserSync()
    for name, config in sync.docker_configs.items():
        print(name, config['dir'] / config['env_file'], SYSTEM_USER_ID)
