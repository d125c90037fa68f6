import { it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { ProjectFiles } from '../../plan/files.js';
import { applySplices } from '../../plan/text.js';
import { userIdPythonSource } from './index.js';
it('stress', async () => {
  const root = '/tmp/stdlib';
  const files = new ProjectFiles(root);
  for (const constant of (process.env.CONSTS ?? 'HIGHEST_PROTOCOL').split(',')) {
    const t0 = Date.now();
    const r = await userIdPythonSource.plan({ roots: { project: root }, config: { userId: { constant } }, options: {}, files, paths: [] });
    const codes: Record<string, number> = {};
    for (const w of r.warnings) codes[w.code!] = (codes[w.code!] ?? 0) + 1;
    console.log(constant, 'ops', r.operations.length, JSON.stringify(codes), Date.now() - t0, 'ms');
    for (const w of r.warnings) if (['edit-unparsable', 'edit-conflict'].includes(w.code!)) console.log(w.file, w.message);
    const out = `/tmp/stress-out/${constant}`;
    fs.rmSync(out, { recursive: true, force: true });
    for (const op of r.operations as any[]) {
      const p = path.join(out, op.path.path);
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, applySplices(fs.readFileSync(path.join(root, op.path.path), 'utf8'), op.splices));
    }
  }
}, 600000);
