// A plan's operations on disk, one JSON line each: written as sources produce them and read
// back one at a time, so that neither planning nor applying holds every edit in memory.
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { OpList, Operation } from './types.js';

/** Size, line count and hash of an operations file: recorded in the plan, checked when it is read. */
export interface OpFileDigest {
  count: number;
  bytes: number;
  sha256: string;
}

const FLUSH_AT = 256 * 1024;

/**
 * Appends operations to a new file (0600: edits of env files hold secrets), buffering writes.
 * A scratch file (a spool read back by the process that wrote it, then removed) is neither
 * hashed nor fsynced: no other process or later run ever reads it.
 */
export class OpFileWriter {
  private readonly fd: number;
  private chunks: Buffer[] = [];
  private buffered = 0;
  private readonly hash: crypto.Hash | undefined;
  private count = 0;
  private bytes = 0;

  constructor(
    readonly file: string,
    private readonly scratch = false,
  ) {
    this.fd = fs.openSync(file, 'wx', 0o600);
    if (!scratch) this.hash = crypto.createHash('sha256');
  }

  append(op: Operation): void {
    const line = Buffer.from(`${JSON.stringify(op)}\n`);
    this.hash?.update(line);
    this.chunks.push(line);
    this.buffered += line.length;
    this.count++;
    if (this.buffered >= FLUSH_AT) this.flush();
  }

  private flush(): void {
    const data = Buffer.concat(this.chunks);
    this.chunks = [];
    this.buffered = 0;
    for (let off = 0; off < data.length; ) {
      const n = fs.writeSync(this.fd, data, off, data.length - off);
      if (n <= 0) throw new Error(`cannot write ${this.file} (is the disk full?)`);
      off += n;
    }
    this.bytes += data.length;
  }

  /** Flushes, fsyncs and closes; the digest describes exactly the bytes written (a scratch file's has no hash). */
  close(): OpFileDigest {
    try {
      this.flush();
      if (!this.scratch) fs.fsyncSync(this.fd);
    } finally {
      fs.closeSync(this.fd);
    }
    return { count: this.count, bytes: this.bytes, sha256: this.hash?.digest('hex') ?? '' };
  }

  /** Gives up the file (an error while planning). */
  discard(): void {
    try {
      fs.closeSync(this.fd);
    } catch {
      // already closed
    }
    fs.rmSync(this.file, { force: true });
  }
}

const CHUNK = 1 << 20;

/**
 * Every line of a file with its byte offset, read in chunks (a line may span chunks); `onChunk`
 * sees the raw bytes, so a caller can hash the file in the same pass. `decode: false` leaves
 * `text` empty, for a caller that only needs where lines are.
 */
export function* fileLines(file: string, onChunk?: (bytes: Buffer) => void, { decode = true } = {}): Generator<{ text: string; offset: number; bytes: number }> {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    let pending: Buffer[] = [];
    let offset = 0;
    for (let n = fs.readSync(fd, buf, 0, CHUNK, null); n > 0; n = fs.readSync(fd, buf, 0, CHUNK, null)) {
      // Searched within the bytes read only: past them lie pages of the fresh buffer that nothing
      // has touched yet, and looking for a newline there faulted them all in (~5 ms a call for
      // a small file, each time a plan is read back).
      const chunk = buf.subarray(0, n);
      onChunk?.(chunk);
      let start = 0;
      for (let nl = chunk.indexOf(0x0a, start); nl !== -1; nl = chunk.indexOf(0x0a, start)) {
        const piece = chunk.subarray(start, nl + 1);
        const line = pending.length ? Buffer.concat([...pending, piece]) : piece;
        yield { text: decode ? line.toString('utf8', 0, line.length - 1) : '', offset, bytes: line.length };
        offset += line.length;
        pending = [];
        start = nl + 1;
      }
      if (start < n) pending.push(Buffer.from(chunk.subarray(start)));
    }
    // A last line without its newline: a file cut short, which the digest check refuses.
    if (pending.length > 0) {
      const line = Buffer.concat(pending);
      yield { text: line.toString('utf8'), offset, bytes: line.length };
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads operations back in order from a file that is not checked (a spool this process wrote). */
export function* readOps(file: string): Generator<Operation> {
  for (const line of fileLines(file)) yield JSON.parse(line.text) as Operation;
}

export class OpFileMismatch extends Error {}

/** How much of the operations file one read brings in when steps are asked for one by one. */
const WINDOW = 1 << 20;

/**
 * A saved plan's operations: the file is hashed whole and its line offsets indexed when opened
 * (8 bytes per operation), and each operation is parsed when it is asked for.
 */
export class StoredOps implements OpList {
  private readonly offsets: Float64Array;
  readonly length: number;

  constructor(
    private readonly file: string,
    expected: OpFileDigest,
  ) {
    const hash = crypto.createHash('sha256');
    const offsets = new Float64Array(expected.count + 1);
    let count = 0;
    let bytes = 0;
    for (const line of fileLines(file, (chunk) => hash.update(chunk), { decode: false })) {
      if (count < offsets.length) offsets[count] = line.offset;
      count++;
      bytes = line.offset + line.bytes;
    }
    if (count !== expected.count || bytes !== expected.bytes || hash.digest('hex') !== expected.sha256) {
      throw new OpFileMismatch(`holds ${count} operations in ${bytes} bytes, the plan recorded ${expected.count} in ${expected.bytes} with another checksum`);
    }
    offsets[count] = bytes;
    this.offsets = offsets;
    this.length = count;
  }

  /** The bytes last read, and their offset in the file: steps are asked for in order, forwards or backwards. */
  private window: { start: number; bytes: Buffer } | undefined;

  at(i: number): Operation | undefined {
    if (!Number.isInteger(i) || i < 0 || i >= this.length) return undefined;
    const start = this.offsets[i]!;
    const end = this.offsets[i + 1]!;
    let w = this.window;
    if (!w || start < w.start || end > w.start + w.bytes.length) {
      // Read a window around the step, reaching further in the direction the last reads went.
      const backwards = w !== undefined && start < w.start;
      const from = backwards ? Math.max(0, Math.min(start, end - WINDOW)) : start;
      w = this.window = { start: from, bytes: this.read(from, Math.max(end, Math.min(this.offsets[this.length]!, from + WINDOW)) - from, i) };
    }
    return JSON.parse(w.bytes.toString('utf8', start - w.start, end - w.start)) as Operation;
  }

  private read(from: number, size: number, i: number): Buffer {
    const buf = Buffer.allocUnsafe(size);
    const fd = fs.openSync(this.file, 'r');
    try {
      for (let got = 0; got < size; ) {
        const n = fs.readSync(fd, buf, got, size - got, from + got);
        if (n <= 0) throw new OpFileMismatch(`ends before operation ${i + 1}`);
        got += n;
      }
    } finally {
      fs.closeSync(fd);
    }
    return buf;
  }

  *[Symbol.iterator](): Iterator<Operation> {
    let i = 0;
    for (const line of fileLines(this.file)) {
      if (i++ >= this.length) return;
      yield JSON.parse(line.text) as Operation;
    }
  }
}
