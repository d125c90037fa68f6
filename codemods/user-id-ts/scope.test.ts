// The scope walk checked against the TypeScript type checker's own name resolution: for every
// top-level import / require binding of a file, the identifiers in value positions (and
// `typeof` queries) that the checker resolves to that binding are exactly those the walk finds.
// Runs on the fixture inputs, the sample app, and real third-party code from node_modules.
import fs from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { parseSource, scriptKindFor } from './parse.js';
import { findReferences } from './scope.js';

const REPO = path.resolve(import.meta.dirname, '../..');

type Binding = ts.ImportSpecifier | ts.NamespaceImport | ts.VariableDeclaration | ts.BindingElement;

function topLevelBindings(sf: ts.SourceFile): Map<string, Binding> {
  const out = new Map<string, Binding>();
  for (const st of sf.statements) {
    const named = ts.isImportDeclaration(st) ? st.importClause?.namedBindings : undefined;
    if (named && ts.isNamedImports(named)) for (const e of named.elements) out.set(e.name.text, e);
    if (named && ts.isNamespaceImport(named)) out.set(named.name.text, named);
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) {
      const init = d.initializer;
      if (!init || !ts.isCallExpression(init) || init.expression.getText() !== 'require') continue;
      if (ts.isIdentifier(d.name)) out.set(d.name.text, d);
      else if (ts.isObjectBindingPattern(d.name)) for (const e of d.name.elements) if (ts.isIdentifier(e.name)) out.set(e.name.text, e);
    }
  }
  return out;
}

/** A type position that is not a `typeof` query: not a reference the walk reports. */
function isTypeOnlyPosition(id: ts.Identifier): boolean {
  let top: ts.Node = id;
  while (ts.isQualifiedName(top.parent) || (ts.isPropertyAccessExpression(top.parent) && ts.isExpressionWithTypeArguments(top.parent.parent))) top = top.parent;
  if (ts.isTypeQueryNode(top.parent)) return false;
  if (ts.isTypeReferenceNode(top.parent)) return true;
  const heritage = ts.isExpressionWithTypeArguments(top.parent) ? top.parent.parent : undefined;
  if (heritage && ts.isHeritageClause(heritage)) return heritage.token === ts.SyntaxKind.ImplementsKeyword || ts.isInterfaceDeclaration(heritage.parent);
  return ts.isPartOfTypeNode(id);
}

/** Positions of identifiers the checker binds to one of the file's top-level bindings. */
function checkerReferences(fileName: string, text: string): { walk: number[]; checker: number[] } | undefined {
  if (parseSource(text, fileName).error) return undefined;
  const host = ts.createCompilerHost({});
  host.getSourceFile = (f, lang) => (f === fileName ? ts.createSourceFile(f, text, lang, true, scriptKindFor(f)) : undefined);
  const program = ts.createProgram([fileName], { noLib: true, noResolve: true, allowJs: true, jsx: ts.JsxEmit.Preserve, types: [] }, host);
  const sf = program.getSourceFile(fileName)!;
  const checker = program.getTypeChecker();
  const bindings = topLevelBindings(sf);
  if (bindings.size === 0) return undefined;
  const walk = findReferences(sf, new Set(bindings.keys())).filter((r) => r.kind !== 'export-local').map((r) => r.id.getStart());
  const found: number[] = [];
  const visit = (n: ts.Node): void => {
    const binding = ts.isIdentifier(n) ? bindings.get(n.text) : undefined;
    if (binding && ts.isIdentifier(n) && n !== binding.name && !ts.isExportSpecifier(n.parent) && !isTypeOnlyPosition(n)) {
      const shorthand = ts.isShorthandPropertyAssignment(n.parent) && n.parent.name === n;
      const symbol = shorthand ? checker.getShorthandAssignmentValueSymbol(n.parent) : checker.getSymbolAtLocation(n);
      if (symbol?.declarations?.includes(binding)) found.push(n.getStart());
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return { walk: walk.sort((a, b) => a - b), checker: found.sort((a, b) => a - b) };
}

function compare(files: string[]): { compared: number; references: number } {
  let compared = 0;
  let references = 0;
  for (const file of files) {
    const result = checkerReferences(file, fs.readFileSync(file, 'utf8'));
    if (!result) continue;
    compared++;
    references += result.checker.length;
    expect(result.walk, file).toEqual(result.checker);
  }
  return { compared, references };
}

const scripts = (cwd: string): string[] =>
  fg.sync('**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}', { cwd, absolute: true, ignore: ['**/*.d.ts', '**/*.min.js'] });

describe('scope walk agrees with the type checker', () => {
  it('on the fixture inputs and the sample app', () => {
    const files = [...scripts(path.join(import.meta.dirname, '__testfixtures__')).filter((f) => f.includes('.input.')), ...scripts(path.join(REPO, 'fixtures/ts-app'))];
    const { compared, references } = compare(files);
    expect(compared).toBeGreaterThan(40);
    expect(references).toBeGreaterThan(80);
  });

  it('on real third-party code (commander, yaml, ajv vocabularies)', () => {
    const files = ['commander/lib', 'yaml/dist', 'ajv/lib/vocabularies'].flatMap((d) => scripts(path.join(REPO, 'node_modules', d)));
    const { compared, references } = compare(files.filter((f) => fs.statSync(f).size < 200_000));
    expect(compared).toBeGreaterThan(100);
    expect(references).toBeGreaterThan(500);
  });
});

describe('the walk skips subtrees whose text names none of the bindings', () => {
  it('still finds a reference spelled with a unicode escape, and one under a shadowing block', () => {
    const text = [
      "import { USER_ID, other } from './settings';",
      'export const a = \\u0055SER_ID;',
      'export function f(USER_ID: string) { return USER_ID + other; }',
      'export function g() { { const USER_ID = 1; } return [USER_ID, other]; }',
      'export const b = () => { const unrelated = 2; return unrelated; };',
    ].join('\n');
    const result = checkerReferences('escaped.ts', text)!;
    expect(result.checker).toHaveLength(4);
    expect(result.walk).toEqual(result.checker);
  });
});
