import os

__all__ = ('DATA_DIR', 'USER_ID')

DATA_DIR = os.environ.get("DATA_DIR", "/data")
USER_ID = os.environ.get("USER_ID", "default_user")
