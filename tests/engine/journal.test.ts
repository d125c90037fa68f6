import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { journalState, readJournal, viewJournal, type JournalRecord } from '../../plan/journal.js';
import { tempDir } from '../helpers/tree.js';

function journal(records: JournalRecord[]): string {
  const file = path.join(tempDir('mu-journal-'), 'j.jsonl');
  fs.writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return file;
}

const ops = (n: number, from = 0): JournalRecord[] =>
  Array.from({ length: n }, (_, k) => [{ t: 'intent', i: from + k } as JournalRecord, { t: 'done', i: from + k, post: [] } as JournalRecord]).flat();
const undos = (n: number): JournalRecord[] => Array.from({ length: n }, (_, k) => [{ t: 'undo-intent', i: k } as JournalRecord, { t: 'undone', i: k } as JournalRecord]).flat();
const at = '2026-11-22T00:00:00Z';

describe('journal state read from the tail agrees with reading the whole journal', () => {
  it.each([
    ['never applied', []],
    ['applying, long', [{ t: 'apply-start', at, pid: 1, resume: false }, ...ops(5000)]],
    ['applied, long', [{ t: 'apply-start', at, pid: 1, resume: false }, ...ops(5000), { t: 'apply-end', at }]],
    ['failed', [{ t: 'apply-start', at, pid: 1, resume: false }, ...ops(3000), { t: 'apply-failed', at, i: 3000, error: 'x' }]],
    ['rolling back, long', [{ t: 'apply-start', at, pid: 1, resume: false }, ...ops(5000), { t: 'apply-end', at }, { t: 'rollback-start', at, pid: 2 }, ...undos(4000)]],
    ['rolled back', [{ t: 'apply-start', at, pid: 1, resume: false }, ...ops(5000), { t: 'apply-end', at }, { t: 'rollback-start', at, pid: 2 }, ...undos(5000), { t: 'rollback-end', at, complete: true }]],
    ['short and applying', [{ t: 'apply-start', at, pid: 1, resume: false }, ...ops(3)]],
  ] as Array<[string, JournalRecord[]]>)('%s', (_name, records) => {
    const file = journal(records);
    expect(journalState(file)).toBe(viewJournal(readJournal(file)).state);
  });

  it('a torn last line does not change the state', () => {
    const file = journal([{ t: 'apply-start', at, pid: 1, resume: false }, ...ops(5000)]);
    fs.appendFileSync(file, '{"t":"do');
    expect(journalState(file)).toBe('applying');
  });
});
