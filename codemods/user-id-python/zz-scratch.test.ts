import { it } from 'vitest';
import fs from 'node:fs';
import { ProjectFiles } from '../../plan/files.js';
import { applySplices } from '../../plan/text.js';
import { userIdPythonSource } from './index.js';
it('x', async () => {
  const root = '/tmp/pa';
  const r = await userIdPythonSource.plan({ roots: { project: root }, config: {}, options: JSON.parse(process.env.OPTS ?? '{}'), files: new ProjectFiles(root), paths: [] });
  for (const op of r.operations as any[]) { const p = `${root}/${op.path.path}`; fs.writeFileSync(p, applySplices(fs.readFileSync(p, 'utf8'), op.splices)); }
  console.log(r.warnings.map((w) => `${w.file}:${w.line}:${w.column} ${w.code} ${w.message}`).join('\n'));
});
