// The published tarball: only what users need, and it works in an unrelated project.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/cli.js';
import { tempDir } from '../helpers/tree.js';

function sh(cmd: string, args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm pack', () => {
  it('ships compiled JS, types, README, LICENSE and schemas only, and `npx migrate-users plan` works from it', () => {
    // `npm pack` in a copy holding what `files` ships plus the manifest script: running it here
    // would rebuild dist/ under the tests that are running (prepack builds first).
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string>; files: string[] };
    expect(pkg.scripts.prepare).toBe('npm run build'); // git URL installs build through it
    expect(pkg.scripts.prepack).toBe('npm run build && node scripts/pack-manifest.mjs strip');
    expect(pkg.scripts.postpack).toBe('node scripts/pack-manifest.mjs restore');
    const stage = tempDir('mu-pack-stage-');
    for (const f of [...pkg.files, 'package.json', 'scripts/pack-manifest.mjs']) fs.cpSync(path.join(REPO, f), path.join(stage, f), { recursive: true });
    const manifest = fs.readFileSync(path.join(stage, 'package.json'), 'utf8');
    expect(sh(process.execPath, ['scripts/pack-manifest.mjs', 'strip'], stage).status).toBe(0);
    const dest = tempDir('mu-pack-');
    const packed = sh('npm', ['pack', '--ignore-scripts', '--pack-destination', dest, '--json'], stage);
    expect(packed.status, packed.stderr).toBe(0);
    expect(sh(process.execPath, ['scripts/pack-manifest.mjs', 'restore'], stage).status).toBe(0);
    expect(fs.readFileSync(path.join(stage, 'package.json'), 'utf8')).toBe(manifest);
    const [info] = JSON.parse(packed.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const tar = sh('tar', ['-xzOf', path.join(dest, info!.filename), 'package/package.json'], dest);
    const scripts = Object.keys((JSON.parse(tar.stdout) as { scripts?: Record<string, string> }).scripts ?? {});
    // Nothing may run when a user installs the tarball: the build happened before packing.
    expect(scripts.filter((s) => /^(pre|post)?(install|prepare|pack)$/.test(s))).toEqual([]);
    const files = info!.files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['bin/migrate-users.js', 'dist/bin/cli.js', 'dist/index.js', 'dist/index.d.ts', 'README.md', 'LICENSE', 'package.json']));
    const unwanted = files.filter((f) => /^(tests|fixtures|bench|scripts|\.ci)\//.test(f) || /\.test\.(js|d\.ts)$/.test(f) || (f.endsWith('.ts') && !f.endsWith('.d.ts')));
    expect(unwanted).toEqual([]);

    const project = tempDir('mu-pack-project-');
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'unrelated-app', version: '1.0.0', private: true }));
    const install = sh('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', path.join(dest, info!.filename)], project);
    expect(install.status, install.stderr).toBe(0);
    fs.cpSync(path.join(REPO, 'fixtures/ts-app/src'), path.join(project, 'src'), { recursive: true });
    const help = sh('npx', ['--no-install', 'migrate-users', '--help'], project);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: migrate-users');
    const plan = sh('npx', ['--no-install', 'migrate-users', 'plan', '--only', 'code'], project);
    expect(plan.status, plan.stderr).toBe(0);
    expect(plan.stdout).toMatch(/Saved plan \d{8}-\d{6}-[0-9a-f]{6}\./);
    expect(plan.stdout).toContain('edit src/config/settings.ts');
    expect(install.stderr).not.toMatch(/prepare|install-scripts|EBADENGINE/);
    // The compiler is loaded through the V8 code cache from the installed package too.
    const codeCache = path.join(project, '.code-cache');
    const lint = spawnSync('npx', ['--no-install', 'migrate-users', 'lint', '--format', 'json'], { cwd: project, encoding: 'utf8', env: { ...process.env, MIGRATE_USERS_CODE_CACHE: codeCache } });
    expect(lint.status, lint.stderr).toBe(1);
    expect(JSON.parse(lint.stdout).findings.length).toBeGreaterThan(0);
    expect(fs.readdirSync(codeCache)).toEqual([expect.stringMatching(/^typescript\.js-[0-9a-f]{12}-[0-9a-f]{12}\.v8$/)]);
    // From a subfolder the project is found as git and ESLint find theirs.
    const listed = sh('npx', ['--no-install', 'migrate-users', 'list'], path.join(project, 'src/services'));
    expect(listed.stdout).toContain(/Saved plan (\S+)\./.exec(plan.stdout)![1]!);
    expect(listed.stderr).toContain(`project root: ${project} (nearest folder with .migrate-users`);
  }, 180_000);
});
