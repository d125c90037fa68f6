import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { moveEntry, setRenameForTesting } from '../../plan/move.js';
import { snapshotTree, tempDir, writeTree } from '../helpers/tree.js';

function exdevRename(): void {
  setRenameForTesting(() => {
    const e = new Error('EXDEV: cross-device link not permitted') as NodeJS.ErrnoException;
    e.code = 'EXDEV';
    throw e;
  });
}

describe('moves across filesystems (EXDEV)', () => {
  afterEach(() => setRenameForTesting(undefined));

  it('copies, verifies and only then deletes the source; bytes, modes and links survive', () => {
    const root = tempDir();
    writeTree(root, {
      'src/a.txt': 'hello\r\n',
      'src/nested/bin.sh': { content: '#!/bin/sh\necho hi\n', mode: 0o755 },
      'src/nested/secret.env': { content: 'API_KEY=x\n', mode: 0o600 },
      'src/empty': null,
      'src/link': { link: 'nested/bin.sh' },
      'src/dangling': { link: '../nowhere' },
    });
    const before = snapshotTree(path.join(root, 'src'));
    exdevRename();
    let sourceAtCopyTime: Record<string, string> | undefined;
    let destAtCopyTime: Record<string, string> | undefined;
    const how = moveEntry(path.join(root, 'src'), path.join(root, 'dst'), {
      onCopied: () => {
        sourceAtCopyTime = snapshotTree(path.join(root, 'src'));
        destAtCopyTime = snapshotTree(path.join(root, 'dst'));
      },
    });
    expect(how).toBe('copied');
    expect(sourceAtCopyTime).toEqual(before); // the source was still whole when the copy was complete
    expect(destAtCopyTime).toEqual(before);
    expect(fs.existsSync(path.join(root, 'src'))).toBe(false);
    expect(snapshotTree(path.join(root, 'dst'))).toEqual(before);
    expect(fs.readdirSync(root).filter((n) => n.includes('migrate-users-tmp'))).toEqual([]);
  });

  it('keeps the source untouched when the copy fails', () => {
    const root = tempDir();
    // The destination's parent is a file, so writing the copy fails part way.
    writeTree(root, { 'src/a.txt': 'a', 'src/b.txt': 'b', 'not-a-dir': 'x' });
    const before = snapshotTree(root);
    exdevRename();
    expect(() => moveEntry(path.join(root, 'src'), path.join(root, 'not-a-dir', 'dst'))).toThrow(/ENOTDIR/);
    expect(snapshotTree(root)).toEqual(before);
  });

  it('renames on one filesystem: the inode of a large file does not change', () => {
    const root = tempDir();
    writeTree(root, { 'src/big.bin': Buffer.alloc(8 * 1024 * 1024, 7) });
    const ino = fs.statSync(path.join(root, 'src/big.bin')).ino;
    expect(moveEntry(path.join(root, 'src'), path.join(root, 'dst'))).toBe('renamed');
    expect(fs.statSync(path.join(root, 'dst/big.bin')).ino).toBe(ino);
  });

  it('keeps hard links inside a moved tree as hard links', () => {
    const root = tempDir();
    writeTree(root, { 'src/a.txt': 'shared', 'src/sub/x': 'x' });
    fs.linkSync(path.join(root, 'src/a.txt'), path.join(root, 'src/sub/b.txt'));
    exdevRename();
    moveEntry(path.join(root, 'src'), path.join(root, 'dst'));
    const a = fs.statSync(path.join(root, 'dst/a.txt'));
    expect(fs.statSync(path.join(root, 'dst/sub/b.txt')).ino).toBe(a.ino);
    expect(a.nlink).toBe(2);
  });

  it('refuses to split a file from a hard link outside the moved tree, before copying anything', () => {
    const root = tempDir();
    writeTree(root, { 'src/a.txt': 'shared', 'src/b.txt': 'b' });
    fs.linkSync(path.join(root, 'src/a.txt'), path.join(root, 'elsewhere.txt'));
    const before = snapshotTree(root);
    exdevRename();
    expect(() => moveEntry(path.join(root, 'src'), path.join(root, 'dst'))).toThrow(
      `${path.join(root, 'src/a.txt')} has 1 hard link(s) outside ${path.join(root, 'src')}; moving it to another filesystem would split them`,
    );
    expect(snapshotTree(root)).toEqual(before);
    expect(fs.statSync(path.join(root, 'elsewhere.txt')).nlink).toBe(2);
  });
});
