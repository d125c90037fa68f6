from ..config import settings
from personal_agent import config
import personal_agent.config.settings
import personal_agent.config.settings as cfg
import personal_agent.config as pconfig


def paths():
    a = settings.USER_ID
    b = personal_agent.config.settings.USER_ID
    c = cfg.USER_ID
    d = settings.DATA_DIR
    e = config.USER_ID, pconfig.USER_ID
    return a, b, c, d, e
