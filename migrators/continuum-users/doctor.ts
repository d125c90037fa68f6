// Checks a continuum tree after migration: every user has the unified layout, no legacy
// database names or persona dirs remain (what UserDirectoryManager.getPaths relies on).
import fs from 'node:fs';
import path from 'node:path';
import type { DoctorFinding } from '../shared/doctor.js';
import { userIdProblem } from '../shared/user-id.js';
import { LAYOUT, settings, TARGET_DB } from './index.js';

const CHECK = 'continuum-users';

const isDir = (p: string): boolean => fs.lstatSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;

export function checkContinuum(root: string, config: Record<string, unknown>): DoctorFinding[] {
  const s = settings({ config, options: {} });
  const base = path.join(root, s.dir);
  const usersDir = path.join(base, 'users');
  const rel = (p: string): string => path.relative(root, p).split(path.sep).join('/');
  const out: DoctorFinding[] = [];
  if (!isDir(usersDir)) return [{ check: CHECK, severity: 'error', message: `${rel(usersDir)} does not exist: nothing is migrated yet (run \`migrate-users plan\`)`, path: rel(usersDir) }];
  const users = fs.readdirSync(usersDir).filter((n) => isDir(path.join(usersDir, n))).sort();
  let complete = 0;
  for (const id of users) {
    const dir = path.join(usersDir, id);
    const problem = userIdProblem(id);
    if (problem) {
      out.push({ check: CHECK, severity: 'error', message: `user dir ${JSON.stringify(id)} is not a valid user id (${problem})`, path: rel(dir) });
      continue;
    }
    const missing = LAYOUT.filter((d) => !isDir(path.join(dir, d)));
    if (missing.length) out.push({ check: CHECK, severity: 'error', message: `user ${id} lacks ${missing.map((d) => `${d}/`).join(', ')}`, path: rel(dir) });
    const legacy = s.legacyDatabases.filter((n) => n !== TARGET_DB && fs.existsSync(path.join(dir, n)));
    if (legacy.length) out.push({ check: CHECK, severity: 'warn', message: `user ${id} still has legacy database ${legacy.join(', ')} next to ${TARGET_DB}`, path: rel(dir) });
    if (!missing.length && !legacy.length) complete++;
  }
  for (const n of s.users.filter((u) => !users.includes(u))) {
    out.push({ check: CHECK, severity: 'error', message: `configured user ${n} has no ${rel(usersDir)}/${n}/`, path: `${rel(usersDir)}/${n}` });
  }
  const personas = path.join(base, 'personas');
  if (isDir(personas)) {
    const left = fs.readdirSync(personas);
    out.push({ check: CHECK, severity: 'error', message: `legacy ${rel(personas)}/ remains${left.length ? ` with ${left.length} entr${left.length === 1 ? 'y' : 'ies'} (${left.slice(0, 5).join(', ')})` : ' (empty)'}`, path: rel(personas) });
  }
  out.push({ check: CHECK, severity: complete === users.length ? 'ok' : 'warn', message: `${complete}/${users.length} users have the unified layout (${LAYOUT.map((d) => `${d}/`).join(', ')})` });
  return out;
}
