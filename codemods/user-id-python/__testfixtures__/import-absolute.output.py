"""Agent factory."""
import logging

from personal_agent.config.settings import get_userid

logger = logging.getLogger(__name__)


def build_agent(name):
    user_id = get_userid()
    logger.info("building %s for %s", name, user_id)
    return {"name": name, "user": user_id}
