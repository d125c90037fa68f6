// In one persag plan, user-id-python warns `legacy-user-path` on literals naming the repo-root
// env.userid, and path-refs rewrites the path expressions that follow it into the persag home:
// a literal path-refs rewrites is no longer a legacy path, so the plan keeps no warning for it;
// one it leaves alone keeps its warning.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { EditOp } from '../../plan/types.js';
import { planPersagApp } from '../../tests/helpers/persag-plan.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const BACKUPS = ['"""Backups of the user file."""', 'from pathlib import Path', '', 'BACKUP = Path("backups") / "env.userid"', ''].join('\n');

it('warns legacy-user-path only where path-refs does not rewrite the path', async () => {
  const { project, home, plan } = await planPersagApp(['src/personal_agent/core'], { 'src/personal_agent/core/backups.py': BACKUPS });
  dirs.push(project, home);
  const legacy = plan.warnings.filter((w) => w.code === 'legacy-user-path');
  // user_manager.py:10 `USERID_FILE = BASE_DIR / "env.userid"` becomes `persag_home() / "env.userid"`.
  const userManager = fs.readFileSync(path.join(project, 'src/personal_agent/core/user_manager.py'), 'utf8').split('\n');
  expect(userManager[9]).toBe('USERID_FILE = BASE_DIR / "env.userid"');
  const edits = plan.operations.filter((o): o is EditOp => o.kind === 'edit');
  expect(edits.find((e) => e.path.path.endsWith('user_manager.py'))?.diff).toContain('+USERID_FILE = persag_home() / "env.userid"');
  expect(legacy.map((w) => `${w.file}:${w.line}:${w.column}`)).toEqual(['src/personal_agent/core/backups.py:4:28']);
  expect(legacy.every((w) => !('movedPath' in w))).toBe(true);
});
