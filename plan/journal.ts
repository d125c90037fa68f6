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
  /** The highest step any apply record names (intent, phase, done), or -1. */
  lastJournaled: number;
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
  const view: JournalView = { records, state: 'planned', started: new Set(), lastJournaled: -1, done: new Map(), phases: new Map(), undone: new Set(), undoStarted: new Set() };
  for (const r of records) {
    switch (r.t) {
      case 'apply-start':
        view.state = 'applying';
        break;
      case 'intent':
        view.started.add(r.i);
        view.lastJournaled = Math.max(view.lastJournaled, r.i);
        break;
      case 'phase': {
        view.lastJournaled = Math.max(view.lastJournaled, r.i);
        const set = view.phases.get(r.i) ?? new Set<string>();
        set.add(r.phase);
        view.phases.set(r.i, set);
        break;
      }
      case 'done':
        view.done.set(r.i, r);
        view.lastJournaled = Math.max(view.lastJournaled, r.i);
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
 * Records are group-committed: held in memory and written with one write(2) and one fsync per
 * COMMIT_BATCH records, and at once (with everything before them) when a record is durable.
 * A crash loses at most the uncommitted batch, whose steps all come after the highest step
 * the journal names; apply and rollback treat the SYNC_WINDOW steps after it as possibly done
 * and recognise from the tree itself whether each one happened.
 */
const COMMIT_BATCH = 1024;
export const SYNC_WINDOW = COMMIT_BATCH;

export class JournalWriter {
  private fd: number;
  private appended = 0;
  private pending: string[] = [];
  /** A failed write may have left half a record: the next one starts on a fresh line. */
  private torn = false;

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
      this.torn = last[0] !== 0x0a;
    }
  }

  private writeAll(bytes: Buffer): void {
    for (let off = 0; off < bytes.length; ) {
      const n = fs.writeSync(this.fd, bytes, off, bytes.length - off);
      if (n <= 0) throw new SafetyError(`cannot write the journal ${this.file} (is the disk full?)`);
      off += n;
    }
  }

  /** Commits the records appended so far: written and fsynced. */
  sync(): void {
    if (this.pending.length > 0) {
      const text = `${this.torn ? '\n' : ''}${this.pending.join('')}`;
      this.pending = [];
      // Records that did not reach the disk are treated like those a crash loses.
      this.torn = true;
      this.writeAll(Buffer.from(text));
      this.torn = false;
    }
    fs.fsyncSync(this.fd);
  }

  /**
   * Appends a record. `durable` commits it (and every record before it) before returning: used
   * where the next step destroys data that only the journal and backups can bring back.
   */
  append(record: JournalRecord, durable = false): void {
    this.pending.push(`${JSON.stringify(record)}\n`);
    this.appended++;
    if (durable || this.pending.length >= COMMIT_BATCH) this.sync();
    // Test-only fault injection: die as abruptly as a power cut would, after record N, losing
    // the records not committed yet.
    if (this.appended === KILL_AFTER) process.kill(process.pid, 'SIGKILL');
  }

  close(): void {
    this.sync();
    fs.closeSync(this.fd);
  }
}
