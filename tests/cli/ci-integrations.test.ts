// The GitHub Action and the pre-commit hook, read from the files teams point at: they parse, have
// what GitHub and pre-commit require, and the commands they run work with this CLI.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/tree.js';

interface ActionStep {
  name?: string;
  id?: string;
  if?: string;
  shell?: string;
  run?: string;
  uses?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
  'working-directory'?: string;
}

interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; default?: string; required?: boolean }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

const action = parse(fs.readFileSync(path.join(REPO, 'action.yml'), 'utf8')) as Action;
const hooks = parse(fs.readFileSync(path.join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as Array<Record<string, unknown>>;

/** Evaluates the `${{ ... }}` forms the action's env blocks use: inputs, the action path, step outputs. */
function expand(value: string, inputs: Record<string, string>, outputs: Record<string, Record<string, string>>): string {
  return value.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expr: string) => {
    if (expr === 'github.action_path') return REPO;
    const input = /^inputs\.([\w-]+)$/.exec(expr);
    if (input) return inputs[input[1]!] ?? '';
    const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr);
    if (output) return outputs[output[1]!]?.[output[2]!] ?? '';
    throw new Error(`the test does not evaluate \${{ ${expr} }}`);
  });
}

/** `name=value` lines a step appended to $GITHUB_OUTPUT. */
function readOutputs(file: string): Record<string, string> {
  return Object.fromEntries(fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

/** Runs the action's shell steps in order as a runner would (bash, env, working dir, $GITHUB_OUTPUT). */
function runAction(workspace: string, given: Record<string, string>): { outputs: Record<string, Record<string, string>>; logs: Record<string, { status: number | null; stdout: string }> } {
  const inputs = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, given[k] ?? v.default ?? '']));
  const outputs: Record<string, Record<string, string>> = {};
  const logs: Record<string, { status: number | null; stdout: string }> = {};
  for (const step of action.runs.steps) {
    if (!step.run) continue;
    const key = step.id ?? step.name!;
    const out = path.join(tempDir('mu-action-out-'), 'output');
    fs.writeFileSync(out, '');
    const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(v, inputs, outputs)]));
    if (step.if && !/^\$\{\{ steps\.lint\.outputs\.exit-code != '0' \}\}$/.test(step.if)) throw new Error(`the test does not evaluate if: ${step.if}`);
    if (step.if && outputs.lint?.['exit-code'] === '0') continue;
    const cwd = path.resolve(workspace, expand(step['working-directory'] ?? '.', inputs, outputs));
    const r = spawnSync('bash', ['-e', '-c', step.run], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env, GITHUB_OUTPUT: out, GITHUB_WORKSPACE: workspace } });
    outputs[key] = readOutputs(out);
    logs[key] = { status: r.status, stdout: r.stdout };
  }
  return { outputs, logs };
}

function continuumCheckout(): string {
  const workspace = tempDir('mu-action-');
  fs.cpSync(path.join(REPO, 'fixtures/continuum-app'), path.join(workspace, 'app'), { recursive: true });
  return workspace;
}

