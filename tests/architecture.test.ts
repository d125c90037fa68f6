// ARCHITECTURE.md draws the layers as a table of folders and what each may import. This reads
// that table and the real imports of every production module (the TypeScript parser, so type-only
// imports, re-exports, dynamic import() and require() count, and comments or strings do not), and
// fails on an import the table does not allow, or on a production folder the table does not name.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REPO } from './helpers/cli.js';

const EVERYTHING = 'everything';

/** Folder (or root file) -> what it may import: folders like `plan/`, single files, or everything. */
function layering(): Map<string, string[]> {
  const text = fs.readFileSync(path.join(REPO, 'ARCHITECTURE.md'), 'utf8');
  const rows = [...text.matchAll(/^\| `([\w.-]+\/?)` \|[^|\n]*\| ([^|\n]*) \|$/gm)];
  return new Map(rows.map((m) => [m[1]!, m[2]!.trim() === EVERYTHING ? [EVERYTHING] : [...m[2]!.matchAll(/`([^`]+)`/g)].map((n) => n[1]!)]));
}

/** Codemod folder (`codemods/path-refs/`) -> the other codemods' modules it may import (ARCHITECTURE.md, "Between codemods"). */
function betweenCodemods(): Map<string, string[]> {
  const text = fs.readFileSync(path.join(REPO, 'ARCHITECTURE.md'), 'utf8');
  const rows = [...text.matchAll(/^\| `(codemods\/[\w-]+\/)` \| ([^|\n]*) \|$/gm)];
  return new Map(rows.map((m) => [m[1]!, [...m[2]!.matchAll(/`([^`]+)`/g)].map((n) => n[1]!)]));
}

/** `codemods/path-refs/` for a module inside a codemod folder; undefined for the registry and non-codemod modules. */
function codemodOf(rel: string): string | undefined {
  const parts = rel.split('/');
  return parts[0] === 'codemods' && parts.length > 2 ? `codemods/${parts[1]}/` : undefined;
}

/** A codemod's imports of another codemod's modules that the table does not list. */
function crossCodemodViolations(rel: string, source: string, allowed: Map<string, string[]>): string[] {
  const own = codemodOf(rel);
  if (!own) return [];
  const list = allowed.get(own);
  if (!list) return [`${rel}: its codemod ${own} has no row in ARCHITECTURE.md's "Between codemods" table`];
  return importsOf(rel, source).flatMap((spec) => {
    if (!spec.startsWith('.')) return [];
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(rel), spec)).replace(/\.js$/, '.ts');
    const other = codemodOf(target);
    if (!other || other === own || other === 'codemods/shared/' || list.includes(target)) return [];
    return [`${rel} imports ${target}: ${own} may import from other codemods only ${list.join(', ') || 'nothing'}`];
  });
}

/** `plan/` for plan/x/y.ts, `index.ts` for the root module. */
function unitOf(rel: string): string {
  return rel.includes('/') ? `${rel.split('/')[0]}/` : rel;
}

/** Every module specifier a source file names, with what kind of import it is. */
function importsOf(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) out.push(node.moduleSpecifier.text);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) out.push(node.moduleReference.expression.text);
    else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteralLike(arg)) out.push(arg.text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) out.push(node.argument.literal.text);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

/** What a production module imports against the layering, one line each. */
function violations(rel: string, source: string, layers: Map<string, string[]>): string[] {
  const unit = unitOf(rel);
  const allowed = layers.get(unit);
  if (!allowed) return [`${rel}: its folder ${unit} is not in ARCHITECTURE.md's table`];
  const out: string[] = [];
  for (const spec of importsOf(rel, source)) {
    if (!spec.startsWith('.')) continue;
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(rel), spec)).replace(/\.js$/, '.ts');
    if (target.startsWith('../')) out.push(`${rel} imports ${spec}, outside the repository`);
    else if (/^tests\/|\.test\.ts$|__testfixtures__/.test(target)) out.push(`${rel} imports ${target}: production code never imports tests or their helpers`);
    else if (unitOf(target) !== unit && !allowed.includes(EVERYTHING) && !allowed.includes(unitOf(target)) && !allowed.includes(target)) {
      out.push(`${rel} imports ${target}: ${unit} may import ${allowed.join(', ') || 'nothing of ours'}`);
    }
  }
  return out;
}

function productionModules(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(path.join(REPO, dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!['node_modules', 'dist', 'fixtures', 'tests', 'bench', 'scripts', '__testfixtures__', '__fixtures__'].includes(e.name) && !e.name.startsWith('.')) walk(rel);
      } else if (/\.[cm]?ts$/.test(e.name) && !/\.test\.ts$|\.d\.ts$|^vitest\.config\.ts$/.test(e.name)) out.push(rel);
    }
  };
  walk('');
  return out.sort();
}

