// Which app a project tree looks like, for the `auto` profile. Only the tree's shape counts:
// nothing is parsed, so detection is cheap and never fails.
import fs from 'node:fs';
import path from 'node:path';

function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/** continuum keeps per-user data under `.continuum/`. */
export function detectContinuum(root: string): boolean {
  return isDir(path.join(root, '.continuum'));
}

/** persag has a repo-root `env.userid` and/or `lightrag_*` docker dirs. */
export function detectPersag(root: string): boolean {
  if (isFile(path.join(root, 'env.userid'))) return true;
  let names: string[];
  try {
    names = fs.readdirSync(root);
  } catch {
    return false;
  }
  return names.some((n) => n.startsWith('lightrag_') && isDir(path.join(root, n)));
}
