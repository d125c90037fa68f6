#!/usr/bin/env python3
"""Lists the LightRAG server directories of the current user."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

try:
    from personal_agent.core.docker_integration import DockerIntegrationManager
except ImportError as e:
    print(f"Cannot import personal_agent ({e}); run this from the repository")
    sys.exit(1)

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def server_dirs():
    return [PROJECT_ROOT / "lightrag_server", PROJECT_ROOT / "lightrag_memory_server"]


def main():
    manager = DockerIntegrationManager()
    for server_dir in server_dirs():
        print(server_dir.name, server_dir.exists(), manager.user_id)


if __name__ == "__main__":
    main()