describe('the layering ARCHITECTURE.md draws', () => {
  const layers = layering();

  it('names every layer with what it may import', () => {
    expect([...layers.keys()].sort()).toEqual(['bin/', 'codemods/', 'eslint-plugin/', 'index.ts', 'lint/', 'migrators/', 'parse/', 'plan/', 'profiles/']);
    expect(layers.get('plan/')).toEqual([]);
  });

  it('holds for the real imports of every production module', () => {
    const modules = productionModules();
    expect(modules.length).toBeGreaterThan(150);
    expect(modules.flatMap((rel) => violations(rel, fs.readFileSync(path.join(REPO, rel), 'utf8'), layers))).toEqual([]);
  });

  it('catches an import against the layers, whatever form it takes', () => {
    const source = [
      "import type { LintRule } from '../lint/types.js';",
      "export { ruleById } from '../lint/rules/index.js';",
      "const later = () => import('../codemods/index.js');",
      "const helper = require('../tests/helpers/tree.js');",
      "type Parsed = import('../lint/types.js').ParsedFile;",
      "// import { nothing } from '../lint/index.js' in a comment does not count",
      "import { sha256 } from './fingerprint.js';",
    ].join('\n');
    expect(violations('plan/example.ts', source, layers)).toEqual([
      'plan/example.ts imports lint/types.ts: plan/ may import nothing of ours',
      'plan/example.ts imports lint/rules/index.ts: plan/ may import nothing of ours',
      'plan/example.ts imports codemods/index.ts: plan/ may import nothing of ours',
      'plan/example.ts imports tests/helpers/tree.ts: production code never imports tests or their helpers',
      'plan/example.ts imports lint/types.ts: plan/ may import nothing of ours',
    ]);
    expect(violations('newfolder/x.ts', '', layers)).toEqual(['newfolder/x.ts: its folder newfolder/ is not in ARCHITECTURE.md\'s table']);
    expect(violations('lint/rules/x.ts', "import { transformUserIdTs } from '../../codemods/user-id-ts/transform.js';", layers)).toHaveLength(1);
  });
});

describe('imports between codemods, as ARCHITECTURE.md lists them', () => {
  const allowed = betweenCodemods();

  it('has a row for every codemod folder', () => {
    const folders = fs.readdirSync(path.join(REPO, 'codemods'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => `codemods/${e.name}/`);
    expect([...allowed.keys()].sort()).toEqual(folders.sort());
    expect(allowed.get('codemods/shared/')).toEqual([]);
  });

  it('holds for the real imports of every codemod module', () => {
    const modules = productionModules().filter((rel) => codemodOf(rel));
    expect(modules.length).toBeGreaterThan(50);
    expect(modules.flatMap((rel) => crossCodemodViolations(rel, fs.readFileSync(path.join(REPO, rel), 'utf8'), allowed))).toEqual([]);
  });

  it('catches an import of another codemod the table does not list, and a codemod without a row', () => {
    const source = [
      "import { pythonFrontEnd } from '../path-refs/python.js';",
      "import type { PathRefInput } from '../path-refs/front-end.js';",
      "const later = () => import('../user-id-python/transform.js');",
      "import { mayContain } from '../shared/prefilter.js';",
      "import { CODEMODS } from '../index.js';",
    ].join('\n');
    expect(crossCodemodViolations('codemods/user-id-ts/x.ts', source, allowed)).toEqual([
      'codemods/user-id-ts/x.ts imports codemods/path-refs/python.ts: codemods/user-id-ts/ may import from other codemods only nothing',
      'codemods/user-id-ts/x.ts imports codemods/path-refs/front-end.ts: codemods/user-id-ts/ may import from other codemods only nothing',
      'codemods/user-id-ts/x.ts imports codemods/user-id-python/transform.ts: codemods/user-id-ts/ may import from other codemods only nothing',
    ]);
    expect(crossCodemodViolations('codemods/path-refs/x.ts', source, allowed)).toEqual([
      expect.stringContaining('imports codemods/user-id-python/transform.ts'),
    ]);
    expect(crossCodemodViolations('codemods/rename-call/index.ts', '', allowed)).toEqual([
      'codemods/rename-call/index.ts: its codemod codemods/rename-call/ has no row in ARCHITECTURE.md\'s "Between codemods" table',
    ]);
  });
});
