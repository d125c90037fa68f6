from ..config import settings
from personal_agent import config
import personal_agent.config.settings
import personal_agent.config.settings as cfg
import personal_agent.config as pconfig


def from_package():
    return settings.USER_ID, settings.DATA_DIR


def full_path():
    return personal_agent.config.settings.USER_ID


def aliased_module():
    return cfg.USER_ID


def package_attribute():
    return config.USER_ID


def aliased_package():
    return pconfig.USER_ID


def several():
    owner = settings.USER_ID
    return owner, cfg.USER_ID
