// Layout of `<root>/.migrate-users/`: plans, journals, backups and the lock. The dir is 0700
// and ignores itself in git so that backups of user data are never committed by accident.
import fs from 'node:fs';
import path from 'node:path';

export const STATE_DIR_NAME = '.migrate-users';

export class StateDir {
  readonly dir: string;

  constructor(root: string) {
    this.dir = path.join(path.resolve(root), STATE_DIR_NAME);
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
  journalFile(id: string): string {
    return path.join(this.journalsDir, `${id}.jsonl`);
  }
  backupDir(id: string): string {
    return path.join(this.dir, 'backups', id);
  }

  exists(): boolean {
    return fs.existsSync(this.dir);
  }

  /** Creates the layout on first write; never called by read-only commands such as dry-run. */
  ensure(): void {
    for (const d of [this.dir, this.plansDir, this.journalsDir, path.join(this.dir, 'backups')]) {
      fs.mkdirSync(d, { recursive: true, mode: 0o700 });
      fs.chmodSync(d, 0o700);
    }
    const gi = path.join(this.dir, '.gitignore');
    if (!fs.existsSync(gi)) fs.writeFileSync(gi, '*\n', { mode: 0o600 });
  }
}
