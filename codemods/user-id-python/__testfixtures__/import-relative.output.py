from ..config.settings import get_userid
from ..config.settings import DATA_DIR


def storage_dir():
    return f"{DATA_DIR}/agno/{get_userid()}"
