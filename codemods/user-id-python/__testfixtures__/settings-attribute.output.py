from ..config import settings
import personal_agent.config.settings
import personal_agent.config.settings as cfg


def paths():
    a = settings.get_userid()
    b = personal_agent.config.settings.get_userid()
    c = cfg.get_userid()
    d = settings.DATA_DIR
    return a, b, c, d
