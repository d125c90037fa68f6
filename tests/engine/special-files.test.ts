// FIFOs, sockets and devices are refused at plan time with their path: reading one can block
// forever, and none can be moved as bytes.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { continuumUsersSource } from '../../migrators/continuum-users/index.js';
import { loadSqlJs } from '../../migrators/shared/sqlite.js';
import { buildPlan } from '../../plan/build.js';
import { moveOp } from '../../plan/ops.js';
import { loc } from '../../plan/paths.js';
import { inlineSource } from '../helpers/sources.js';
import { tempDir, writeTree } from '../helpers/tree.js';

const mkfifo = (p: string): void => void execFileSync('mkfifo', [p]);

describe('special files', () => {
  it('a FIFO named state.db next to a real database: plan is refused with the path, it does not hang', async () => {
    const root = tempDir('mu-fifo-');
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    db.run('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)');
    writeTree(root, { '.continuum/personas/joel/memory/longterm.db': Buffer.from(db.export()) });
    const fifo = path.join(root, '.continuum/personas/joel/state.db');
    mkfifo(fifo);
    await expect(buildPlan({ roots: { project: root }, sources: [continuumUsersSource] })).rejects.toThrow(
      `${fifo} is a FIFO (named pipe); migrate-users does not read, move or copy special files; move it out of the tree and run \`migrate-users plan\` again`,
    );
  }, 30_000);

  it('a FIFO or a socket inside a dir to move is refused at plan time, with its path', async () => {
    const root = tempDir('mu-special-');
    writeTree(root, { 'personas/joel/a.txt': 'a', 'personas/ann/a.txt': 'a' });
    mkfifo(path.join(root, 'personas/joel/pipe'));
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(path.join(root, 'personas/ann/agent.sock'), resolve));
    try {
      for (const [who, what] of [['joel', 'pipe is a FIFO'], ['ann', 'agent.sock is a socket']] as const) {
        const roots = { project: root };
        const source = inlineSource(() => [moveOp(roots, { source: 't' }, loc('project', `personas/${who}`), loc('project', `users/${who}`))]);
        await expect(buildPlan({ roots, sources: [source] })).rejects.toThrow(`${path.join(root, 'personas', who)}/${what}`);
      }
    } finally {
      server.close();
    }
  });
});
