import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProjectFiles } from './files.js';
import { tempDir, writeTree } from '../tests/helpers/tree.js';

afterEach(() => vi.restoreAllMocks());

function project(): string {
  const root = tempDir('mu-files-');
  writeTree(root, {
    '.gitignore': 'build/\n*.log\n/data/*\n!/data/keep/\n',
    'src/a.ts': 'a',
    'src/debug.log': 'x',
    'build/out.ts': 'x',
    'build/deep/more.ts': 'x',
    'data/huge/users.ts': 'x',
    'data/keep/seed.ts': 'k',
    'pkg/.gitignore': 'gen\n!keep.log\n',
    'pkg/gen/types.ts': 'x',
    'pkg/src/gen/also.ts': 'x',
    'pkg/keep.log': 'k',
    'pkg/index.ts': 'i',
    'node_modules/dep/index.ts': 'x',
    'link.ts': { link: 'src/a.ts' },
  });
  return root;
}

describe('ProjectFiles', () => {
  it('lists what git would track: root and nested .gitignore, negations, no symlinks or dependencies', async () => {
    const root = project();
    const files = await new ProjectFiles(root).list(['.ts', '.log']);
    expect(files).toEqual(['data/keep/seed.ts', 'pkg/index.ts', 'pkg/keep.log', 'src/a.ts']);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('never enters a directory a .gitignore excludes', async () => {
    const root = project();
    const read = vi.spyOn(fs, 'readdirSync');
    await new ProjectFiles(root).list(['.ts']);
    const entered = read.mock.calls.map((c) => path.relative(root, String(c[0])).split(path.sep).join('/'));
    expect(entered).toContain('data/keep');
    for (const dir of ['build', 'build/deep', 'data/huge', 'pkg/gen', 'pkg/src/gen', 'node_modules']) expect(entered).not.toContain(dir);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("applies the config's globs after the walk, to files and to the directories they name", async () => {
    const root = project();
    const files = await new ProjectFiles(root, ['pkg', 'src/**/*.ts']).list(['.ts']);
    expect(files).toEqual(['data/keep/seed.ts']);
    fs.rmSync(root, { recursive: true, force: true });
  });
});
