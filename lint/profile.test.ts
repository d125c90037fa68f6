import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { detectLintProfile } from './profile.js';

const temps: string[] = [];
function tree(dirs: string[], files: string[] = []): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mu-profile-'));
  temps.push(root);
  for (const d of dirs) fs.mkdirSync(path.join(root, d), { recursive: true });
  for (const f of files) fs.writeFileSync(path.join(root, f), '');
  return root;
}

afterEach(() => {
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('detectLintProfile', () => {
  it('continuum from its data dir, or from daemons/*-daemon at the package root or a few levels down', () => {
    expect(detectLintProfile(tree(['.continuum/users']))).toBe('continuum');
    expect(detectLintProfile(tree(['daemons/data-daemon/server']))).toBe('continuum');
    expect(detectLintProfile(tree(['src/debug/jtag/daemons/user-daemon']))).toBe('continuum');
  });

  it('persag from env.userid, lightrag_* dirs or its personal_agent package', () => {
    expect(detectLintProfile(tree([], ['env.userid']))).toBe('persag');
    expect(detectLintProfile(tree(['lightrag_server']))).toBe('persag');
    expect(detectLintProfile(tree(['src/personal_agent/core']))).toBe('persag');
  });

  it('generic otherwise: a daemons dir without *-daemon dirs, shapes too deep or inside node_modules', () => {
    expect(detectLintProfile(tree(['src/daemons/cron']))).toBe('generic');
    expect(detectLintProfile(tree(['a/b/c/d/e/daemons/data-daemon']))).toBe('generic');
    expect(detectLintProfile(tree(['node_modules/pkg/daemons/data-daemon', 'node_modules/x/personal_agent']))).toBe('generic');
  });
});
