// A large project's files are scanned on a thread (plan/byte-scan.ts) while the compiler loads,
// which only the built library can start: the built source must plan exactly what the source
// run from TypeScript (scanning in its own thread) plans, edits, warnings and all.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { ProjectFiles } from '../../plan/files.js';
import { SCAN_THREAD_MIN_FILES } from '../../plan/byte-scan.js';
import type { OperationSource } from '../../plan/types.js';
import { REPO } from '../../tests/helpers/cli.js';
import { runSource } from '../../tests/helpers/sources.js';
import { userIdTsSource } from './index.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mu-user-id-scan-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function write(rel: string, content: string | Buffer): void {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), content);
}

/** A settings module, a barrel re-exporting it, importers of both, look-alikes and a binary file that names the constant. */
function project(): void {
  write('src/config/settings.ts', "export const USER_ID = process.env.USER_ID ?? 'joel';\n");
  write('src/config/index.ts', "export * from './settings';\n");
  for (let i = 0; i < SCAN_THREAD_MIN_FILES + 200; i++) {
    const dir = `src/feature${i % 13}`;
    const body =
      i % 40 === 0
        ? `import { USER_ID } from '../config/settings';\nexport const owner${i} = () => \`\${USER_ID}/${i}\`;\n`
        : i % 45 === 0
          ? `import { USER_ID as me } from '../config';\nexport function who${i}() { return me; }\n`
          : i % 50 === 0
            ? `// USER_ID is only named here\nexport const n${i} = ${i};\n`
            : `export const value${i} = ${i};\n`;
    write(`${dir}/m${i}.ts`, body);
  }
  write('src/blob.js', Buffer.from([0xff, 0xfe, 0x00, ...Buffer.from('USER_ID')]));
}

it('plans the same from a scan thread as from a scan in this thread', async () => {
  project();
  const ctx = { roots: { project: root }, config: {}, options: {}, paths: [] };
  const built = (await import(pathToFileURL(path.join(REPO, 'dist/codemods/user-id-ts/index.js')).href)) as { userIdTsSource: OperationSource };
  const BuiltFiles = ((await import(pathToFileURL(path.join(REPO, 'dist/plan/files.js')).href)) as { ProjectFiles: typeof ProjectFiles }).ProjectFiles;
  const threaded = await runSource(built.userIdTsSource, { ...ctx, files: new BuiltFiles(root) });
  const here = await runSource(userIdTsSource, { ...ctx, files: new ProjectFiles(root) });
  expect(threaded.operations.length).toBeGreaterThan(40);
  expect(threaded.warnings.map((w) => w.code)).toContain('not-text');
  expect(threaded).toEqual(here);
});
