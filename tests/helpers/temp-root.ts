// vitest globalSetup: every temp dir of the run (tests, the CLIs they spawn, worker threads) goes
// under one fresh folder that is removed when the run ends, so a run leaves nothing in the
// system's temp dir, whichever way a test made its dirs and whether or not it failed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mu-vitest-'));
  // Workers and child processes are started after this and inherit it; os.tmpdir() reads it.
  process.env.TMPDIR = root;
  return () => {
    fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  };
}
