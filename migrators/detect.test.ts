import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectContinuum, detectPersag } from './detect.js';
import { fixtureDir } from '../tests/helpers/materialize-fixture.js';

describe('profile detection', () => {
  it('recognises the bundled samples', () => {
    expect(detectContinuum(fixtureDir('continuum-data'))).toBe(true);
    expect(detectPersag(fixtureDir('continuum-data'))).toBe(false);
    expect(detectPersag(fixtureDir('persag-data'))).toBe(true);
    expect(detectContinuum(fixtureDir('persag-data'))).toBe(false);
  });

  it('recognises persag from a lightrag_* dir alone, and nothing in an empty tree', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'detect-'));
    expect(detectPersag(root)).toBe(false);
    expect(detectContinuum(root)).toBe(false);
    fs.writeFileSync(path.join(root, 'lightrag_notes'), 'a file, not the docker dir');
    expect(detectPersag(root)).toBe(false);
    fs.mkdirSync(path.join(root, 'lightrag_server'));
    expect(detectPersag(root)).toBe(true);
  });
});
