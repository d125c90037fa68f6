import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loc } from '../../plan/paths.js';
import { checkUserId, userIdProblem } from './user-id.js';

describe('user ids', () => {
  it.each(['charlie', 'ab12', 'helper-ai', 'Joel Smith', 'üser', '.hidden', 'a..b'])('accepts %j', (id) => {
    expect(userIdProblem(id)).toBeUndefined();
  });

  it.each([
    ['', 'empty'],
    ['.', 'relative'],
    ['..', 'relative'],
    ['a/b', 'separator'],
    ['a\\b', 'separator'],
    ['nul\0', 'NUL'],
    ['tab\there', 'control'],
    ['bell\u0007', 'control'],
    ['del\u007f', 'control'],
    ['csi\u009b', 'control'],
  ])('rejects %j', (id, why) => {
    expect(userIdProblem(id)).toContain(why);
  });

  it('rejects ids whose path leaves the root through a symlink, at the entry or above it', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'uid-'));
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'uid-out-'));
    fs.mkdirSync(path.join(root, 'users'));
    fs.symlinkSync(outside, path.join(root, 'users/evil'));
    fs.symlinkSync(outside, path.join(root, 'linked'));
    fs.mkdirSync(path.join(root, 'users/fine'));
    fs.symlinkSync('fine', path.join(root, 'users/alias'));
    const roots = { project: root };
    const at = (dir: string) => (id: string) => [loc('project', `${dir}/${id}`)];
    expect(checkUserId('t', roots, 'fine', at('users'), 'users')).toBeUndefined();
    expect(checkUserId('t', roots, 'alias', at('users'), 'users')).toBeUndefined();
    expect(checkUserId('t', roots, 'evil', at('users'), 'users')).toEqual(expect.objectContaining({ code: 'invalid-user-id' }));
    expect(checkUserId('t', roots, 'x', at('linked'), 'linked')?.message).toContain('escapes its root');
    expect(checkUserId('t', roots, '../x', at('users'), 'config')?.message).toBe('invalid user id "../x": it contains a path separator (from config); skipped');
  });
});
