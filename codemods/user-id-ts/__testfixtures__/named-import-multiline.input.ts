import {
  DATA_DIR,
  USER_ID,
  LOG_DIR,
} from "../config/settings"

export function paths() {
  return [DATA_DIR, LOG_DIR, USER_ID]
}
