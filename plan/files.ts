// File discovery shared by every code source and the linter: one walk, .gitignore and config
// ignore globs honoured, the tool's own state dir and dependency dirs never entered.
import fs from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import ignore, { type Ignore } from 'ignore';
import type { FileIndex } from './types.js';

const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**', '**/.migrate-users/**', '**/dist/**', '**/__pycache__/**', '**/.venv/**', '**/venv/**'];

function loadGitignores(root: string): Ignore {
  const ig = ignore();
  const files = fg.sync('**/.gitignore', { cwd: root, dot: true, ignore: ALWAYS_IGNORED, followSymbolicLinks: false });
  for (const rel of files.sort((a, b) => a.split('/').length - b.split('/').length)) {
    const dir = path.posix.dirname(rel);
    const lines = fs.readFileSync(path.join(root, rel), 'utf8').split(/\r?\n/);
    for (const raw of lines) {
      const line = raw.trim();
      if (!line || line.startsWith('#')) continue;
      if (dir === '.') ig.add(line);
      else {
        // Nested .gitignore patterns are relative to their own directory.
        const neg = line.startsWith('!');
        const pat = neg ? line.slice(1) : line;
        const anchored = pat.includes('/') && !pat.endsWith('/') ? pat.replace(/^\//, '') : `**/${pat.replace(/^\//, '')}`;
        ig.add(`${neg ? '!' : ''}${dir}/${anchored}`);
      }
    }
  }
  return ig;
}

export class ProjectFiles implements FileIndex {
  private all: string[] | undefined;

  constructor(
    private readonly root: string,
    private readonly extraIgnores: readonly string[] = [],
  ) {}

  private walk(): string[] {
    if (!this.all) {
      const ig = loadGitignores(this.root);
      const found = fg.sync('**/*', {
        cwd: this.root,
        dot: true,
        onlyFiles: true,
        followSymbolicLinks: false,
        ignore: [...ALWAYS_IGNORED, ...this.extraIgnores],
      });
      this.all = found.filter((f) => !ig.ignores(f)).sort();
    }
    return this.all;
  }

  async list(extensions: readonly string[]): Promise<string[]> {
    return this.walk().filter((f) => extensions.some((e) => f.endsWith(e)));
  }
}

/** Keeps files equal to or under one of `paths` (project-relative); all when `paths` is empty. */
export function withinPaths(files: string[], paths: readonly string[]): string[] {
  if (paths.length === 0) return files;
  const norm = paths.map((p) => p.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, ''));
  return files.filter((f) => norm.some((p) => p === '' || p === '.' || f === p || f.startsWith(`${p}/`)));
}
