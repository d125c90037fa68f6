"""Configuration package."""
from .settings import (
    DATA_DIR,
    USER_ID,
)

__all__ = ["DATA_DIR", "USER_ID"]
