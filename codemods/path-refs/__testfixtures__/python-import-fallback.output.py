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
    from personal_agent.config.settings import USER_ID as SYSTEM_USER_ID, persag_home
except ImportError:
    # Fallback if import fails
    SYSTEM_USER_ID = os.getenv("USER_ID", "default_user")

    def persag_home():
        """The persag home dir: $PERSAG_HOME/.persag (or $PERSAG_HOME itself when
        it holds env.userid), else ~/.persag.
        """
        import os
        from pathlib import Path

        home = os.environ.get("PERSAG_HOME")
        if not home:
            return Path.home() / ".persag"
        base = Path(home)
        if (
            not (base / ".persag" / "env.userid").exists()
            and (base / "env.userid").exists()
        ):
            return base
        return base / ".persag"


class DockerUserSync:
    """Manages USER_ID synchronization between system and Docker containers."""

    def __init__(self, base_dir: Optional[Path] = None):
        self.base_dir = base_dir or Path(__file__).parent.parent
        self.docker_configs = {
            'lightrag_server': {
                'dir': persag_home() / "lightrag_server",
                'env_file': 'env.server',
            },
        }


if __name__ == "__main__":
    sync = DockerUserSync()
    for name, config in sync.docker_configs.items():
        print(name, config['dir'] / config['env_file'], SYSTEM_USER_ID)
