// The append-only journal of one plan: the truth about what apply and rollback did. Every
// record is one JSON line; a torn last line (crash mid-write) is ignored.
import fs from 'node:fs';
import { SafetyError } from './errors.js';
import type { Fingerprint, PlanState } from './types.js';

export type JournalRecord =
  | { t: 'apply-start'; at: string; pid: number; resume: boolean }
  | { t: 'intent'; i: number }
  | { t: 'phase'; i: number; phase: string }
  | { t: 'done'; i: number; post: Array<{ path: string; fp: Fingerprint }> }
  | { t: 'apply-end'; at: string }
  | { t: 'apply-failed'; at: string; i: number; error: string }
  | { t: 'rollback-start'; at: string; pid: number }
  | { t: 'undo-intent'; i: number }
  | { t: 'undone'; i: number }
  | { t: 'undo-skipped'; i: number; reason: string }
  | { t: 'rollback-end'; at: string; complete: boolean };

export interface JournalView {
  records: JournalRecord[];
  state: PlanState;
  started: Set<number>;
  /** The highest step with an intent record, or -1. */
  lastStarted: number;
  done: Map<number, Extract<JournalRecord, { t: 'done' }>>;
  phases: Map<number, Set<string>>;
  undone: Set<number>;
  /** Operations whose undo had started. */
  undoStarted: Set<number>;
}

export function readJournal(file: string): JournalRecord[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const out: JournalRecord[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      out.push(JSON.parse(line) as JournalRecord);
    } catch {
      // a line torn by a crash or a full disk; a later run starts on a fresh line after it
    }
  }
  return out;
}

export function viewJournal(records: JournalRecord[]): JournalView {
  const view: JournalView = { records, state: 'planned', started: new Set(), lastStarted: -1, done: new Map(), phases: new Map(), undone: new Set(), undoStarted: new Set() };
  for (const r of records) {
    switch (r.t) {
      case 'apply-start':
        view.state = 'applying';
        break;
      case 'intent':
        view.started.add(r.i);
        view.lastStarted = Math.max(view.lastStarted, r.i);
        break;
      case 'phase': {
        const set = view.phases.get(r.i) ?? new Set<string>();
        set.add(r.phase);
        view.phases.set(r.i, set);
        break;
      }
      case 'done':
        view.done.set(r.i, r);
        break;
      case 'apply-end':
        view.state = 'applied';
        break;
      case 'apply-failed':
        view.state = 'failed';
        break;
      case 'rollback-start':
        view.state = 'rolling-back';
        break;
      case 'undo-intent':
        view.undoStarted.add(r.i);
        break;
      case 'undone':
        view.undone.add(r.i);
        break;
      case 'rollback-end':
        view.state = r.complete ? 'rolled-back' : 'rolling-back';
        break;
      default:
        break;
    }
  }
  return view;
}

const TAIL_BYTES = 64 * 1024;

/**
 * A journal's state from its tail alone, for listing many plans: operation records only stand
 * between lifecycle records, so the last lifecycle record, or failing that the kind of the
 * operation records after it, tells the state without reading a long journal whole.
 */
export function journalState(file: string): PlanState {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return 'planned';
  }
  try {
    const size = fs.fstatSync(fd).size;
    if (size <= TAIL_BYTES) return viewJournal(readJournal(file)).state;
    const buf = Buffer.alloc(TAIL_BYTES);
    fs.readSync(fd, buf, 0, TAIL_BYTES, size - TAIL_BYTES);
    const lines = buf.toString('utf8').split('\n').slice(1); // the first line is cut
    const records: JournalRecord[] = [];
    for (const line of lines) {
      try {
        if (line) records.push(JSON.parse(line) as JournalRecord);
      } catch {
        // a torn tail
      }
    }
    const tail = viewJournal(records);
    if (records.some((r) => r.t.startsWith('apply-') || r.t.startsWith('rollback-'))) return tail.state;
    return records.some((r) => r.t.startsWith('undo')) ? 'rolling-back' : 'applying';
  } finally {
    fs.closeSync(fd);
  }
}

const KILL_AFTER = Number(process.env.MIGRATE_USERS_TEST_KILL_AFTER_STEP ?? 'NaN');

/**
 * Records are fsynced in groups (and at once before destructive steps). Recovery treats the
 * SYNC_WINDOW operations after the last journaled one as possibly started: every undo and
 * every apply step recognises from the tree itself whether it already happened.
 */
export const SYNC_WINDOW = 256;

export class JournalWriter {
  private fd: number;
  private written = 0;
  private sinceSync = 0;

  constructor(private readonly file: string) {
    this.fd = fs.openSync(file, 'a', 0o600);
    // A record torn by a crash or a full disk must not swallow the next one.
    const size = fs.fstatSync(this.fd).size;
    if (size > 0) {
      const last = Buffer.alloc(1);
      const rfd = fs.openSync(file, 'r');
      try {
        fs.readSync(rfd, last, 0, 1, size - 1);
      } finally {
        fs.closeSync(rfd);
      }
      if (last[0] !== 0x0a) this.writeAll(Buffer.from('\n'));
    }
  }

  private writeAll(bytes: Buffer): void {
    for (let off = 0; off < bytes.length; ) {
      const n = fs.writeSync(this.fd, bytes, off, bytes.length - off);
      if (n <= 0) throw new SafetyError(`cannot write the journal ${this.file} (is the disk full?)`);
      off += n;
    }
  }

  sync(): void {
    fs.fsyncSync(this.fd);
    this.sinceSync = 0;
  }

  /**
   * Appends a record. `durable` forces an fsync before returning: used where the next step
   * destroys data that only the journal and backups can bring back.
   */
  append(record: JournalRecord, durable = false): void {
    this.writeAll(Buffer.from(`${JSON.stringify(record)}\n`));
    this.written++;
    if (durable || ++this.sinceSync >= SYNC_WINDOW / 2) this.sync();
    // Test-only fault injection: die as abruptly as a power cut would, after step N.
    if (this.written === KILL_AFTER) process.kill(process.pid, 'SIGKILL');
  }

  close(): void {
    this.sync();
    fs.closeSync(this.fd);
  }
}
