// In one persag plan, user-id-python warns `legacy-user-path` on literals naming the repo-root
// env.userid, and path-refs rewrites the path expressions that follow it into the persag home:
// a literal path-refs rewrites is no longer a legacy path, so the plan keeps no warning for it;
// one it leaves alone keeps its warning.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { buildPlan } from '../../plan/build.js';
import type { EditOp } from '../../plan/types.js';
import { resolveProfile } from '../../profiles/index.js';
import { REPO } from '../../tests/helpers/cli.js';
import { materializeFixture } from '../../tests/helpers/materialize-fixture.js';
import { tempDir } from '../../tests/helpers/tree.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const BACKUPS = ['"""Backups of the user file."""', 'from pathlib import Path', '', 'BACKUP = Path("backups") / "env.userid"', ''].join('\n');

it('warns legacy-user-path only where path-refs does not rewrite the path', async () => {
  const project = tempDir('mu-settles-');
  const home = tempDir('mu-settles-home-');
  dirs.push(project, home);
  fs.cpSync(path.join(REPO, 'fixtures', 'persag-app'), project, { recursive: true });
  await materializeFixture('persag-data', project);
  fs.writeFileSync(path.join(project, 'src/personal_agent/core/backups.py'), BACKUPS);
  const profile = await resolveProfile({ name: 'persag', root: project, config: {}, only: ['code', 'fs'] });
  const plan = await buildPlan({ roots: { project, home }, sources: profile.sources, sourceOptions: profile.sourceOptions, profile: 'persag', paths: ['src/personal_agent/core'] });
  const legacy = plan.warnings.filter((w) => w.code === 'legacy-user-path');
  // user_manager.py:10 `USERID_FILE = BASE_DIR / "env.userid"` becomes `persag_home() / "env.userid"`.
  const userManager = fs.readFileSync(path.join(project, 'src/personal_agent/core/user_manager.py'), 'utf8').split('\n');
  expect(userManager[9]).toBe('USERID_FILE = BASE_DIR / "env.userid"');
  const edits = plan.operations.filter((o): o is EditOp => o.kind === 'edit');
  expect(edits.find((e) => e.path.path.endsWith('user_manager.py'))?.diff).toContain('+USERID_FILE = persag_home() / "env.userid"');
  expect(legacy.map((w) => `${w.file}:${w.line}:${w.column}`)).toEqual(['src/personal_agent/core/backups.py:4:28']);
  expect(legacy.every((w) => !('movedPath' in w))).toBe(true);
});
