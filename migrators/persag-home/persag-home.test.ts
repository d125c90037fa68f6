import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildPlan } from '../../plan/build.js';
import { setRenameForTesting } from '../../plan/move.js';
import { ProjectFiles } from '../../plan/files.js';
import type { EditOp, MoveOp, PlanContext, Roots } from '../../plan/types.js';
import { materializeFixture } from '../../tests/helpers/materialize-fixture.js';
import { formatResult, golden, planApplyRollback } from '../../tests/helpers/plan-cycle.js';
import { persagHomeSource, resolvePersagHome } from './index.js';
import { runSource } from '../../tests/helpers/sources.js';

const GOLDEN = path.join(path.dirname(new URL(import.meta.url).pathname), 'golden');

function tempDir(prefix: string): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

async function sample(): Promise<Roots> {
  const project = await materializeFixture('persag-data', path.join(tempDir('persag-'), 'project'));
  return { project, home: tempDir('persag-home-') };
}

function ctxFor(roots: Roots, config: Record<string, unknown> = {}): Omit<PlanContext, 'emit'> {
  return { roots, config, options: {}, files: new ProjectFiles(roots.project), paths: [] };
}

function write(root: string, rel: string, content: string): void {
  const p = path.join(root, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
}

const mask = (roots: Roots): [string, string][] => [
  [roots.project, '<project>'],
  [roots.home!, '<home>'],
];

describe('persag-home on the bundled sample', () => {
  it('plans a readable operation list', async () => {
    const roots = await sample();
    const plan = await buildPlan({ roots, sources: [persagHomeSource] });
    const text = formatResult(plan, mask(roots));
    expect(text).toBe(golden(path.join(GOLDEN, 'plan.txt'), text));
    // Secrets never reach the plan: env edits carry only the USER_ID lines.
    const json = JSON.stringify(plan);
    expect(json).not.toContain('sk-live');
    expect(json).not.toContain('mk-9d8c');
    const envEdits = plan.operations.filter((o): o is EditOp => o.kind === 'edit' && (o as EditOp).sensitive === true);
    expect(envEdits.map((e) => e.changedKeys)).toEqual([['USER_ID'], ['USER_ID'], ['USER_ID']]);
  });

  it('moves everything home, keeps mounts resolving, syncs USER_ID, and rolls back byte for byte', async () => {
    const roots = await sample();
    const cycle = await planApplyRollback({ roots, sources: [persagHomeSource] }, () => {
      const home = path.join(roots.home!, '.persag');
      for (const [rel, name] of [
        ['lightrag_server/docker-compose.yml', 'lightrag_server.docker-compose.yml'],
        ['lightrag_memory_server/docker-compose.yml', 'lightrag_memory_server.docker-compose.yml'],
        ['lightrag_server/env.server', 'lightrag_server.env.server'],
        ['lightrag_server/.env', 'lightrag_server.dotenv'],
        ['lightrag_memory_server/env.memory_server', 'lightrag_memory_server.env.memory_server'],
        ['lightrag_memory_server/env.save', 'lightrag_memory_server.env.save'],
        ['env.userid', 'env.userid'],
      ]) {
        const text = fs.readFileSync(path.join(home, rel!), 'utf8').split(roots.project).join('<project>');
        expect(text, rel).toBe(golden(path.join(GOLDEN, 'after', name!), text));
      }
      // Every relative host path in the moved compose files resolves to an existing path.
      for (const dir of ['lightrag_server', 'lightrag_memory_server']) {
        const compose = parse(fs.readFileSync(path.join(home, dir, 'docker-compose.yml'), 'utf8'));
        for (const service of Object.values(compose.services) as { volumes: (string | { source: string })[] }[]) {
          for (const v of service.volumes) {
            const host = typeof v === 'string' ? v.split(':')[0]! : v.source;
            if (host.startsWith('.') || host.startsWith('/')) expect(fs.existsSync(path.resolve(home, dir, host)), host).toBe(true);
          }
        }
      }
      expect(fs.statSync(path.join(home, 'lightrag_server/env.server')).mode & 0o777).toBe(0o600);
    });
    // Compose files hold the temp project's absolute path: their content is checked above.
    const tree = cycle.applied.join('\n').replace(/(docker-compose\.yml) [0-9a-f]{16}$/gm, '$1 <golden above>') + '\n';
    expect(tree).toBe(golden(path.join(GOLDEN, 'applied-tree.txt'), tree));
    expect(cycle.rolledBack).toEqual(cycle.before);
  });

  it('plans nothing once applied', async () => {
    const roots = await sample();
    await planApplyRollback({ roots, sources: [persagHomeSource] }, async () => {
      const again = await runSource(persagHomeSource, ctxFor(roots));
      expect(again).toEqual({ operations: [], warnings: [], errors: [] });
    });
  });
});

describe('persag-home cases', () => {
  it('moves across filesystems (EXDEV) by verified copy, with the same result and rollback', async () => {
    const plain = await sample();
    const expected = (await planApplyRollback({ roots: plain, sources: [persagHomeSource] })).applied;
    const roots = await sample();
    setRenameForTesting((from, to) => {
      throw Object.assign(new Error(`EXDEV: cross-device link not permitted, rename '${from}' -> '${to}'`), { code: 'EXDEV' });
    });
    try {
      const cycle = await planApplyRollback({ roots, sources: [persagHomeSource] });
      const masked = (lines: string[], r: Roots) => lines.map((l) => l.replace(/(docker-compose\.yml) [0-9a-f]{16}$/, '$1').split(r.project).join('<project>'));
      expect(masked(cycle.applied, roots)).toEqual(masked(expected, plain));
      expect(cycle.rolledBack).toEqual(cycle.before);
    } finally {
      setRenameForTesting(undefined);
    }
  });

  it('reads every env.userid format, CRLF and comments included, and moves the file unchanged', async () => {
    for (const [text, id] of [
      ['# who\r\nUSER_ID="dora"\r\n', 'dora'],
      ["USER_ID='dora' # quoted\n", 'dora'],
      ['export USER_ID=dora\n', 'dora'],
      ['USER_ID=dora', 'dora'],
    ] as const) {
      const roots = await sample();
      write(roots.project, 'env.userid', text);
      const res = await runSource(persagHomeSource, ctxFor(roots));
      const env = res.operations.find((o): o is EditOp => o.kind === 'edit' && (o as EditOp).path.path === 'lightrag_server/env.server');
      expect(env?.diff, text).toContain(`+USER_ID=${id}\n`);
      expect(res.operations.some((o) => o.kind === 'move' && (o as MoveOp).from.path === 'env.userid')).toBe(true);
      expect(res.errors).toEqual([]);
    }
  });

  it('refuses an env.userid at home that disagrees', async () => {
    const roots = await sample();
    write(roots.home!, '.persag/env.userid', 'USER_ID=dave\n');
    const res = await runSource(persagHomeSource, ctxFor(roots));
    expect(res.errors).toEqual([expect.objectContaining({ code: 'env-userid-conflict', paths: ['env.userid', '$HOME/.persag/env.userid'] })]);
    expect(res.operations.some((o) => o.kind === 'move' && (o as MoveOp).from.path === 'env.userid')).toBe(false);
    expect(res.operations.some((o) => o.kind === 'edit' && (o as EditOp).sensitive)).toBe(false);
  });

  it('keeps syncing dirs that already live at home', async () => {
    const project = tempDir('persag-');
    const home = tempDir('persag-home-');
    write(home, '.persag/env.userid', "export USER_ID='erin' # current\r\n");
    write(home, '.persag/lightrag_server/env.server', 'A=1\r\nUSER_ID=old\r\nB=2\r\n');
    const res = await runSource(persagHomeSource, ctxFor({ project, home }));
    expect(formatResult(res)).toBe('edit $HOME/.persag/lightrag_server/env.server  +1 -1 (sets USER_ID)\n');
    expect((res.operations[0] as EditOp).diff).toContain('+USER_ID=erin\r\n');
  });

  it('reports a collision with a dir already at home and leaves it alone', async () => {
    const roots = await sample();
    write(roots.home!, '.persag/lightrag_memory_server/config.ini', '[server]\n');
    const res = await runSource(persagHomeSource, ctxFor(roots));
    expect(res.errors.map((e) => e.code)).toEqual(['collision']);
    expect(res.errors[0]!.paths).toEqual(['lightrag_memory_server', '$HOME/.persag/lightrag_memory_server']);
    expect(res.operations.some((o) => o.group === 'lightrag_memory_server')).toBe(false);
  });

  it('does not move a dir whose compose file does not parse, naming file and line', async () => {
    const roots = await sample();
    write(roots.project, 'lightrag_server/docker-compose.yml', 'services:\n  a:\n    volumes: [./x:/x\n');
    const res = await runSource(persagHomeSource, ctxFor(roots));
    expect(res.errors.map((e) => e.code)).toEqual(['unparsable-compose']);
    expect(res.errors[0]!.message).toMatch(/^lightrag_server\/docker-compose\.yml:\d+: /);
    expect(res.operations.some((o) => o.group === 'lightrag_server')).toBe(false);
    expect(res.operations.some((o) => o.group === 'lightrag_memory_server')).toBe(true);
  });

  it('leaves paths into the moved dir itself as they are, however they are spelled', async () => {
    const roots = await sample();
    write(roots.project, 'lightrag_server/docker-compose.yml', 'services:\n  a:\n    build: ./\n    volumes: [".:/app", "./:/b", "./sub/../config.ini:/c", "../lightrag_server/:/d"]\n');
    const res = await runSource(persagHomeSource, ctxFor(roots));
    expect(res.operations.some((o) => o.kind === 'edit' && (o as EditOp).path.path === 'lightrag_server/docker-compose.yml')).toBe(false);
  });

  it('warns about relative symlinks that would point elsewhere after the move', async () => {
    const roots = await sample();
    fs.symlinkSync('../data/rag_storage', path.join(roots.project, 'lightrag_server/rag_storage'));
    const res = await runSource(persagHomeSource, ctxFor(roots));
    expect(res.warnings.map((w) => [w.code, w.file])).toEqual([['symlink-retargeted', 'lightrag_server/rag_storage']]);
  });

  it('reports an invalid USER_ID and does not sync', async () => {
    const roots = await sample();
    write(roots.project, 'env.userid', 'USER_ID="../../etc"\n');
    const res = await runSource(persagHomeSource, ctxFor(roots));
    expect(res.errors.map((e) => e.code)).toEqual(['invalid-user-id']);
    expect(res.operations.some((o) => o.kind === 'edit' && (o as EditOp).sensitive)).toBe(false);
  });

  it('refuses a ~/.persag that links outside the home root, which apply would refuse', async () => {
    const roots = await sample();
    const elsewhere = tempDir('dotfiles-');
    fs.symlinkSync(elsewhere, path.join(roots.home!, '.persag'));
    const res = await runSource(persagHomeSource, ctxFor(roots));
    expect(res.operations).toEqual([]);
    expect(res.errors.map((e) => e.code)).toEqual(['home-outside-root']);
  });

  it('needs a home root', async () => {
    const roots = await sample();
    const res = await runSource(persagHomeSource, ctxFor({ project: roots.project }));
    expect(res.errors.map((e) => e.code)).toEqual(['no-home']);
  });
});

describe('resolvePersagHome', () => {
  it('prefers --home, then PERSAG_HOME, then the OS home dir', () => {
    expect(resolvePersagHome('/x/flag', { PERSAG_HOME: '/x/env' })).toBe('/x/flag');
    expect(resolvePersagHome(undefined, { PERSAG_HOME: '/x/env' })).toBe('/x/env');
    expect(resolvePersagHome(undefined, {})).toBe(os.homedir());
  });
});
