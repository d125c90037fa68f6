// Runs a Python file as a script inside a small project on disk, the way a user runs a repo's
// scripts: from outside the project, with no PYTHONPATH nor user site, so that only what the
// script does itself (`sys.path.insert`, `site.addsitedir`) makes the project importable.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir, writeTree } from './tree.js';

export const python3 = spawnSync('python3', ['--version']).status === 0 ? 'python3' : undefined;

/** The script's exit status and stderr (the project is removed afterwards). */
export function runPythonScript(files: Record<string, string>, script: string): { status: number | null; stderr: string } {
  const root = tempDir('mu-python-script-');
  try {
    writeTree(root, files);
    const run = spawnSync(python3 ?? 'python3', ['-E', '-s', path.join(root, script)], {
      cwd: path.dirname(root), encoding: 'utf8', env: { PATH: process.env.PATH, HOME: path.join(root, '.home') },
    });
    return { status: run.status, stderr: run.stderr };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
