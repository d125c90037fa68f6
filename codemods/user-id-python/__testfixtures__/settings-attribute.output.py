from ..config import settings
from personal_agent import config
import personal_agent.config.settings
import personal_agent.config.settings as cfg
import personal_agent.config as pconfig


def paths():
    a = settings.get_userid()
    b = personal_agent.config.settings.get_userid()
    c = cfg.get_userid()
    d = settings.DATA_DIR
    e = config.get_userid(), pconfig.get_userid()
    return a, b, c, d, e
