// The TypeScript compiler, loaded with require() and only when the first file is parsed:
// typescript.js is one 9 MB CommonJS file. An ESM `import` would make Node scan all of it for
// named exports first, and loading it at start-up would charge every run (an empty folder, a
// project where no file passes the prefilters, a worker thread that parses nothing) ~0.3 s.
// It is compiled through a V8 code cache (code-cache.ts), which takes most of that cost away
// from every run after the first.
// Modules import the types with `import type ts from 'typescript'` and the runtime from here;
// `typescript` is a live binding, set by loadTypeScript(), which parseTypeScript calls, so
// everything that walks a parsed tree sees it set.
import { createRequire } from 'node:module';
import type ts from 'typescript';
import { requireWithCodeCache, type CodeCacheUse } from './code-cache.js';

export let typescript: typeof ts;
/** What the code cache did when this thread loaded the compiler; undefined before that. */
export let typescriptCodeCache: CodeCacheUse | undefined;

export function loadTypeScript(): typeof ts {
  if (typescript === undefined) {
    const loaded = requireWithCodeCache(createRequire(import.meta.url).resolve('typescript'));
    typescript = loaded.exports as typeof ts;
    typescriptCodeCache = loaded.cache;
  }
  return typescript;
}
