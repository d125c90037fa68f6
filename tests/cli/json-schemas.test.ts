// Every --json output is validated against its documented schema in schemas/.
import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { REPO, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tree.js';

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);
for (const f of fs.readdirSync(path.join(REPO, 'schemas'))) {
  ajv.addSchema(JSON.parse(fs.readFileSync(path.join(REPO, 'schemas', f), 'utf8')), f);
}

function valid(schema: string, stdout: string): unknown {
  const doc = JSON.parse(stdout) as unknown;
  const check = ajv.getSchema(schema)!;
  expect(check(doc), JSON.stringify(check.errors, null, 2)).toBe(true);
  return doc;
}

describe('--json outputs match schemas/*.schema.json', () => {
  it('plan, dry-run, apply, list, rollback, lint', () => {
    const root = tempDir('mu-json-');
    fs.cpSync(path.join(REPO, 'fixtures/ts-app'), root, { recursive: true });
    const planned = valid('plan-output.schema.json', runCli(['plan', '--json', '--root', root]).stdout) as { planId: string };
    valid('dry-run-output.schema.json', runCli(['apply', '--dry-run', planned.planId, '--json', '--root', root]).stdout);
    valid('dry-run-output.schema.json', runCli(['apply', '--dry-run', '--json', '--root', root]).stdout);
    valid('apply-output.schema.json', runCli(['apply', planned.planId, '--json', '--root', root]).stdout);
    valid('list-output.schema.json', runCli(['list', '--json', '--root', root]).stdout);
    valid('rollback-output.schema.json', runCli(['rollback', planned.planId, '--json', '--root', root]).stdout);
    valid('rollback-output.schema.json', runCli(['rollback', planned.planId, '--json', '--root', root]).stdout);
    const lint = runCli(['lint', '--format', 'json', '--root', path.join(REPO, 'fixtures/continuum-app')]);
    expect((valid('lint-output.schema.json', lint.stdout) as { findings: unknown[] }).findings.length).toBeGreaterThan(5);
    const empty = tempDir('mu-json-');
    valid('plan-output.schema.json', runCli(['plan', '--json', '--root', empty]).stdout);
  }, 180_000); // eleven CLI runs in a row

  it('plan (reused), doctor, plans rm', () => {
    const root = tempDir('mu-json-');
    fs.cpSync(path.join(REPO, 'fixtures/ts-app'), root, { recursive: true });
    const first = valid('plan-output.schema.json', runCli(['plan', '--only', 'code', '--json', '--root', root]).stdout) as { planId: string; reused: boolean };
    const again = valid('plan-output.schema.json', runCli(['plan', '--only', 'code', '--json', '--root', root]).stdout) as { planId: string; reused: boolean };
    expect([first.reused, again.reused, again.planId]).toEqual([false, true, first.planId]);
    valid('doctor-output.schema.json', runCli(['doctor', '--json', '--root', root]).stdout);
    valid('plans-rm-output.schema.json', runCli(['plans', 'rm', first.planId, '--json', '--root', root]).stdout);
  });

  it('every command with --json has a schema', () => {
    const commands = ['plan', 'dry-run', 'apply', 'list', 'rollback', 'lint', 'doctor', 'plans-rm'];
    expect(fs.readdirSync(path.join(REPO, 'schemas')).sort()).toEqual([...commands.map((c) => `${c}-output.schema.json`), 'common.schema.json'].sort());
  });

  it('the schemas reject what they should (a wrong state, a missing field)', () => {
    expect(ajv.getSchema('list-output.schema.json')!([{ id: '20261121-000000-abcdef', createdAt: '2026-11-21T00:00:00Z', state: 'done', profile: 'x', operations: 1, byKind: {}, warnings: 0, errors: 0 }])).toBe(false);
    expect(ajv.getSchema('apply-output.schema.json')!({ planId: '20261121-000000-abcdef', applied: 1 })).toBe(false);
  });
});
