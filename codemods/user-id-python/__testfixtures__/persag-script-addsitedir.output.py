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

from personal_agent.config.settings import get_userid  # noqa: E402


def current_user() -> str:
    """The user recorded in env.userid."""
    # The user id lives in <persag home>/env.userid (moved there by
    # migrate-users); read it through get_userid().
    user_id = get_userid()
    return user_id


if __name__ == "__main__":
    print(current_user())
