from ..config.settings import get_userid
import os
from typing import Optional


def load(user_id: Optional[str] = None):
	"""Load."""
	if user_id is None:
		user_id = get_userid()
	return os.path.join("/data", user_id)


class Store:
	def open(self, user_id: Optional[str] = None):
		if user_id is None:
			user_id = get_userid()
		if user_id:
			return user_id
