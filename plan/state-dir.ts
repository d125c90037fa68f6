// Layout of `<root>/.migrate-users/`: plans, journals, backups and the lock. The dir is 0700
// and ignores itself in git so that backups of user data are never committed by accident.
import fs from 'node:fs';
import path from 'node:path';
import { SafetyError } from './errors.js';

export const STATE_DIR_NAME = '.migrate-users';

export class StateDir {
  readonly dir: string;

  constructor(root: string) {
    this.dir = path.join(path.resolve(root), STATE_DIR_NAME);
  }

  /** The project root a plan in this state dir acts on: the dir that holds it. */
  get projectRoot(): string {
    return path.dirname(this.dir);
  }
  get plansDir(): string {
    return path.join(this.dir, 'plans');
  }
  get journalsDir(): string {
    return path.join(this.dir, 'journal');
  }
  get lockFile(): string {
    return path.join(this.dir, 'lock');
  }
  planFile(id: string): string {
    return path.join(this.plansDir, `${id}.json`);
  }
  /** The plan's operations, one JSON line each; the plan file records their size and hash. */
  planOpsFile(id: string): string {
    return path.join(this.plansDir, `${id}.ops.jsonl`);
  }
  /** The plan's checksum, kept outside the plan so that an edited plan is recognised. */
  planDigestFile(id: string): string {
    return path.join(this.plansDir, `${id}.sha256`);
  }
  journalFile(id: string): string {
    return path.join(this.journalsDir, `${id}.jsonl`);
  }
  backupDir(id: string): string {
    return path.join(this.dir, 'backups', id);
  }

  exists(): boolean {
    return fs.existsSync(this.dir);
  }

  /**
   * Refuses a state dir (or one of its dirs) that is a symlink or not a dir: plans and backups
   * hold user data and secrets, and must never land outside the project or chmod another dir.
   */
  assertSafe(): void {
    for (const d of [this.dir, this.plansDir, this.journalsDir, path.join(this.dir, 'backups')]) {
      let st: fs.Stats;
      try {
        st = fs.lstatSync(d);
      } catch {
        continue;
      }
      const shown = path.relative(this.projectRoot, d);
      if (st.isSymbolicLink()) {
        throw new SafetyError(`${shown} is a symlink (to ${fs.readlinkSync(d)}); migrate-users keeps plans and backups only in a real directory inside the project; replace the link by a directory`);
      }
      if (!st.isDirectory()) throw new SafetyError(`${shown} is not a directory; move it away so that migrate-users can keep its plans there`);
    }
  }

  /** Creates the layout on first write; never called by read-only commands such as dry-run. */
  ensure(): void {
    this.assertSafe();
    for (const d of [this.dir, this.plansDir, this.journalsDir, path.join(this.dir, 'backups')]) {
      fs.mkdirSync(d, { recursive: true, mode: 0o700 });
      fs.chmodSync(d, 0o700);
    }
    const gi = path.join(this.dir, '.gitignore');
    if (!fs.existsSync(gi)) fs.writeFileSync(gi, '*\n', { mode: 0o600 });
  }
}
