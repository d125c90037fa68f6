// Checks a persag home after migration, as the seed's validate_persag_structure did: the one
// env.userid, the docker dirs with their compose and env files, every env file agreeing on the
// user id, and nothing left behind in the project.
import fs from 'node:fs';
import path from 'node:path';
import type { DoctorFinding } from '../shared/doctor.js';
import { envValue } from '../shared/env-file.js';
import { settings } from './index.js';

const CHECK = 'persag-home';

const exists = (p: string): boolean => fs.lstatSync(p, { throwIfNoEntry: false }) !== undefined;

export function checkPersag(root: string, home: string, config: Record<string, unknown>): DoctorFinding[] {
  const s = settings({ config, options: {} });
  const persag = path.join(home, s.homeDir);
  const out: DoctorFinding[] = [];
  const userIdFile = path.join(persag, s.userIdFile);
  const userId = exists(userIdFile) ? envValue(fs.readFileSync(userIdFile, 'utf8'), 'USER_ID') : undefined;
  if (!exists(userIdFile)) out.push({ check: CHECK, severity: 'error', message: `${userIdFile} is missing: the user id has no single source of truth`, path: userIdFile });
  else if (!userId) out.push({ check: CHECK, severity: 'error', message: `${userIdFile} holds no USER_ID=...`, path: userIdFile });
  for (const dir of s.dirs) {
    const d = path.join(persag, dir);
    if (!exists(d)) {
      out.push({ check: CHECK, severity: 'warn', message: `${d} is missing`, path: d });
      continue;
    }
    if (!fs.readdirSync(d).some((n) => /^(docker-)?compose(\.[\w.-]+)?\.ya?ml$/.test(n))) out.push({ check: CHECK, severity: 'error', message: `${dir}: no docker-compose.yml`, path: d });
    for (const env of s.envFiles) {
      const f = path.join(d, env);
      if (!exists(f)) continue;
      const v = envValue(fs.readFileSync(f, 'utf8'), 'USER_ID');
      if (v !== undefined && userId !== undefined && v !== userId) {
        out.push({ check: CHECK, severity: 'error', message: `${dir}/${env} says USER_ID=${v} but ${s.userIdFile} says ${userId}`, path: f });
      }
    }
  }
  for (const legacy of [s.userIdFile, ...s.dirs].filter((n) => exists(path.join(root, n)))) {
    out.push({ check: CHECK, severity: 'error', message: `legacy ${legacy} remains in the project; \`migrate-users plan --profile persag\` moves it to ${persag}`, path: legacy });
  }
  if (!out.some((f) => f.severity === 'error')) out.push({ check: CHECK, severity: 'ok', message: `${persag} is complete${userId ? `; every env file says USER_ID=${userId}` : ''}` });
  return out;
}
