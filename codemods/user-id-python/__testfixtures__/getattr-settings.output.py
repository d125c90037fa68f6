"""Memory backend selection, written before the settings module had an accessor."""

import logging

from ..config import settings

logger = logging.getLogger(__name__)


def storage_dir(backend: str = "agno") -> str:
    user = settings.get_userid()
    logger.info("using %s storage for %s", backend, user)
    return f"{settings.DATA_DIR}/{backend}/{user}"


def owner_or(default: str) -> str:
    return settings.get_userid() or default


def describe(key: str) -> str:
    # a computed attribute name is not the constant: untouched
    return str(getattr(settings, key))
