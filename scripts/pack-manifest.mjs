// `npm pack` ships package.json as it is on disk. The repository's copy keeps `prepare`, the one
// script npm runs when it installs a package from a git URL (it builds dist/ there); the packed
// copy must carry no install-time script (npm warns about them, and dist/ is built already), nor
// the pack scripts, which need this file that is not shipped. `prepack` runs `strip` after the
// build, `postpack` runs `restore`.
//
//   node scripts/pack-manifest.mjs strip|restore [package-dir]
import fs from 'node:fs';
import path from 'node:path';

const NOT_SHIPPED = ['preinstall', 'install', 'postinstall', 'prepare', 'prepack', 'postpack'];
const [mode, dir = process.cwd()] = process.argv.slice(2);
const manifest = path.join(dir, 'package.json');
const original = path.join(dir, '.package.json.unpacked');

if (mode === 'strip') {
  // A pack that stopped before postpack left the stripped manifest: start from the original.
  if (fs.existsSync(original)) fs.copyFileSync(original, manifest);
  const text = fs.readFileSync(manifest, 'utf8');
  fs.writeFileSync(original, text);
  const pkg = JSON.parse(text);
  for (const name of NOT_SHIPPED) delete pkg.scripts?.[name];
  fs.writeFileSync(manifest, `${JSON.stringify(pkg, null, 2)}\n`);
} else if (mode === 'restore') {
  if (fs.existsSync(original)) fs.renameSync(original, manifest);
} else {
  process.stderr.write('usage: node scripts/pack-manifest.mjs strip|restore [package-dir]\n');
  process.exitCode = 2;
}
