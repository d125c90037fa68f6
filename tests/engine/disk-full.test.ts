// A full disk never yields a file that differs from the planned bytes while success is
// reported: on a real 16 MiB tmpfs, apply and rollback stop with a clear line, leave no temp
// file, and finish exactly once space is freed.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../plan/atomic.js';
import { sha256 } from '../../plan/fingerprint.js';
import { moveEntry, setRenameForTesting } from '../../plan/move.js';
import { editOp } from '../../plan/ops.js';
import { loc } from '../../plan/paths.js';
import { runCli } from '../helpers/cli.js';
import { savedPlan } from '../helpers/plans.js';
import { fillDisk, withTmpfs } from '../helpers/tmpfs.js';
import { snapshotTree, writeTree } from '../helpers/tree.js';

const MiB = 1024 * 1024;
const bigText = (): string => Array.from({ length: 4 * 1024 * 16 }, (_, i) => `line ${String(i).padStart(8, '0')} USER_ID here, and some more text.\n`).join('').slice(0, 4 * MiB);
const temps = (root: string): string[] => Object.keys(snapshotTree(root, { includeState: true })).filter((p) => p.includes('migrate-users-tmp'));

describe('a full disk', () => {
  it('apply of an edit stops with "disk is full", the file intact; resume after freeing space gives the planned bytes', async () => {
    await withTmpfs(16, async (disk) => {
      const root = path.join(disk, 'app');
      const text = bigText();
      writeTree(root, { 'big.txt': text });
      const at = text.indexOf('USER_ID');
      const plan = await savedPlan({ project: root }, (r) => [editOp(r, { source: 't' }, loc('project', 'big.txt'), text, [{ start: at, end: at + 7, text: 'getUserId()' }])]);
      const planned = (plan.operations[0] as { post: { sha256: string } }).post.sha256;
      const before = snapshotTree(root);
      // Room for the backup (4 MiB) but not for the edited copy next to it.
      const filler = fillDisk(disk, 5 * MiB);
      const r = runCli(['apply', plan.id, '--root', root]);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/apply stopped at step 1\/1 \(edit\): the disk is full \(write .*big\.txt\)/);
      expect(r.stderr).toContain(`free some space, then \`migrate-users apply ${plan.id}\` resumes`);
      expect(r.stderr).not.toMatch(/ENOSPC|applied plan/);
      expect(snapshotTree(root)).toEqual(before);
      expect(temps(root)).toEqual([]);

      fs.rmSync(filler);
      const resumed = runCli(['apply', plan.id, '--root', root]);
      expect(resumed.status, resumed.stderr).toBe(0);
      expect(sha256(fs.readFileSync(path.join(root, 'big.txt')))).toBe(planned);

      // Now rollback cannot write the restored copy: it must not claim the tree is back.
      const filler2 = fillDisk(disk, 1 * MiB);
      const rb = runCli(['rollback', plan.id, '--root', root]);
      expect(rb.status).not.toBe(0);
      expect(rb.stderr).toMatch(/rollback stopped at step 1 \(edit\): the disk is full/);
      expect(rb.stderr).not.toContain('as it was before apply');
      expect(sha256(fs.readFileSync(path.join(root, 'big.txt')))).toBe(planned);
      expect(temps(root)).toEqual([]);
      fs.rmSync(filler2);
      const rb2 = runCli(['rollback', plan.id, '--root', root]);
      expect(rb2.status, rb2.stderr).toBe(0);
      expect(rb2.stderr).toContain('checked: the tree is as it was before apply');
      expect(snapshotTree(root)).toEqual(before);
    });
  }, 120_000);

  it('an atomic write that does not fit leaves the target as it was and no temp file', async () => {
    await withTmpfs(16, (disk) => {
      const target = path.join(disk, 'longterm.db');
      fs.writeFileSync(target, 'old');
      fillDisk(disk, 1 * MiB);
      expect(() => writeFileAtomic(target, Buffer.alloc(3 * MiB, 7), 0o644)).toThrow(expect.objectContaining({ code: 'ENOSPC', path: target }));
      expect(fs.readFileSync(target, 'utf8')).toBe('old');
      expect(fs.readdirSync(disk).filter((n) => n.includes('migrate-users-tmp'))).toEqual([]);
    });
  });

  it('a cross-filesystem move that does not fit keeps the source whole and leaves no temp copy', async () => {
    await withTmpfs(16, (disk) => {
      writeTree(disk, { 'home/.lightrag_server/env.server': { content: 'API_KEY=sk\n', mode: 0o600 }, 'home/.lightrag_server/data.bin': Buffer.alloc(3 * MiB, 3) });
      fs.mkdirSync(path.join(disk, 'home/new'));
      const before = snapshotTree(path.join(disk, 'home'));
      fillDisk(disk, 1 * MiB);
      setRenameForTesting(() => {
        throw Object.assign(new Error('EXDEV'), { code: 'EXDEV' });
      });
      try {
        expect(() => moveEntry(path.join(disk, 'home/.lightrag_server'), path.join(disk, 'home/new/.lightrag_server'))).toThrow(expect.objectContaining({ code: 'ENOSPC' }));
      } finally {
        setRenameForTesting(undefined);
      }
      expect(snapshotTree(path.join(disk, 'home'))).toEqual(before);
    });
  });
});