describe('action.yml', () => {
  it('is a composite action with described inputs and outputs, running lint with annotations and a SARIF upload', () => {
    expect(action.name).toBeTruthy();
    expect(action.description).toBeTruthy();
    expect(action.runs.using).toBe('composite');
    for (const [name, input] of Object.entries(action.inputs)) expect(input.description, `input ${name}`).toBeTruthy();
    for (const [name, output] of Object.entries(action.outputs)) expect(output.value, `output ${name}`).toMatch(/^\$\{\{ steps\.[\w-]+\.outputs\.[\w-]+ \}\}$/);
    for (const step of action.runs.steps) {
      if (step.run) expect(step.shell, `${step.name}: composite run steps need a shell`).toBe('bash');
      else expect(step.uses, step.name).toBeTruthy();
      // Inputs reach scripts through env only: an input's text is never pasted into a script.
      expect(step.run ?? '', step.name).not.toMatch(/\$\{\{/);
    }
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload.with?.sarif_file).toBe('${{ steps.lint.outputs.sarif-file }}');
    expect(upload.if).toContain('!cancelled()');
    // No step fetches whatever the registry has under our name.
    for (const step of action.runs.steps) expect(`${step.run ?? ''} ${Object.values(step.env ?? {}).join(' ')}`).not.toMatch(/npx (--yes |-y )?migrate-users/);
    expect(action.inputs.command!.default).toBe('');
  });

  it('runs: annotations in the log, a SARIF report, and the lint exit code failing the job last', () => {
    const workspace = continuumCheckout();
    const { outputs, logs } = runAction(workspace, { 'working-directory': 'app' });
    expect(logs.install!.status).toBe(0);
    expect(logs.lint!.status).toBe(0); // the failure waits for the upload
    expect(logs.lint!.stdout).toMatch(/^::error file=system\/user\/state\/UserStateManager\.ts,line=\d+/m);
    expect(outputs.lint).toEqual({ 'exit-code': '1', 'sarif-file': 'app/migrate-users.sarif' });
    const sarif = JSON.parse(fs.readFileSync(path.join(workspace, 'app/migrate-users.sarif'), 'utf8')) as { version: string; runs: Array<{ results: unknown[] }> };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results.length).toBeGreaterThan(10);
    expect(logs['Fail on findings']!.status).toBe(1);
  });

  it('passes with a baseline of today\'s findings, and takes paths', () => {
    const workspace = continuumCheckout();
    const app = path.join(workspace, 'app');
    expect(spawnSync(process.execPath, [path.join(REPO, 'bin/migrate-users.js'), 'lint', '--update-baseline'], { cwd: app }).status).toBe(0);
    const { outputs, logs } = runAction(workspace, { 'working-directory': 'app', baseline: 'migrate-users.baseline.json', paths: 'system daemons' });
    expect(outputs.lint!['exit-code']).toBe('0');
    expect(logs['Fail on findings']).toBeUndefined();
    const broken = runAction(workspace, { 'working-directory': 'app', 'max-warnings': 'many' });
    expect(broken.outputs.lint!['exit-code']).toBe('2');
  });
});

describe('.pre-commit-hooks.yaml', () => {
  const hook = hooks.find((h) => h.id === 'migrate-users-lint')!;

  it('declares the migrate-users-lint hook with what pre-commit requires', () => {
    expect(hook).toBeDefined();
    for (const key of ['id', 'name', 'entry', 'language']) expect(typeof hook[key], key).toBe('string');
    expect(hook.language).toBe('system');
    expect(hook.types_or).toEqual(expect.arrayContaining(['ts', 'tsx', 'javascript', 'python']));
    // Runs what the project installed; never downloads a package by name.
    expect(hook.entry).toMatch(/^npx --no-install migrate-users lint\b/);
  });

  it('its entry lints the files pre-commit passes, with the copy the project installed', () => {
    const project = tempDir('mu-hook-');
    writeTree(project, {
      'package.json': '{ "name": "app", "private": true }',
      'src/config/settings.ts': "export const USER_ID = process.env.USER_ID ?? 'default_user';\n",
      'src/session.ts': "import { USER_ID } from './config/settings';\nexport const who = (): string => USER_ID;\n",
      'src/clean.ts': "import { getUserId } from './config/settings';\nexport const who = (): string => getUserId();\n",
    });
    fs.mkdirSync(path.join(project, 'node_modules/.bin'), { recursive: true });
    fs.symlinkSync(REPO, path.join(project, 'node_modules/migrate-users'), 'dir');
    fs.symlinkSync('../migrate-users/bin/migrate-users.js', path.join(project, 'node_modules/.bin/migrate-users'));
    // pre-commit appends the staged files to the entry and runs it at the repository root.
    const run = (files: string[]): { status: number | null; stdout: string } => {
      const r = spawnSync('sh', ['-c', `${hook.entry as string} "$@"`, 'entry', ...files], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      return { status: r.status, stdout: r.stdout };
    };
    const bad = run(['src/session.ts', 'src/clean.ts']);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('src/session.ts');
    expect(bad.stdout).toContain('static-user-id');
    expect(bad.stdout).not.toContain('src/clean.ts');
    expect(run(['src/clean.ts']).status).toBe(0);
  });
});
