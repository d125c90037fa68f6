// Lets `require()` load what jscodeshift's babel-register compiles: TypeScript transforms (and
// the TypeScript helpers they import), and `.js` files written with `import`/`export` that also
// call `require()` or use `module`/`__dirname` (react-codemod's transforms). Each such file is
// transpiled to CommonJS in memory, so nothing is ever written next to the user's files and
// relative and package imports resolve from the transform's own directory.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as TypeScript from 'typescript';

export const TS_MODULE_EXTENSIONS = ['.ts', '.mts', '.cts'] as const;

interface CompilableModule {
  _compile(code: string, filename: string): void;
}

type Loader = (module: unknown, filename: string) => void;

const require = createRequire(import.meta.url);

let typescript: typeof TypeScript | undefined;

/**
 * The compiler, loaded on first need and through `require`: imported from ESM, Node runs its
 * CommonJS export scanner over all 9 MB of it, seconds per thread that a transform written in
 * plain CommonJS or ESM never needs (measured: 5.4 s via import, 2.4 s via require, loaded machine).
 */
function tsc(): typeof TypeScript {
  typescript ??= require('typescript') as typeof TypeScript;
  return typescript;
}

/** JavaScript for one TypeScript or JavaScript module, or an error naming the file and line of a syntax error. */
export function transpileToCommonJs(source: string, filename: string): string {
  const ts = tsc();
  const out = ts.transpileModule(source, {
    // TypeScript keeps ESM syntax for a `.mts` name whatever `module` says; the CommonJS loader needs CommonJS.
    fileName: filename.replace(/\.[mc]ts$/, '.ts').replace(/\.[mc]js$/, '.js'),
    reportDiagnostics: true,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      allowJs: true,
      jsx: ts.JsxEmit.React,
    },
  });
  const first = out.diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error);
  if (first) {
    const where = first.file && first.start !== undefined ? first.file.getLineAndCharacterOfPosition(first.start) : undefined;
    const at = where ? `:${where.line + 1}:${where.character + 1}` : '';
    throw new Error(`${filename}${at}: ${ts.flattenDiagnosticMessageText(first.messageText, ' ')}`);
  }
  return out.outputText;
}

function compileTypeScript(module: unknown, filename: string): void {
  const source = fs.readFileSync(filename, 'utf8');
  (module as CompilableModule)._compile(transpileToCommonJs(source, filename), filename);
}

/** A cheap test first: most `.js` files a process requires are CommonJS and never get parsed. */
const ESM_HINT = /^[ \t]*(?:import[\s{*'"]|export[\s{*])/m;

/** Top-level `import`/`export` statements, as a parser sees them (not in comments or strings). */
export function hasModuleSyntax(source: string, filename: string): boolean {
  if (!ESM_HINT.test(source)) return false;
  const ts = tsc();
  const file = ts.createSourceFile(filename, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.JSX);
  return file.statements.some(
    (s) =>
      ts.isImportDeclaration(s) ||
      ts.isImportEqualsDeclaration(s) ||
      ts.isExportDeclaration(s) ||
      ts.isExportAssignment(s) ||
      (ts.canHaveModifiers(s) && (ts.getModifiers(s) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)),
  );
}

const packageTypes = new Map<string, string | undefined>();

/** The `type` of the package.json nearest to `dir` (what decides how Node reads a `.js` file). */
function packageType(dir: string): string | undefined {
  if (packageTypes.has(dir)) return packageTypes.get(dir);
  let type: string | undefined;
  const manifest = path.join(dir, 'package.json');
  if (fs.existsSync(manifest)) {
    try {
      const parsed = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { type?: unknown };
      type = typeof parsed.type === 'string' ? parsed.type : undefined;
    } catch {
      type = undefined;
    }
  } else if (path.dirname(dir) !== dir) type = packageType(path.dirname(dir));
  packageTypes.set(dir, type);
  return type;
}

/** A `.js` file Node reads as CommonJS (no `"type": "module"` around it) but written with ESM syntax. */
export function isEsmSyntaxCommonJs(filename: string, source?: string): boolean {
  if (packageType(path.dirname(filename)) === 'module') return false;
  return hasModuleSyntax(source ?? fs.readFileSync(filename, 'utf8'), filename);
}

function compileEsmSyntaxJs(fallback: Loader): Loader {
  return (module, filename) => {
    const source = filename.endsWith('.js') ? fs.readFileSync(filename, 'utf8') : '';
    if (filename.endsWith('.js') && isEsmSyntaxCommonJs(filename, source)) {
      (module as CompilableModule)._compile(transpileToCommonJs(source, filename), filename);
    } else fallback(module, filename);
  };
}

let installed = false;

/**
 * Installs the handlers: TypeScript for every TypeScript extension that has none yet (a handler
 * already present, from ts-node or tsx, is respected), and ESM-syntax `.js` in front of Node's
 * own `.js` loader, which still loads every other file. They stay installed so that a transform
 * requiring a helper lazily, at run time, still works.
 */
function install(): void {
  if (installed) return;
  installed = true;
  for (const ext of TS_MODULE_EXTENSIONS) {
    if (!require.extensions[ext]) require.extensions[ext] = compileTypeScript;
  }
  require.extensions['.js'] = compileEsmSyntaxJs(require.extensions['.js'] as Loader);
}

/** Loads a TypeScript module, or an ESM-syntax `.js` module, as CommonJS. */
export function requireCompiled(file: string): unknown {
  install();
  return require(file);
}
