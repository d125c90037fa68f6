#!/usr/bin/env python3
"""Print the current user (run from anywhere: makes the agent importable itself)."""
from __future__ import annotations

import os
import site
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from personal_agent.config.settings import BASE_DIR

REPO = Path(__file__).resolve().parent.parent


def _use_repo() -> None:
    os.chdir(REPO)
    site.addsitedir(str(REPO / "src"))


_use_repo()


def current_user() -> str:
    """The user recorded in env.userid."""
    userid_file = REPO / "env.userid"
    if userid_file.exists():
        for line in userid_file.read_text().splitlines():
            if line.startswith("USER_ID="):
                return line.split("=", 1)[1].strip('"')
    return "default_user"


if __name__ == "__main__":
    print(current_user())
