"""Announces the current user to the web UI."""
from ..config import settings
from .event_names import USER_ID


def announce(bus):
    bus.emit(USER_ID, settings.get_userid())
