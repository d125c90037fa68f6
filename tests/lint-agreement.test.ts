// The plan and the CI step agree: after `apply`, every static-user-id finding of `lint` sits at a
// file:line where the plan carried a warning (mapped through the file's edit), on every sample app.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { apply, lint, plan } from '../index.js';
import { REPO } from './helpers/cli.js';
import { unwarnedFindings } from './helpers/lines.js';
import { tempDir } from './helpers/tree.js';

const APPS = ['fixtures/ts-app', 'fixtures/continuum-app', 'fixtures/persag-app'];

function readOr(file: string): string {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
}

describe('plan and lint agree on reads of the user id', () => {
  it.each(APPS)('%s: every static-user-id finding left after apply was a plan warning', async (app) => {
    const root = tempDir('mu-agree-');
    fs.cpSync(path.join(REPO, app), root, { recursive: true });
    const before = await lint({ root });
    const files = new Set(before.findings.map((f) => f.file));
    const original = new Map([...files].map((f) => [f, readOr(path.join(root, f))]));
    const p = await plan({ root, only: ['code'] });
    for (const w of p.warnings) if (w.file && !original.has(w.file)) original.set(w.file, readOr(path.join(root, w.file)));
    if (p.operations.length > 0) await apply(p.id, { root });
    const after = (await lint({ root })).findings.filter((f) => f.ruleId === 'static-user-id');
    const textOf = (file: string) => ({ before: original.get(file) ?? '', after: readOr(path.join(root, file)) });
    expect(unwarnedFindings(after, p.warnings, textOf)).toEqual([]);
    expect(before.findings.some((f) => f.ruleId === 'static-user-id')).toBe(true);
  });
});
