// The scaffold: `npm run new:rule NAME`, `npm run new:codemod NAME`, `npm run new:migrator NAME`.
// Copies scripts/templates/<kind>/ into the kind's folder with the name filled in, and adds the
// one line that registers it (ARCHITECTURE.md: "Add a lint rule / a codemod / a migrator").
//
//   node scripts/new.mjs rule|codemod|migrator NAME [--root DIR]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const USAGE = 'usage: npm run new:rule|new:codemod|new:migrator NAME (NAME in kebab-case, e.g. no-sync-fs)';
const TEMPLATES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'templates');

class UsageError extends Error {}

const camel = (name) => name.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
const pascal = (name) => camel(name).replace(/^./, (c) => c.toUpperCase());

function fill(text, name) {
  return text.replaceAll('__name__', name).replaceAll('__camel__', camel(name)).replaceAll('__Pascal__', pascal(name));
}

/** Copies the template folder into `dest`, names and contents filled in; nothing is written if a file exists. */
function copyTemplate(kind, dest, name, skip = []) {
  const from = path.join(TEMPLATES, kind);
  const files = fs.readdirSync(from, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && !skip.includes(e.name));
  const copies = files.map((e) => {
    const src = path.join(e.parentPath, e.name);
    return { src, target: path.join(dest, fill(path.relative(from, src), name)) };
  });
  const taken = copies.find((c) => fs.existsSync(c.target));
  if (taken) throw new UsageError(`${taken.target} exists already; pick another name`);
  for (const { src, target } of copies) {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, fill(fs.readFileSync(src, 'utf8'), name));
  }
  return copies.map((c) => c.target);
}

/** Inserts `line` into `file` before the line matching `before` (the registry's closing line). */
function insertBefore(file, before, line) {
  const text = fs.readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const at = lines.findIndex((l) => before.test(l));
  if (at === -1) throw new Error(`${file}: cannot find where to register (${before}); add the line by hand: ${line}`);
  lines.splice(at, 0, line);
  fs.writeFileSync(file, lines.join('\n'));
}

function newRule(root, name) {
  const rules = path.join(root, 'lint/rules');
  const written = copyTemplate('rule', rules, name, ['readme-section.md']);
  // The registry: one import beside the others, one entry at the end of the list.
  const registry = path.join(rules, 'index.ts');
  const text = fs.readFileSync(registry, 'utf8');
  const lastImport = [...text.matchAll(/^import .*\n/gm)].at(-1);
  const list = /(export const lintRules[^=]*= \[[^\]]*?),?(\s*)\]/;
  if (!lastImport || !list.test(text)) throw new Error(`${registry}: cannot find the imports and the lintRules list; register ${camel(name)} by hand`);
  const at = lastImport.index + lastImport[0].length;
  const imported = `${text.slice(0, at)}import { ${camel(name)} } from './${name}.js';\n${text.slice(at)}`;
  fs.writeFileSync(registry, imported.replace(list, `$1, ${camel(name)}$2]`));
  // The README rule reference: a row in the table and a section, both before unused-suppression's.
  const readme = path.join(root, 'README.md');
  insertBefore(readme, /^\| \[`unused-suppression`\]/, `| [\`${name}\`](#${name}) | warn | every project | TODO what it finds |`);
  insertBefore(readme, /^#### unused-suppression$/, fill(fs.readFileSync(path.join(TEMPLATES, 'rule/readme-section.md'), 'utf8'), name));
  return [...written, registry, readme];
}

function newSource(root, kind, name) {
  const folder = path.join(root, `${kind}s`, name);
  if (fs.existsSync(folder)) throw new UsageError(`${folder} exists already; pick another name`);
  const written = copyTemplate(kind, folder, name);
  const registry = path.join(root, `${kind}s/index.ts`);
  insertBefore(registry, /^};$/, `  '${name}': { load: async () => (await import('./${name}/index.js')).${camel(name)}Source },`);
  // A codemod's row in ARCHITECTURE.md's "Between codemods" table: it imports no other codemod yet.
  const architecture = path.join(root, 'ARCHITECTURE.md');
  if (kind !== 'codemod' || !fs.existsSync(architecture)) return [...written, registry];
  insertBefore(architecture, /^\| `codemods\/shared\/` \|/, `| \`codemods/${name}/\` | none |`);
  return [...written, registry, architecture];
}

function main(argv) {
  const rootAt = argv.indexOf('--root');
  const root = path.resolve(rootAt === -1 ? process.cwd() : (argv[rootAt + 1] ?? ''));
  const [kind, name, ...extra] = rootAt === -1 ? argv : argv.filter((_, i) => i !== rootAt && i !== rootAt + 1);
  if (!['rule', 'codemod', 'migrator'].includes(kind) || !name || extra.length > 0) throw new UsageError(USAGE);
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name)) throw new UsageError(`"${name}" is not a kebab-case name; ${USAGE}`);
  if (!fs.existsSync(path.join(root, 'lint/rules/index.ts'))) throw new UsageError(`${root} is not a migrate-users checkout; run this from its root`);
  const written = kind === 'rule' ? newRule(root, name) : newSource(root, kind, name);
  for (const f of written) process.stdout.write(`${path.relative(root, f)}\n`);
  const next = kind === 'rule' ? `lint/rules/${name}.ts, then npx vitest run lint/rules/${name}.test.ts` : `${kind}s/${name}/, then npx vitest run ${kind}s/${name}`;
  process.stdout.write(`\nNext: edit ${next}\n`);
}

try {
  main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`new: ${e.message}\n`);
  process.exitCode = e instanceof UsageError ? 2 : 1;
}
