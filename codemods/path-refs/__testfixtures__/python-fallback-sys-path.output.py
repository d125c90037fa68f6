#!/usr/bin/env python3
"""Print the agent's Docker env files (imported by the package, or run directly)."""

import json
import sys
from pathlib import Path

# Import settings from the config module
try:
    from ..config import settings
except ImportError:
    # Fallback for direct execution
    script_dir = Path(__file__).resolve().parent
    sys.path.insert(0, str(script_dir.parent.parent))
    from personal_agent.config import settings


def get_project_root():
    return Path(__file__).resolve().parent.parent.parent.parent


def env_files():
    project_root = get_project_root()
    return {
        "lightrag_server": str(
            settings.persag_home() / "lightrag_server" / "env.server"
        ),
        "lightrag_memory_server": str(
            settings.persag_home() / "lightrag_memory_server" / "env.memory_server"
        ),
        "user": settings.USER_ID,
    }


if __name__ == "__main__":
    print(json.dumps(env_files(), indent=2))
