// File discovery shared by every code source and the linter: one walk, .gitignore and config
// ignore globs honoured, the tool's own state dir and dependency dirs never entered.
// A plain readdir walk rather than a glob library: every run starts with it, and fast-glob's
// ~40 modules took longer to load than the walk of 2,000 files takes.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import ignore from 'ignore';
import type picomatchType from 'picomatch';
import type { FileIndex } from './types.js';

/** Names never listed nor entered, at any depth: dependencies, VCS and build output, the tool's own state. */
const ALWAYS_IGNORED = new Set(['node_modules', '.git', '.migrate-users', 'dist', '__pycache__', '.venv', 'venv']);

/** A nested .gitignore's patterns, rewritten relative to the project root (`dir` is project-relative). */
function gitignorePatterns(text: string, dir: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    if (dir === '') {
      out.push(line);
      continue;
    }
    const neg = line.startsWith('!');
    const pat = neg ? line.slice(1) : line;
    const anchored = pat.includes('/') && !pat.endsWith('/') ? pat.replace(/^\//, '') : `**/${pat.replace(/^\//, '')}`;
    out.push(`${neg ? '!' : ''}${dir}/${anchored}`);
  }
  return out;
}

/**
 * Every regular file under `root` (no symlinks followed or listed), project-relative and not
 * ignored by a .gitignore on its way down. A directory git ignores is not entered: git cannot
 * re-include anything under it, and real projects keep their largest trees (build output,
 * caches, data) there. Each directory's own .gitignore is read before its entries are judged,
 * parents before children, so a deeper file's patterns take precedence as in git. A directory
 * that disappears during the walk is skipped; any other error (EACCES) is thrown.
 */
function walkFiles(root: string): string[] {
  const out: string[] = [];
  const ig = ignore();
  const visit = (dir: string, prefix: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw e;
    }
    if (entries.some((e) => e.name === '.gitignore' && e.isFile())) {
      ig.add(gitignorePatterns(fs.readFileSync(path.join(dir, '.gitignore'), 'utf8'), prefix.slice(0, -1)));
    }
    for (const entry of entries) {
      if (ALWAYS_IGNORED.has(entry.name)) continue;
      const rel = prefix + entry.name;
      if (entry.isDirectory()) {
        if (!ig.ignores(`${rel}/`)) visit(path.join(dir, entry.name), `${rel}/`);
      } else if (entry.isFile() && !ig.ignores(rel)) out.push(rel);
    }
  };
  visit(root, '');
  return out;
}

/**
 * The config's ignore globs, as fast-glob applied them: a file is out when a glob matches it, or
 * when one that names a directory (ends in `/**`, or its last part has no wildcard) matches a
 * directory above it.
 */
function configuredOut(globs: readonly string[]): ((file: string) => boolean) | undefined {
  if (globs.length === 0) return undefined;
  // Loaded when a config has ignore globs: its load (~15 ms) costs more than most walks.
  const picomatch = createRequire(import.meta.url)('picomatch') as typeof picomatchType;
  const file = picomatch([...globs], { dot: true });
  const dirGlobs = globs.filter((g) => g.endsWith('/**') || !picomatch.scan(path.posix.basename(g)).isGlob);
  const dir = dirGlobs.length > 0 ? picomatch(dirGlobs, { dot: true }) : () => false;
  return (rel) => {
    if (file(rel)) return true;
    for (let cut = rel.indexOf('/'); cut !== -1; cut = rel.indexOf('/', cut + 1)) if (dir(rel.slice(0, cut))) return true;
    return false;
  };
}

export class ProjectFiles implements FileIndex {
  private all: string[] | undefined;

  constructor(
    private readonly root: string,
    private readonly extraIgnores: readonly string[] = [],
  ) {}

  private walk(): string[] {
    if (!this.all) {
      // The config's globs filter after the walk: a .gitignore they exclude still counts.
      const configured = configuredOut(this.extraIgnores);
      this.all = walkFiles(this.root).filter((f) => !configured?.(f)).sort();
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
