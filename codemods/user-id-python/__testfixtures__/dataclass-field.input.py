from dataclasses import dataclass
from typing import Optional

from personal_agent.config import USER_ID


@dataclass
class AgentConfig:
    model: str = "llama3"
    user_id: str = USER_ID
    label: str = f"agent-{USER_ID}"
    notes: Optional[str] = None


@dataclass(frozen=True)
class Other:
    owner: str = USER_ID
