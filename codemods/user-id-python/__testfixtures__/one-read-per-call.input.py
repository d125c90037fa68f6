"""Memory storage helpers for the personal agent."""

import logging
import os

from ..config.settings import DATA_DIR, STORAGE_BACKEND, USER_ID

logger = logging.getLogger(__name__)


def storage_paths(create: bool = False) -> dict:
    """Return the per-user storage paths.

    Args:
        create: make the directories as well
    """
    if not DATA_DIR:
        return {}
    base = os.path.join(DATA_DIR, STORAGE_BACKEND, USER_ID)
    paths = {
        "lancedb": os.path.join(base, "lancedb"),
        "knowledge": os.path.join(base, f"knowledge_{USER_ID}"),
    }
    if create:
        for path in paths.values():
            os.makedirs(path, exist_ok=True)
    logger.info("storage for %s under %s", USER_ID, base)
    return paths


def memory_owner(user_id: str = USER_ID) -> str:
    if user_id != USER_ID:
        logger.warning("reading memories of %s as %s", user_id, USER_ID)
    return user_id


async def sync_memories(client, batch):
    for item in batch:
        await client.store(item, user=USER_ID)
    callback = lambda result: logger.debug("stored for %s: %s", USER_ID, result)
    return [callback(r) for r in await client.flush(USER_ID)]


def iter_sessions(sessions):
    for session in sessions:
        if session.owner == USER_ID:
            yield session.id, USER_ID


def single_read():
    return f"{DATA_DIR}/{USER_ID}"


if __name__ == "__main__":
    print(f"user: {USER_ID}")
    print(storage_paths())
