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
    import re
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
        found = None
        for line in lines:
            match = re.match(r"\s*(?:export\s+)?USER_ID\s*=\s*(.*)$", line)
            if not match:
                continue
            rest = match.group(1)
            if rest[:1] in ("'", '"'):
                quote, end = rest[0], 1
                while end < len(rest) and rest[end] != quote:
                    end += 2 if quote == '"' and rest[end] == "\\" else 1
                if end >= len(rest) or not re.match(r"\s*(#.*)?$", rest[end + 1:]):
                    continue
                value = rest[1:end]
                found = re.sub(r'\\(["\\])', r"\1", value) if quote == '"' else value
            else:
                found = re.split(r"\s#", rest, maxsplit=1)[0].rstrip()
        if found:
            return found
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
