// What a name in a TS/JS path expression stands for: the `path` module (so that
// `path.join(...)` is read as a path), or a constant whose initializer the front end can read
// (`const base = process.env.CONTINUUM_DIR || '.continuum'` in the same scope, or
// `export const DATA_DIR = ...` in a relative module the file imports).
import fs from 'node:fs';
import path from 'node:path';
import type ts from 'typescript';
import { typescript } from '../../parse/ts-api.js';
import { declaringScope, moduleBindings, resolveModuleBinding, type ModuleBinding } from '../../parse/ts-bindings.js';
import { candidateFiles } from '../user-id-ts/resolve.js';
import { parseSource } from '../user-id-ts/parse.js';

const PATH_MODULES = new Set(['path', 'node:path', 'path/posix', 'node:path/posix']);
const PATH_FUNCTIONS = new Set(['join', 'resolve']);

const pathBindings = (sf: ts.SourceFile): ModuleBinding[] => moduleBindings(sf).filter((b) => PATH_MODULES.has(b.module));

/** `path.join(...)`, `path.resolve(...)`, `path.posix.join(...)`, or `join(...)` imported from `path`. */
export function isPathModuleCall(call: ts.CallExpression, sf: ts.SourceFile): boolean {
  const callee = call.expression;
  const bindings = pathBindings(sf);
  if (typescript.isIdentifier(callee)) {
    const b = resolveModuleBinding(bindings, callee, callee.text);
    return b?.kind === 'named' && PATH_FUNCTIONS.has(b.imported ?? '');
  }
  if (!typescript.isPropertyAccessExpression(callee) || !PATH_FUNCTIONS.has(callee.name.text)) return false;
  let object = callee.expression;
  if (typescript.isPropertyAccessExpression(object) && object.name.text === 'posix') object = object.expression;
  if (!typescript.isIdentifier(object)) return false;
  const b = resolveModuleBinding(bindings, object, object.text);
  return b !== undefined && b.kind !== 'named';
}

export interface Declaration {
  init: ts.Expression;
  sf: ts.SourceFile;
  file: string;
}

function constInitializer(statements: readonly ts.Statement[], name: string, exported: boolean): ts.Expression | undefined {
  for (const s of statements) {
    if (!typescript.isVariableStatement(s) || !(s.declarationList.flags & typescript.NodeFlags.Const)) continue;
    if (exported && !s.modifiers?.some((m) => m.kind === typescript.SyntaxKind.ExportKeyword)) continue;
    const d = s.declarationList.declarations.find((v) => typescript.isIdentifier(v.name) && v.name.text === name);
    if (d) return d.initializer;
  }
  return undefined;
}

/** Finds constants' declarations, in the file or in the relative modules it imports (parsed once each). */
export class ConstantResolver {
  private readonly parsed = new Map<string, ts.SourceFile | undefined>();

  constructor(private readonly projectRoot: string) {}

  declarationOf(id: ts.Identifier, sf: ts.SourceFile, file: string): Declaration | undefined {
    const scope = declaringScope(id, id.text);
    if (!scope) return undefined;
    const statements = 'statements' in scope ? (scope.statements as ts.NodeArray<ts.Statement>) : undefined;
    const local = statements && constInitializer(statements, id.text, false);
    if (local) return { init: local, sf, file };
    const binding = resolveModuleBinding(moduleBindings(sf), id, id.text);
    if (binding?.kind !== 'named' || !binding.imported) return undefined;
    for (const candidate of candidateFiles(file, binding.module)) {
      const other = this.parse(candidate);
      const init = other && constInitializer(other.statements, binding.imported, true);
      if (init) return { init, sf: other, file: candidate };
    }
    return undefined;
  }

  private parse(file: string): ts.SourceFile | undefined {
    if (!this.parsed.has(file)) {
      const full = path.join(this.projectRoot, file);
      let sf: ts.SourceFile | undefined;
      try {
        if (fs.statSync(full).isFile()) sf = parseSource(fs.readFileSync(full, 'utf8'), file).sourceFile;
      } catch {
        sf = undefined; // no such candidate: the next one is tried
      }
      this.parsed.set(file, sf);
    }
    return this.parsed.get(file);
  }
}
