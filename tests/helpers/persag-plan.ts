// The persag sample app (fixtures/persag-app) with its data (fixtures/persag-data) in a temp
// project and a temp home, planned in memory with the persag profile.
import fs from 'node:fs';
import path from 'node:path';
import { buildPlan } from '../../plan/build.js';
import type { Plan } from '../../plan/types.js';
import { resolveProfile } from '../../profiles/index.js';
import { REPO } from './cli.js';
import { materializeFixture } from './materialize-fixture.js';
import { tempDir } from './tree.js';

export interface PersagPlan {
  project: string;
  home: string;
  plan: Plan;
}

/** `extra` files are written into the project first; `paths` limits the code edits. The caller removes `project` and `home`. */
export async function planPersagApp(paths: string[], extra: Record<string, string> = {}): Promise<PersagPlan> {
  const project = tempDir('mu-persag-app-');
  const home = tempDir('mu-persag-home-');
  fs.cpSync(path.join(REPO, 'fixtures', 'persag-app'), project, { recursive: true });
  await materializeFixture('persag-data', project);
  for (const [file, text] of Object.entries(extra)) fs.writeFileSync(path.join(project, file), text);
  const profile = await resolveProfile({ name: 'persag', root: project, config: {}, only: ['code', 'fs'] });
  const plan = await buildPlan({ roots: { project, home }, sources: profile.sources, sourceOptions: profile.sourceOptions, profile: 'persag', paths });
  return { project, home, plan };
}
