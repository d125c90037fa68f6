from ..config import settings
from personal_agent import config
import personal_agent.config.settings
import personal_agent.config.settings as cfg
import personal_agent.config as pconfig


def from_package():
    return settings.get_userid(), settings.DATA_DIR


def full_path():
    return personal_agent.config.settings.get_userid()


def aliased_module():
    return cfg.get_userid()


def package_attribute():
    return config.get_userid()


def aliased_package():
    return pconfig.get_userid()


def several():
    user_id = settings.get_userid()
    owner = user_id
    return owner, user_id
