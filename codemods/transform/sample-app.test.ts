// The example transforms of fixtures/transforms/ on its sample app, end to end: planned through
// the engine, reviewed with `apply --dry-run`, applied, and rolled back byte for byte.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../plan/apply.js';
import { buildPlan } from '../../plan/build.js';
import { rollbackPlan } from '../../plan/rollback.js';
import { StateDir } from '../../plan/state-dir.js';
import { savePlan } from '../../plan/store.js';
import type { EditOp } from '../../plan/types.js';
import { REPO, runCli } from '../../tests/helpers/cli.js';
import { snapshotTree, tempDir } from '../../tests/helpers/tree.js';
import { transformSource, type TransformSpec } from './index.js';

const FIXTURES = path.join(REPO, 'fixtures/transforms');
const SPECS: TransformSpec[] = [
  { path: path.join(FIXTURES, 'rename-import.cjs') },
  { path: path.join(FIXTURES, 'rename-named-import.mjs') },
  { path: path.join(FIXTURES, 'remove-debug-logs.ts') },
  { path: path.join(FIXTURES, 'rename-env-var.mjs') },
];

function sampleApp(): string {
  const root = tempDir('mu-transform-app-');
  fs.cpSync(path.join(FIXTURES, 'sample-app'), root, { recursive: true });
  return root;
}

async function savedTransformPlan(root: string, specs: TransformSpec[] = SPECS, paths: string[] = []) {
  const plan = await buildPlan({ roots: { project: root }, sources: [transformSource(specs)], paths });
  savePlan(new StateDir(root), plan);
  return plan;
}

describe('transforms on the sample app', () => {
  it('plans one edit per changed file, in order, with reports and stats', async () => {
    const root = sampleApp();
    const plan = await savedTransformPlan(root);
    const edits = plan.operations as EditOp[];
    expect(edits.map((e) => [e.kind, e.path.path])).toEqual([
      ['edit', 'src/components/UserBadge.tsx'],
      ['edit', 'src/config.js'],
      ['edit', 'src/index.ts'],
      ['edit', 'src/legacy/old-api.cjs'],
      ['edit', 'src/users/list.js'],
    ]);
    const name = (f: string) => path.join(FIXTURES, f);
    expect(edits.find((e) => e.path.path === 'src/index.ts')!.group).toBe(
      [name('rename-import.cjs'), name('rename-named-import.mjs'), name('remove-debug-logs.ts')].join(' + '),
    );
    expect(plan.errors).toEqual([]);
    expect(plan.infos).toContainEqual({ source: 'transform', code: 'stats', message: `${name('rename-import.cjs')} stats: imports renamed 4` });
    expect(plan.warnings).toContainEqual({
      source: 'transform',
      code: 'report',
      file: 'src/components/UserBadge.tsx',
      message: `${name('rename-named-import.mjs')}: pluck is now map (imported as pluckField)`,
    });
  });

  it('shows the unified diff on apply --dry-run and changes nothing', async () => {
    const root = sampleApp();
    const plan = await savedTransformPlan(root);
    const before = snapshotTree(root, { includeState: true });
    const r = runCli(['apply', '--dry-run', plan.id, '--root', root]);
    expect(r.stderr).toContain('[transform/report]');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('--- a/src/index.ts\n+++ b/src/index.ts\n');
    expect(r.stdout).toContain("-import { pluck, uniq } from 'lodash';\n+import { map as pluck, uniq } from 'lodash-es';\n");
    expect(r.stdout).toContain("-  console.debug('loaded', users.length, 'users');\n");
    expect(r.stdout).not.toContain('src/format.js');
    expect(snapshotTree(root, { includeState: true })).toEqual(before);
  });

  it('applies to exactly the expected tree and rolls back byte for byte', async () => {
    const root = sampleApp();
    const original = snapshotTree(root);
    const plan = await savedTransformPlan(root);
    await applyPlan(root, plan.id);
    expect(snapshotTree(root)).toEqual(snapshotTree(path.join(FIXTURES, 'sample-app.expected')));
    // The CRLF file stays CRLF throughout even though recast reprints with \n.
    expect(fs.readFileSync(path.join(root, 'src/legacy/old-api.cjs'), 'utf8')).toMatch(/^(?:[^\n]*\r\n)+$/);
    await rollbackPlan(root, plan.id);
    expect(snapshotTree(root)).toEqual(original);
  });

  it('runs through `plan --transform`, with module paths relative to the working directory', () => {
    const root = sampleApp();
    const planned = (extra: string[]): string => {
      const r = runCli(['plan', '--json', '--root', root, ...extra, 'src/legacy'], { cwd: FIXTURES });
      expect(r.status, r.stderr).toBe(0);
      return runCli(['apply', '--dry-run', (JSON.parse(r.stdout) as { planId: string }).planId, '--root', root]).stdout;
    };
    const chained = planned(['--transform', 'rename-import.cjs', '--transform', 'rename-env-var.mjs']);
    expect(chained).toContain("-const _ = require('lodash');\r\n+const _ = require('lodash-es');\r\n");
    expect(chained).toContain('+  return { url: process.env.APP_API_URL, sorted: _.sortBy };\r\n');
    expect(chained).not.toContain('src/index.ts');
    const withOptions = planned(['--transform', 'rename-env-var.mjs', '--transform-options', '{"to":"SERVICE_URL"}']);
    expect(withOptions).toContain('+  return { url: process.env.SERVICE_URL, sorted: _.sortBy };\r\n');
  });

  it('is idempotent: after apply, planning again finds nothing', async () => {
    const root = sampleApp();
    await applyPlan(root, (await savedTransformPlan(root)).id);
    const again = await buildPlan({ roots: { project: root }, sources: [transformSource(SPECS)] });
    expect(again.operations).toEqual([]);
  });

  it('limits the run to the given paths', async () => {
    const root = sampleApp();
    const plan = await savedTransformPlan(root, SPECS, ['src/users']);
    expect(plan.operations.map((op) => (op as EditOp).path.path)).toEqual(['src/users/list.js']);
  });

  it('runs each transform on the previous one\'s output: the second matches only what the first wrote', async () => {
    const root = sampleApp();
    const [renameImport, renameNamed] = SPECS;
    const alone = await buildPlan({ roots: { project: root }, sources: [transformSource([renameNamed!])] });
    expect(alone.operations).toEqual([]);
    const chained = await buildPlan({ roots: { project: root }, sources: [transformSource([renameImport!, renameNamed!])], paths: ['src/index.ts'] });
    expect((chained.operations[0] as EditOp).diff).toContain("+import { map as pluck, uniq } from 'lodash-es';");
  });
});
