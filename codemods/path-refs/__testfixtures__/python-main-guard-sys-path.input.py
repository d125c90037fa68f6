#!/usr/bin/env python3
"""Print the LightRAG memory server's env file."""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def main() -> int:
    env_file = ROOT / "lightrag_memory_server" / "env.memory_server"
    print(env_file.read_text() if env_file.exists() else f"{env_file} is missing")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.exit(main())
