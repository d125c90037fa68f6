// Which Python module an import names, and which modules provide the constant. Modules are
// keyed by their path without `.py` (a package by its directory), resolved against the source
// roots the tree itself shows (`src/` layouts, the project root) and relative to the importer.
import path from 'node:path';

export interface ModuleRef {
  level: number;
  module: string;
}

/** What one file says about the constant at module level (see `facts.ts`). */
export interface ModuleFacts {
  /** The module assigns the constant itself: one plain top-level statement, or in some other way. */
  defines?: 'plain' | 'complex';
  /** The definition gives the constant a key name for it (`USER_ID = "USER_ID"`): no settings module. */
  keyName?: boolean;
  /** The accessor is already bound at module scope (a `def` or an import). */
  hasAccessor: boolean;
  /** `__all__` at module level lists the constant: the module exports it by name. */
  listsInAll: boolean;
  /** Module-scope `from X import CONST`: a package may re-export it. */
  moduleScopeImports: ModuleRef[];
  /** `from X import CONST` anywhere in the file. */
  imports: ModuleRef[];
}

export type ProviderRole = 'definer' | 'reexporter';

export interface Provider {
  role: ProviderRole;
  /** False when the provider will not offer the accessor after this plan (outside the paths, unsupported shape). */
  ok: boolean;
}

/** What the transform of one file needs to know about the rest of the project. */
export interface ModuleView {
  resolve(fromFile: string, ref: ModuleRef): string | undefined;
  /** A submodule or subpackage `name` of module `base`. */
  child(base: string, name: string): string | undefined;
  fileOf(base: string): string | undefined;
  provider(file: string | undefined): Provider | undefined;
  /** Whether a module defines the constant as a key name (`USER_ID = "USER_ID"`): importing it reads no user id. */
  keyName(file: string | undefined): boolean;
}

const posix = path.posix;

export class ModuleIndex {
  private readonly files: Set<string>;
  private readonly dirs = new Set<string>();
  readonly roots: string[];

  constructor(pythonFiles: Iterable<string>) {
    this.files = new Set(pythonFiles);
    for (const f of this.files) {
      for (let d = posix.dirname(f); d !== '.' && !this.dirs.has(d); d = posix.dirname(d)) this.dirs.add(d);
    }
    const roots = new Set<string>(['']);
    if (this.dirs.has('src')) roots.add('src');
    for (const f of this.files) {
      let dir = posix.dirname(f);
      if (!this.files.has(this.join(dir, '__init__.py'))) continue;
      while (dir !== '.' && this.files.has(this.join(dir, '__init__.py'))) dir = posix.dirname(dir);
      roots.add(dir === '.' ? '' : dir);
    }
    this.roots = [...roots].sort();
  }

  private join(...parts: string[]): string {
    return parts.filter((p) => p !== '' && p !== '.').join('/');
  }

  fileOf(base: string): string | undefined {
    if (base === '') return undefined;
    if (this.files.has(`${base}.py`)) return `${base}.py`;
    const init = `${base}/__init__.py`;
    return this.files.has(init) ? init : undefined;
  }

  private exists(base: string): boolean {
    return base !== '' && (this.fileOf(base) !== undefined || this.dirs.has(base));
  }

  resolve(fromFile: string, ref: ModuleRef): string | undefined {
    const parts = ref.module === '' ? [] : ref.module.split('.');
    if (ref.level > 0) {
      let dir = posix.dirname(fromFile);
      for (let i = 1; i < ref.level; i++) {
        if (dir === '.' || dir === '') return undefined;
        dir = posix.dirname(dir);
      }
      const base = this.join(dir === '.' ? '' : dir, ...parts);
      return this.exists(base) ? base : undefined;
    }
    for (const root of this.roots) {
      const base = this.join(root, ...parts);
      if (this.fileOf(base)) return base;
    }
    for (const root of this.roots) {
      const base = this.join(root, ...parts);
      if (this.exists(base)) return base;
    }
    return undefined;
  }

  child(base: string, name: string): string | undefined {
    const c = this.join(base, name);
    return this.exists(c) ? c : undefined;
  }
}

export interface ProviderOptions {
  /** Files this plan may edit (inside `--paths`, decodable). */
  editable(file: string): boolean;
  /** Defining modules named in the config; replaces auto-detection. */
  configured?: readonly string[];
}

/**
 * Definers (configured, or modules assigning the constant at top level, not to a key name) and the modules that
 * re-export them: a package `__init__.py` importing the constant at module scope, a module
 * listing it in `__all__`, or any module others import the constant from. A provider is `ok` when, after this plan, it offers the accessor.
 */
export function findProviders(index: ModuleIndex, facts: ReadonlyMap<string, ModuleFacts>, opts: ProviderOptions): Map<string, Provider> {
  const providers = new Map<string, Provider>();
  const sourceOf = new Map<string, string[]>();
  const definers = opts.configured ?? [...facts].filter(([, f]) => f.defines && !f.keyName).map(([file]) => file);
  for (const file of definers) {
    const f = facts.get(file);
    if (!f) continue;
    const ok = f.hasAccessor || (f.defines === 'plain' && opts.editable(file));
    providers.set(file, { role: 'definer', ok });
  }
  const target = (file: string, ref: ModuleRef): string | undefined => {
    const base = index.resolve(file, ref);
    return base === undefined ? undefined : index.fileOf(base);
  };
  const importedFrom = new Set<string>();
  for (const [file, f] of facts) for (const ref of f.imports) {
    const t = target(file, ref);
    if (t) importedFrom.add(t);
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const [file, f] of facts) {
      if (providers.has(file)) continue;
      const exports = file.endsWith('/__init__.py') || file === '__init__.py' || importedFrom.has(file) || f.listsInAll;
      if (!exports) continue;
      const sources = f.moduleScopeImports.map((ref) => target(file, ref)).filter((t): t is string => !!t && providers.has(t));
      if (sources.length === 0) continue;
      sourceOf.set(file, sources);
      providers.set(file, { role: 'reexporter', ok: false });
      changed = true;
    }
  }
  // A re-exporter offers the accessor when one of its sources does and it can be edited.
  for (let changed = true; changed; ) {
    changed = false;
    for (const [file, sources] of sourceOf) {
      const p = providers.get(file)!;
      const ok = sources.some((s) => providers.get(s)?.ok) && (facts.get(file)!.hasAccessor || opts.editable(file));
      if (ok && !p.ok) {
        p.ok = true;
        changed = true;
      }
    }
  }
  return providers;
}

export function moduleView(index: ModuleIndex, providers: ReadonlyMap<string, Provider>, facts: ReadonlyMap<string, ModuleFacts>): ModuleView {
  return {
    keyName: (file) => file !== undefined && !!facts.get(file)?.keyName,
    resolve: (fromFile, ref) => index.resolve(fromFile, ref),
    child: (base, name) => index.child(base, name),
    fileOf: (base) => index.fileOf(base),
    provider: (file) => (file === undefined ? undefined : providers.get(file)),
  };
}
