// ESLint reads .ts files only through a TypeScript parser, and the one that fits a project is its
// own @typescript-eslint/parser (made for the TypeScript version the project has). This parser
// finds it from the linted file, as Node would from that file, and hands the file over; in a
// project without it, every TypeScript file gets one parse error that says what to install.
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Linter } from 'eslint';
import { TOOL_VERSION } from '../plan/version.js';

const PACKAGE = '@typescript-eslint/parser';

type ParseForESLint = (code: string, options?: Record<string, unknown>) => Linter.ESLintParseResult;

/** By folder of the linted file: `null` when the project has no parser. */
const parsersByDir = new Map<string, ParseForESLint | null>();

function projectParser(filePath: string): ParseForESLint | null {
  const dir = path.dirname(filePath);
  let parser = parsersByDir.get(dir);
  if (parser === undefined) {
    const requireFromFile = createRequire(filePath);
    try {
      parser = (requireFromFile(requireFromFile.resolve(PACKAGE)) as { parseForESLint: ParseForESLint }).parseForESLint;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw e;
      parser = null;
    }
    parsersByDir.set(dir, parser);
  }
  return parser;
}

export function missingParserMessage(filePath: string): string {
  return `migrate-users/eslint-plugin reads ${path.basename(filePath)} with ${PACKAGE}, which this project does not have: npm install --save-dev ${PACKAGE}`;
}

export const typescriptParser: Linter.Parser = {
  meta: { name: 'migrate-users/typescript-parser', version: TOOL_VERSION },
  parseForESLint(code: string, options: Record<string, unknown> = {}) {
    const filePath = typeof options.filePath === 'string' ? path.resolve(options.filePath) : path.join(process.cwd(), 'file.ts');
    const parseForESLint = projectParser(filePath);
    if (!parseForESLint) throw new Error(missingParserMessage(filePath));
    return parseForESLint(code, options);
  },
};
