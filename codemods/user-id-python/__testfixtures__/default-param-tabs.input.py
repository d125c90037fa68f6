from ..config.settings import USER_ID
import os


def load(user_id: str = USER_ID):
	"""Load."""
	return os.path.join("/data", user_id)


class Store:
	def open(self, user_id: str = USER_ID):
		if user_id:
			return user_id
