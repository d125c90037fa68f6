import {
  DATA_DIR,
  getUserId,
  LOG_DIR,
} from "../config/settings"

export function paths() {
  return [DATA_DIR, LOG_DIR, getUserId()]
}
