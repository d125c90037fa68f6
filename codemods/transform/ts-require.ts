// Lets `require()` load TypeScript transforms (and the TypeScript helpers they import) the way
// jscodeshift's babel-register does: each .ts/.mts/.cts file is transpiled to CommonJS in memory,
// so nothing is ever written next to the user's files and relative and package imports resolve
// from the transform's own directory.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import ts from 'typescript';

export const TS_MODULE_EXTENSIONS = ['.ts', '.mts', '.cts'] as const;

interface CompilableModule {
  _compile(code: string, filename: string): void;
}

const require = createRequire(import.meta.url);

/** JavaScript for one TypeScript module, or an error naming the file and line of a syntax error. */
export function transpileToCommonJs(source: string, filename: string): string {
  const out = ts.transpileModule(source, {
    // TypeScript keeps ESM syntax for a `.mts` name whatever `module` says; the CommonJS loader needs CommonJS.
    fileName: filename.replace(/\.[mc]ts$/, '.ts'),
    reportDiagnostics: true,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
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

/**
 * Installs the handler for every TypeScript extension that has none yet; a handler already
 * present (ts-node, tsx) is respected. Stays installed so that a transform requiring a helper
 * lazily, at run time, still works.
 */
export function requireTypeScript(file: string): unknown {
  for (const ext of TS_MODULE_EXTENSIONS) {
    if (!require.extensions[ext]) require.extensions[ext] = compileTypeScript;
  }
  return require(file);
}
