// The real-code corpus: the TypeScript sources that installed packages ship (devDependencies
// pinned in package.json, so every machine gets the same files), copied under one dir, with
// USER_ID injected the way the generated corpus does it (ts-corpus.mjs): a settings module,
// and in the chosen files an import of USER_ID plus code that reads it. On real code start-up
// and prefilter precision weigh more than on generated files, which all look alike.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createRandom } from './random.mjs';
import { REPO } from './tools.mjs';
import { corpusWriter, SETTINGS_MODULE, SETTINGS_TEXT, specifier, USER_ID_USES } from './ts-corpus.mjs';

/** Packages whose published TypeScript sources make the corpus (both pinned devDependencies). */
export const REAL_PACKAGES = ['effect', 'viem'];

const require = createRequire(path.join(REPO, 'package.json'));
const SOURCE = /\.(?:[cm]?ts|tsx)$/;
const DECLARATION = /\.d\.(?:[cm]?ts|tsx)$/;

/** Every TypeScript source file a package ships (declarations and nested packages left out), sorted. */
function shippedSources(pkgDir, rel = '') {
  return fs
    .readdirSync(path.join(pkgDir, rel), { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) return e.name === 'node_modules' ? [] : shippedSources(pkgDir, child);
      return e.isFile() && SOURCE.test(e.name) && !DECLARATION.test(e.name) ? [child] : [];
    });
}

/** The corpus' files as { from, rel }: package sources under `<package>/`. */
export function realSources() {
  return REAL_PACKAGES.flatMap((pkg) => {
    const pkgDir = path.dirname(require.resolve(`${pkg}/package.json`));
    return shippedSources(pkgDir).map((rel) => ({ from: path.join(pkgDir, rel), rel: `${pkg}/${rel}` }));
  });
}

/** The names a USER_ID use declares or imports: a use is only injected where none is taken. */
function namesOf(use) {
  const text = `${use.extraImports}${use.tail ?? ''}`;
  const names = [...text.matchAll(/\b(?:function|const|as)\s+([A-Za-z_$][\w$]*)/g)].map((m) => m[1]);
  const imported = /import\s*\{([^}]*)\}/.exec(use.extraImports)?.[1].split(',').map((s) => s.trim().split(/\s+/)[0]) ?? [];
  return [...names, ...imported];
}

const takenIn = (text, name) => new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(text);

/**
 * The file's text with one USER_ID use injected: the import first (after a shebang), the code
 * that reads it at the end. Uses that need a class (fields, methods) are left out, as the
 * generated corpus does for files that are not services; so are uses whose names the file
 * already has. Returns undefined when no use fits.
 */
function inject(rnd, text, rel) {
  const spec = specifier(rel, SETTINGS_MODULE);
  const fitting = USER_ID_USES.map((u) => u(spec)).filter((u) => !u.classFields && !u.classMethods && !namesOf(u).some((name) => takenIn(text, name)));
  if (fitting.length === 0) return undefined;
  const use = rnd.pick(fitting);
  const head = /^\uFEFF?(?:#!.*\n)?/.exec(text)[0];
  const body = text.slice(head.length);
  return `${head}${use.extraImports}${body}${body.endsWith('\n') ? '' : '\n'}${use.tail}`;
}

/**
 * Copies the real sources to `dir`, adds the settings module and injects USER_ID into
 * `mentionCount - 1` of the sources, so that `mentionCount` files mention it, as in the generated
 * corpus (chosen by `seed`; a file where no use fits gives its turn to the next one). Returns
 * { files, mentioning, bytes } like generateTsCorpus, relative paths with `/`.
 */
export function generateRealCorpus(dir, { mentionCount, seed }) {
  const rnd = createRandom(seed);
  const sources = realSources();
  const chosen = new Set(rnd.sample(sources.length, mentionCount - 1));
  const files = [];
  const mentioning = [];
  const write = corpusWriter(dir, files);
  write(SETTINGS_MODULE, SETTINGS_TEXT);
  mentioning.push(SETTINGS_MODULE);
  let owed = 0;
  sources.forEach(({ from, rel }, i) => {
    const text = fs.readFileSync(from, 'utf8');
    if (text.includes('USER_ID')) throw new Error(`${from} already mentions USER_ID: the corpus would not be what it says`);
    const wanted = chosen.has(i) || (owed > 0 && !chosen.has(i));
    const injected = wanted ? inject(rnd, text, rel) : undefined;
    if (chosen.has(i) && injected === undefined) owed++;
    else if (!chosen.has(i) && injected !== undefined) owed--;
    write(rel, injected ?? text);
    if (injected !== undefined) mentioning.push(rel);
  });
  if (owed > 0) throw new Error(`USER_ID fits in only ${mentioning.length - 1} of the ${mentionCount} files asked for`);
  return { files, mentioning, bytes: files.reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0) };
}
