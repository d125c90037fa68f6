"""Memory storage helpers for the personal agent."""

import logging
import os
from typing import Optional

from ..config.settings import DATA_DIR, STORAGE_BACKEND, get_userid

logger = logging.getLogger(__name__)


def storage_paths(create: bool = False) -> dict:
    """Return the per-user storage paths.

    Args:
        create: make the directories as well
    """
    if not DATA_DIR:
        return {}
    user_id = get_userid()
    base = os.path.join(DATA_DIR, STORAGE_BACKEND, user_id)
    paths = {
        "lancedb": os.path.join(base, "lancedb"),
        "knowledge": os.path.join(base, f"knowledge_{user_id}"),
    }
    if create:
        for path in paths.values():
            os.makedirs(path, exist_ok=True)
    logger.info("storage for %s under %s", user_id, base)
    return paths


def memory_owner(user_id: Optional[str] = None) -> str:
    current_user_id = get_userid()
    if user_id is None:
        user_id = current_user_id
    if user_id != current_user_id:
        logger.warning("reading memories of %s as %s", user_id, current_user_id)
    return user_id


async def sync_memories(client, batch):
    user_id = get_userid()
    for item in batch:
        await client.store(item, user=user_id)
    callback = lambda result: logger.debug("stored for %s: %s", get_userid(), result)
    return [callback(r) for r in await client.flush(user_id)]


def iter_sessions(sessions):
    user_id = get_userid()
    for session in sessions:
        if session.owner == user_id:
            yield session.id, user_id


def single_read():
    return f"{DATA_DIR}/{get_userid()}"


if __name__ == "__main__":
    print(f"user: {get_userid()}")
    print(storage_paths())
