// How many threads a transform run uses: the pools' shared limit (one core fewer than the
// machine has, at most 8) and no more than the files pay for (each thread more than 100 files).
import { describe, expect, it } from 'vitest';
import { availableThreads } from '../../plan/worker-script.js';
import { defaultThreads, FILES_PER_THREAD } from './pool.js';

describe('defaultThreads', () => {
  it('stays in one thread on 2 cores or fewer, whatever the number of files', () => {
    for (const files of [1, 200, 1_000, 100_000]) {
      expect(defaultThreads(files, 2), `${files} files`).toBe(1);
      expect(defaultThreads(files, 1), `${files} files`).toBe(1);
    }
  });

  it('starts a thread only for more than FILES_PER_THREAD files each', () => {
    expect(FILES_PER_THREAD).toBe(100);
    expect([0, 1, 100, 200, 201, 300, 301, 10_000].map((files) => defaultThreads(files, 4))).toEqual([1, 1, 1, 1, 2, 2, 3, 3]);
    expect([250, 450, 801, 10_000].map((files) => defaultThreads(files, 16))).toEqual([2, 4, 8, 8]);
  });

  it('uses the limit lint uses', () => {
    expect([1, 2, 3, 4, 8, 9, 64].map((cores) => availableThreads(cores))).toEqual([1, 1, 2, 3, 7, 8, 8]);
    for (const cores of [1, 2, 3, 4, 8, 9, 64]) expect(defaultThreads(1_000_000, cores)).toBe(availableThreads(cores));
  });
});
