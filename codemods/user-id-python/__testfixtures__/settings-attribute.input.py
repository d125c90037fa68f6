from ..config import settings
import personal_agent.config.settings
import personal_agent.config.settings as cfg


def paths():
    a = settings.USER_ID
    b = personal_agent.config.settings.USER_ID
    c = cfg.USER_ID
    d = settings.DATA_DIR
    return a, b, c, d
