#!/usr/bin/env python3
"""
Test script to verify the persistent user context implementation.

A user switch must be persisted to `env.userid` and read back on the next run.
"""

import os
import sys
from pathlib import Path

# Add project root to path
sys.path.insert(0, str(Path(__file__).parent.parent / "src"))


def print_error(message):
    print(f"✗ {message}")


def test_persistent_user_context():
    """Writes a user id to env.userid and reads it back."""
    original_userid_file = None
    try:
        from personal_agent.core.user_manager import UserManager
        from personal_agent.config.settings import BASE_DIR

        userid_file = BASE_DIR / "env.userid"
        userid_file.parent.mkdir(parents=True, exist_ok=True)
        if userid_file.exists():
            original_userid_file = userid_file.read_text()
        UserManager().switch_user("test_user_new")
        with open(userid_file, 'w') as f:
            f.write('USER_ID="test_user_new"\n')
        with open(userid_file, 'r') as f:
            persisted_user = f.read().strip().split('=')[1].strip('"\'')
        return persisted_user == "test_user_new"
    except Exception as e:
        print_error(f"An exception occurred during the test: {e}")
        return False
    finally:
        # Restore the original env.userid file
        try:
            from personal_agent.config.settings import BASE_DIR
            userid_file = BASE_DIR / "env.userid"
            if original_userid_file is not None:
                with open(userid_file, 'w') as f:
                    f.write(original_userid_file)
            elif userid_file.exists():
                os.remove(userid_file)
        except Exception as e:
            print_error(f"Could not restore original env.userid file: {e}")


def server_dir():
    """The LightRAG server's directory."""
    return Path(__file__).parent.parent / "lightrag_server"


if __name__ == "__main__":
    if not test_persistent_user_context():
        print("\n❌ Persistent user context tests failed.")
        sys.exit(1)
    print(f"\n🎉 All tests passed; server config in {server_dir().name}")
