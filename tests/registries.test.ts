// One registry per kind: every folder of a codemod or migrator is registered under its own name,
// the profiles name registered sources only, and every lint rule has its tests and its README entry.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODEMODS } from '../codemods/index.js';
import { lintRules } from '../lint/rules/index.js';
import { MIGRATORS } from '../migrators/index.js';
import { PROFILE_NAMES, resolveProfile } from '../profiles/index.js';
import { REPO } from './helpers/cli.js';
import { tempDir } from './helpers/tree.js';

/** Folders that hold shared code or the jscodeshift runner, not a source of their own. */
const NOT_SOURCES = new Set(['shared', 'transform']);

function sourceFolders(kind: string): string[] {
  return fs
    .readdirSync(path.join(REPO, kind), { withFileTypes: true })
    .filter((e) => e.isDirectory() && !NOT_SOURCES.has(e.name))
    .map((e) => e.name)
    .sort();
}

describe('registries', () => {
  for (const [kind, registry, category] of [['codemods', CODEMODS, 'code'], ['migrators', MIGRATORS, 'fs']] as const) {
    it(`${kind}/index.ts registers every ${kind} folder under the name its source gives itself`, async () => {
      expect(Object.keys(registry).sort()).toEqual(sourceFolders(kind));
      for (const [name, entry] of Object.entries(registry)) {
        const source = await entry.load();
        expect({ name: source.name, category: source.category }).toEqual({ name, category });
      }
    });
  }

  it('every profile runs registered sources only', async () => {
    const root = tempDir('mu-registries-');
    for (const name of PROFILE_NAMES.filter((n) => n !== 'auto')) {
      const profile = await resolveProfile({ name, root, config: {}, only: ['code', 'fs'] });
      expect(profile.sources.length, name).toBeGreaterThan(0);
      for (const s of profile.sources) expect({ ...CODEMODS, ...MIGRATORS }[s.name], `${name}: ${s.name}`).toBeDefined();
    }
  });

  it('every lint rule has a unique id, its valid/invalid tests and a README rule-reference entry', () => {
    const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
    expect(new Set(lintRules.map((r) => r.id)).size).toBe(lintRules.length);
    for (const rule of lintRules) {
      expect(fs.existsSync(path.join(REPO, 'lint/rules', `${rule.id}.test.ts`)), rule.id).toBe(true);
      expect(readme, rule.id).toContain(`\n#### ${rule.docsAnchor}\n`);
      expect(readme, rule.id).toContain(`\n| [\`${rule.id}\`](#${rule.docsAnchor}) |`);
    }
  });
});
