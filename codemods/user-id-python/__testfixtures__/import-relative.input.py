from ..config.settings import USER_ID
from ..config.settings import DATA_DIR


def storage_dir():
    return f"{DATA_DIR}/agno/{USER_ID}"
