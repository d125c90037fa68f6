from thirdparty.settings import USER_ID
from .local_constants import USER_ID as LOCAL_USER


def owner():
    return USER_ID, LOCAL_USER
