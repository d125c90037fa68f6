import fs from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { HeldResults } from './held-results.js';
import { transformUserIdTs } from './transform.js';

const OPTIONS = { constant: 'USER_ID', accessor: 'getUserId', settingsModule: 'src/settings.ts', providers: ['src/settings.ts'] };

function spoolDirs(): string[] {
  return fs.readdirSync(os.tmpdir()).filter((d) => d.startsWith('mu-results-'));
}

describe('HeldResults', () => {
  it('gives back every result as it was held, in any order, and leaves no temp file behind', () => {
    const before = spoolDirs();
    const results = Array.from({ length: 50 }, (_, i) =>
      transformUserIdTs(`import { USER_ID } from './settings';\nexport const f${i} = () => \`\${USER_ID}/é${'x'.repeat(i * 37)}\`;\n`, `src/f${i}.ts`, OPTIONS),
    );
    expect(results.every((r) => r.splices.length > 0)).toBe(true);
    const held = new HeldResults();
    const at = results.map((r) => held.hold(r));
    expect(spoolDirs().length).toBe(before.length + 1);
    for (const i of [49, 0, 17, 3, 48]) expect(held.read(at[i]!)).toEqual(JSON.parse(JSON.stringify(results[i])));
    expect(at.every((h) => h.hasSplices)).toBe(true);
    held.close();
    expect(spoolDirs()).toEqual(before);
  });
});
