// Colours and progress bars appear only for a person at a terminal: under a pseudo-TTY
// (util-linux `script`), never when piped, never with NO_COLOR / --no-color, never in CI.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, REPO, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tree.js';

const ESC = '\x1b[';
const hasScript = spawnSync('script', ['--version']).status === 0;

function sample(): string {
  const root = tempDir('mu-tty-');
  fs.cpSync(path.join(REPO, 'fixtures/ts-app'), root, { recursive: true });
  return root;
}

function underPty(args: string[], env: Record<string, string | undefined>): string {
  const cmd = [process.execPath, BIN, ...args].map((a) => `'${a}'`).join(' ');
  const full: Record<string, string | undefined> = { ...process.env, ...env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete full[k];
  const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { env: full as NodeJS.ProcessEnv, encoding: 'utf8' });
  return r.stdout;
}

describe.runIf(hasScript)('terminal output', () => {
  it('on a TTY outside CI: a progress bar and colours', () => {
    const out = underPty(['apply', '--dry-run', '--root', sample()], { CI: undefined, NO_COLOR: undefined, FORCE_COLOR: undefined });
    expect(out).toContain('user-id-ts');
    expect(out).toMatch(/\[[█░]+\] \d+\/\d+/); // the bar
    expect(out).toContain(`${ESC}32m+`); // green added lines
    expect(out).toContain(`${ESC}31m-`); // red removed lines
  });

  it('on a TTY with NO_COLOR or --no-color: no colours', () => {
    for (const [args, env] of [[[], { NO_COLOR: '1' }], [['--no-color'], { NO_COLOR: undefined }]] as const) {
      const out = underPty(['apply', '--dry-run', ...args, '--root', sample()], { CI: undefined, FORCE_COLOR: undefined, ...env });
      expect(out).toContain('diff --git');
      expect(out).not.toMatch(/\x1b\[3[0-9]m/);
    }
  });

  it('on a TTY in CI: no progress bar', () => {
    const out = underPty(['plan', '--root', sample()], { CI: 'true', NO_COLOR: undefined });
    expect(out).toContain('Saved plan');
    expect(out).not.toMatch(/\[[█░]+\]/);
  });
});

describe('piped output', () => {
  it('has no escape codes at all', () => {
    const r = runCli(['apply', '--dry-run', '--root', sample()], { env: { NO_COLOR: undefined, CI: undefined } });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('diff --git');
    expect(r.stdout + r.stderr).not.toContain('\x1b');
  });
});
