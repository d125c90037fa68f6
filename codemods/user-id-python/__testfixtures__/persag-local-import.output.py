#!/usr/bin/env python3
"""Switches the agent's current user (run from the repository)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))


def switch_user(user_id):
    """Writes the new user id where the agent reads it."""
    try:
        from personal_agent.config.settings import BASE_DIR, set_userid
    except ImportError:
        print("personal_agent is not importable; run this from the repository")
        return False
    set_userid(user_id)
    return True


if __name__ == "__main__":
    sys.exit(0 if switch_user(sys.argv[1] if len(sys.argv) > 1 else "alice") else 1)
