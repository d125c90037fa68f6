"""Settings."""
import os

from .env import get_env_var


def persag_home():
    """The persag home dir: $PERSAG_HOME/.persag (or $PERSAG_HOME itself when
    it holds env.userid), else ~/.persag.
    """
    import os
    from pathlib import Path

    home = os.environ.get("PERSAG_HOME")
    if not home:
        return Path.home() / ".persag"
    base = Path(home)
    if (
        not (base / ".persag" / "env.userid").exists()
        and (base / "env.userid").exists()
    ):
        return base
    return base / ".persag"


def _read_persag_userid():
    """USER_ID from <persag home>/env.userid, else from the repo's own
    env.userid (read, never re-created), or None when neither has it.
    Accepted lines: USER_ID="x", USER_ID='x', USER_ID=x, export USER_ID=x.
    """
    import re
    from pathlib import Path

    for path in (
        persag_home() / "env.userid",
        Path(__file__).resolve().parents[3] / "env.userid",
    ):
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


def set_userid(user_id):
    """Makes user_id the current user: writes USER_ID="<user_id>" to
    <persag home>/env.userid, the file get_userid() reads, atomically (a
    temp file in the same dir, then os.replace).
    """
    import os
    import tempfile

    value = str(user_id)
    if not value or any(c in value for c in "\"\\\r\n"):
        raise ValueError("invalid user id: %r" % (value,))
    home = persag_home()
    home.mkdir(parents=True, exist_ok=True)
    target = home / "env.userid"
    fd, tmp = tempfile.mkstemp(prefix=".env.userid.", dir=str(home))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write('USER_ID="%s"\n' % value)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, target.stat().st_mode & 0o7777 if target.exists() else 0o644)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


DATA_DIR = get_env_var("PERSAG_DATA", "/data")
STORAGE_BACKEND = "agno"


def get_userid() -> str:
    """The current user id: <persag home>/env.userid, read on every call."""
    return _read_persag_userid() or get_env_var("USER_ID", "default_user")


# Deprecated: USER_ID is evaluated once, at import, and does not follow a
# user switch; call get_userid() instead.
# The current user
USER_ID = get_userid()

AGNO_STORAGE_DIR = os.path.expandvars(f"{DATA_DIR}/{STORAGE_BACKEND}/{get_userid()}")


def user_storage():
    return f"{DATA_DIR}/{STORAGE_BACKEND}/{get_userid()}"
