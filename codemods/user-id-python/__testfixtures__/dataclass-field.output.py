from dataclasses import dataclass, field
from typing import Optional

from personal_agent.config import get_userid


@dataclass
class AgentConfig:
    model: str = "llama3"
    user_id: str = field(default_factory=get_userid)
    label: str = field(default_factory=lambda: f"agent-{get_userid()}")
    notes: Optional[str] = None


@dataclass(frozen=True)
class Other:
    owner: str = field(default_factory=get_userid)
