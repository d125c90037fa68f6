import os
from typing import Final

USER_ID: Final[str] = os.environ.get("USER_ID", "default_user")
