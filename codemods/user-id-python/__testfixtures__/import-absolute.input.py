"""Agent factory."""
import logging

from personal_agent.config.settings import USER_ID

logger = logging.getLogger(__name__)


def build_agent(name):
    logger.info("building %s for %s", name, USER_ID)
    return {"name": name, "user": USER_ID}
