import os from 'node:os';
import path from 'node:path';

/** The home root persag's `.persag/` lives in: `--home`, else `PERSAG_HOME`, else the OS home dir. */
export function resolvePersagHome(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return path.resolve(flag);
  if (env.PERSAG_HOME) return path.resolve(env.PERSAG_HOME);
  return os.homedir();
}
