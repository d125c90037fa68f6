"""Helpers kept from the old single-user layout."""

from personal_agent.legacy.settings import USER_ID as LEGACY_USER_ID
from personal_agent.config import settings


def legacy_owner() -> str:
    return LEGACY_USER_ID


def current_owner() -> str:
    return settings.get_userid()
