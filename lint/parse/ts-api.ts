// The TypeScript compiler, loaded with require() and only when the first file is parsed:
// typescript.js is one 9 MB CommonJS file. An ESM `import` would make Node scan all of it for
// named exports first, and loading it at start-up would charge every run (an empty folder, a
// project where no file passes the prefilters, a worker thread that parses nothing) ~0.3 s.
// Modules import the types with `import type ts from 'typescript'` and the runtime from here;
// `typescript` is a live binding, set by loadTypeScript(), which parseTypeScript calls, so
// everything that walks a parsed tree sees it set.
import { createRequire } from 'node:module';
import type ts from 'typescript';

export let typescript: typeof ts;

export function loadTypeScript(): typeof ts {
  typescript ??= createRequire(import.meta.url)('typescript') as typeof ts;
  return typescript;
}
