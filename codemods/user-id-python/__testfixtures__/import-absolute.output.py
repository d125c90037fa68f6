"""Agent factory."""
import logging

from personal_agent.config.settings import get_userid

logger = logging.getLogger(__name__)


def build_agent(name):
    logger.info("building %s for %s", name, get_userid())
    return {"name": name, "user": get_userid()}
