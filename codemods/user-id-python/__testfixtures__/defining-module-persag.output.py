"""Settings."""
import os

from .env import get_env_var

DATA_DIR = get_env_var("PERSAG_DATA", "/data")
STORAGE_BACKEND = "agno"


def _read_persag_userid():
    """USER_ID from <persag home>/env.userid, or None when the file or the key is missing.

    The home is $PERSAG_HOME/.persag (or $PERSAG_HOME itself when it holds env.userid),
    else ~/.persag. Accepted lines: USER_ID="x", USER_ID='x', USER_ID=x, export USER_ID=x.
    """
    import os
    from pathlib import Path

    home = os.environ.get("PERSAG_HOME")
    if home:
        candidates = [Path(home) / ".persag" / "env.userid", Path(home) / "env.userid"]
    else:
        candidates = [Path.home() / ".persag" / "env.userid"]
    for path in candidates:
        try:
            lines = path.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for line in lines:
            line = line.strip()
            if line.startswith("export "):
                line = line[len("export "):].lstrip()
            key, sep, value = line.partition("=")
            if not sep or key.strip() != "USER_ID":
                continue
            value = value.strip()
            if value[:1] in ("'", '"'):
                closing = value.find(value[0], 1)
                value = value[1:closing] if closing > 0 else value[1:]
            else:
                value = value.split("#", 1)[0].strip()
            if value:
                return value
    return None


def get_userid() -> str:
    """The current user id, read from <persag home>/env.userid on every call (replaces USER_ID)."""
    return _read_persag_userid() or get_env_var("USER_ID", "default_user")


# Deprecated: USER_ID is evaluated once at import and does not follow a user switch; call get_userid().
# The current user
USER_ID = get_userid()

AGNO_STORAGE_DIR = os.path.expandvars(f"{DATA_DIR}/{STORAGE_BACKEND}/{get_userid()}")


def user_storage():
    return f"{DATA_DIR}/{STORAGE_BACKEND}/{get_userid()}"
