// The TypeScript compiler, loaded with require(): typescript.js is one 9 MB CommonJS file, and an
// ESM `import` makes Node scan all of it for named exports first (~0.6 s of CPU in every worker
// thread). Modules import the types with `import type ts from 'typescript'` and the runtime from here.
import { createRequire } from 'node:module';
import type ts from 'typescript';

export const typescript = createRequire(import.meta.url)('typescript') as typeof ts;
