// The scaffold a contributor starts from (ARCHITECTURE.md): in a copy of this checkout,
// `npm run new:rule|new:codemod|new:migrator NAME` writes modules that are registered, build,
// type-check, pass their generated tests, fail them once the module is broken, and work through
// the built CLI and the ESLint plugin.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPO } from './helpers/cli.js';
import { tempDir, writeTree } from './helpers/tree.js';

const COPIED = ['README.md', 'package.json', 'tsconfig.json', 'tsconfig.build.json', 'vitest.config.ts', 'index.ts', 'bin', 'plan', 'parse', 'codemods', 'lint', 'migrators', 'profiles', 'eslint-plugin', 'scripts', 'tests/helpers'];
const GENERATED_TESTS = ['lint/rules/sample-rule.test.ts', 'codemods/sample-codemod/fixtures.test.ts', 'migrators/sample-migrator/sample-migrator.test.ts'];

function run(cmd: string, args: string[], cwd: string): { status: number | null; out: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

function checkout(): string {
  const copy = tempDir('mu-scaffold-');
  for (const p of COPIED) {
    fs.cpSync(path.join(REPO, p), path.join(copy, p), { recursive: true, filter: (src) => !/^(codemods|lint|migrators)\/.*(__testfixtures__|__fixtures__|golden)/.test(path.relative(REPO, src)) });
  }
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  return copy;
}

/** Files of the generated tests that failed, by vitest's JSON report. */
function failingFiles(copy: string): { status: number | null; failing: string[]; passed: number } {
  const report = path.join(copy, 'vitest-report.json');
  const r = run(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--reporter=json', `--outputFile=${report}`, ...GENERATED_TESTS], copy);
  const json = JSON.parse(fs.readFileSync(report, 'utf8')) as { numPassedTests: number; testResults: Array<{ name: string; status: string }> };
  expect(json.testResults.map((t) => path.relative(copy, t.name)).sort(), r.out).toEqual([...GENERATED_TESTS].sort());
  return { status: r.status, passed: json.numPassedTests, failing: json.testResults.filter((t) => t.status !== 'passed').map((t) => path.relative(copy, t.name)).sort() };
}

function edit(file: string, from: string, to: string): void {
  const text = fs.readFileSync(file, 'utf8');
  expect(text).toContain(from);
  fs.writeFileSync(file, text.replace(from, to));
}

describe('npm run new:rule / new:codemod / new:migrator', () => {
  it('adds a registered, built, type-checked and tested rule, codemod and migrator', async () => {
    const copy = checkout();
    for (const [kind, name] of [['rule', 'sample-rule'], ['codemod', 'sample-codemod'], ['migrator', 'sample-migrator']]) {
      const r = run('npm', ['run', '--silent', `new:${kind}`, name!], copy);
      expect(r.status, r.out).toBe(0);
    }
    expect(run('npm', ['run', '--silent', 'new:rule', 'sample-rule'], copy).status).toBe(2);

    // One compiler run builds dist/ as `npm run build` does and type-checks the generated tests with it.
    const build = JSON.parse(fs.readFileSync(path.join(copy, 'tsconfig.build.json'), 'utf8')) as { include: string[] };
    fs.writeFileSync(path.join(copy, 'tsconfig.generated.json'), JSON.stringify({ extends: './tsconfig.build.json', include: [...build.include, ...GENERATED_TESTS], exclude: ['node_modules', 'dist', '**/__testfixtures__/**'] }));
    const compiled = run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.generated.json'], copy);
    expect(compiled.status, compiled.out).toBe(0);
    expect(fs.existsSync(path.join(copy, 'dist/lint/rules/sample-rule.js'))).toBe(true);

    const green = failingFiles(copy);
    expect(green.failing).toEqual([]);
    expect(green.status).toBe(0);
    expect(green.passed).toBeGreaterThanOrEqual(11);

    // Registered: the built CLI lints with the new rule and plans with the new sources.
    const project = tempDir('mu-scaffold-app-');
    writeTree(project, {
      'src/a.ts': 'export function f() {\n  forbiddenCall();\n  return oldName(1);\n}\n',
      'legacy-users/alice/notes.txt': 'a\n',
      'migrate-users.config.json': JSON.stringify({ sources: ['sample-codemod', 'sample-migrator'] }),
    });
    const bin = path.join(copy, 'bin/migrate-users.js');
    const lint = run(process.execPath, [bin, 'lint', '--format', 'json'], project);
    const findings = (JSON.parse(lint.out.slice(lint.out.indexOf('{'))) as { findings: Array<{ ruleId: string; file: string; line: number }> }).findings;
    expect(findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`)).toEqual(['sample-rule src/a.ts:2']);
    const plan = run(process.execPath, [bin, 'plan', '--profile', 'generic'], project);
    expect(plan.status, plan.out).toBe(0);
    expect(plan.out).toContain('edit src/a.ts');
    expect(plan.out).toContain('move legacy-users/alice -> users/alice');
    const plugin = (await import(pathToFileURL(path.join(copy, 'dist/eslint-plugin/index.js')).href)) as { default: { rules: Record<string, unknown> } };
    expect(Object.keys(plugin.default.rules)).toContain('sample-rule');

    // The generated tests test something: break each module and each of its tests fails.
    edit(path.join(copy, 'lint/rules/sample-rule.ts'), 'out.push(tsMatch(', 'void (tsMatch(');
    edit(path.join(copy, 'codemods/sample-codemod/transform.ts'), 'text: options.to', 'text: options.from');
    edit(path.join(copy, 'migrators/sample-migrator/index.ts'), "loc('project', `${to}/${id}`)", "loc('project', `${to}/x${id}`)");
    const red = failingFiles(copy);
    expect(red.failing).toEqual([...GENERATED_TESTS].sort());
    expect(red.status).toBe(1);
  }, 600_000);
});
