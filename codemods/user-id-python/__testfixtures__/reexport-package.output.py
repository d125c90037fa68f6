"""Configuration package."""
from .settings import (
    DATA_DIR,
    USER_ID,
    get_userid,
)

__all__ = ["DATA_DIR", "USER_ID", "get_userid"]
