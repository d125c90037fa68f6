// The transform's per-file results live until its last provider round ends (a later round can
// change an earlier file's result), so they are kept in a temp file, not in memory: held in the
// heap they were the one part of `plan`'s memory that grew with the number of edited files.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { UserIdTsResult } from './transform.js';

/** What a round needs of a result without reading it back: where it is, and what decides the next round. */
export interface HeldResult {
  at: number;
  length: number;
  hasSplices: boolean;
  usedProviders: string[];
}

export class HeldResults {
  private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mu-results-'));
  private readonly fd = fs.openSync(path.join(this.dir, 'results.json'), 'w+', 0o600);
  private end = 0;

  hold(result: UserIdTsResult): HeldResult {
    const bytes = Buffer.from(JSON.stringify(result), 'utf8');
    for (let done = 0; done < bytes.length; ) done += fs.writeSync(this.fd, bytes, done, bytes.length - done, this.end + done);
    const held = { at: this.end, length: bytes.length, hasSplices: result.splices.length > 0, usedProviders: result.usedProviders.map((p) => `${p}`) };
    this.end += bytes.length;
    return held;
  }

  read(held: HeldResult): UserIdTsResult {
    const bytes = Buffer.allocUnsafe(held.length);
    for (let done = 0; done < held.length; ) {
      const n = fs.readSync(this.fd, bytes, done, held.length - done, held.at + done);
      if (n === 0) throw new Error(`held results file ended early at ${held.at + done}`);
      done += n;
    }
    return JSON.parse(bytes.toString('utf8')) as UserIdTsResult;
  }

  close(): void {
    fs.closeSync(this.fd);
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
