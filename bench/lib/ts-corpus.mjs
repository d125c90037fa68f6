// Seeded generator of a realistic TypeScript code base: services (classes, async methods,
// generics), React components in .tsx, type modules, utilities and `export *` barrels.
// A chosen share of the files imports USER_ID from the settings module and reads it in the
// ways the codemod handles (named/aliased/namespace imports, methods, template literals, JSX,
// default parameters, class fields, module-level reads, object shorthand, a shadowing
// parameter). A few files carry what the lint rules look for (*Manager classes, SQLite opened
// directly, recursive setTimeout polling, legacy per-user paths), plus look-alikes that only
// a text search would report.
import fs from 'node:fs';
import path from 'node:path';
import { createRandom } from './random.mjs';

export const SETTINGS_MODULE = 'src/config/settings.ts';

const AREAS = ['accounts', 'billing', 'chat', 'personas', 'search', 'storage', 'analytics', 'auth', 'notifications', 'workspace', 'media', 'admin'];
const FEATURES = ['core', 'api', 'hooks', 'views', 'jobs', 'models', 'adapters', 'forms'];
const ENTITIES = ['Account', 'Invoice', 'Message', 'Persona', 'Document', 'Upload', 'Session', 'Channel', 'Report', 'Team', 'Plan', 'Event', 'Thread', 'Asset', 'Webhook', 'Token'];
const QUALIFIERS = ['Cached', 'Remote', 'Local', 'Batch', 'Live', 'Draft', 'Shared', 'Scoped', 'Paged', 'Secure', 'Async', 'Indexed'];
const VERBS = ['load', 'save', 'sync', 'merge', 'resolve', 'archive', 'render', 'validate', 'normalize', 'publish', 'refresh', 'prune'];

const kebab = (s) => s.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
const camel = (s) => s[0].toLowerCase() + s.slice(1);

/** Relative import specifier from one project file to another, without extension. */
export function specifier(fromFile, toFile) {
  const rel = path.posix.relative(path.posix.dirname(fromFile), toFile.replace(/\.[cm]?[jt]sx?$/, ''));
  return rel.startsWith('.') ? rel : `./${rel}`;
}

// --- building blocks ----------------------------------------------------------------------

function methodPool(entity) {
  const e = entity;
  const v = camel(e);
  return [
    () => `  async list(filter: Partial<${e}> = {}, page = 0): Promise<${e}[]> {
    const all = [...this.items.values()];
    const wanted = Object.entries(filter) as Array<[keyof ${e}, unknown]>;
    return all
      .filter((item) => wanted.every(([key, value]) => item[key] === value))
      .slice(page * this.options.pageSize, (page + 1) * this.options.pageSize);
  }
`,
    () => `  upsert(${v}: ${e}): ${e} {
    const previous = this.items.get(${v}.id);
    const merged = previous ? { ...previous, ...${v}, updatedAt: Date.now() } : { ...${v}, updatedAt: Date.now() };
    this.items.set(${v}.id, merged);
    this.emit('changed', { id: ${v}.id, created: previous === undefined });
    return merged;
  }
`,
    () => `  remove(id: string): boolean {
    const existed = this.items.delete(id);
    if (existed) {
      this.emit('removed', id);
      this.stats.removed += 1;
    }
    return existed;
  }
`,
    () => `  private async withRetries<T>(label: string, work: () => Promise<T>): Promise<T> {
    let lastError: unknown;
    for (let attempt = 1; attempt <= this.options.retries; attempt++) {
      try {
        return await work();
      } catch (error) {
        lastError = error;
        this.log(\`\${label} failed (attempt \${attempt}/\${this.options.retries})\`, error);
      }
    }
    throw lastError instanceof Error ? lastError : new Error(String(lastError));
  }
`,
    () => `  summarize(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const item of this.items.values()) {
      const key = item.status ?? 'unknown';
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  }
`,
    () => `  async export(format: 'json' | 'csv' = 'json'): Promise<string> {
    const rows = await this.list();
    if (format === 'json') return JSON.stringify(rows, null, 2);
    const header = ['id', 'name', 'status', 'updatedAt'].join(',');
    return [header, ...rows.map((r) => [r.id, JSON.stringify(r.name), r.status ?? '', r.updatedAt].join(','))].join('\\n');
  }
`,
    () => `  private log(message: string, detail?: unknown): void {
    if (!this.options.verbose) return;
    const stamp = new Date().toISOString();
    console.debug(\`[\${stamp}] \${this.constructor.name}: \${message}\`, detail ?? '');
  }
`,
    () => `  get size(): number {
    return this.items.size;
  }
`,
    () => `  async refresh(ids: readonly string[]): Promise<number> {
    let refreshed = 0;
    await Promise.all(
      ids.map(async (id) => {
        const current = this.items.get(id);
        if (!current) return;
        this.items.set(id, { ...current, updatedAt: Date.now() });
        refreshed++;
      }),
    );
    return refreshed;
  }
`,
  ];
}

// A sleep helper: common, but far from every service has one.
const PAUSE_METHOD = `  private async pause(ms: number): Promise<void> {
    // back off before the next attempt
    await new Promise<void>((resolve) => setTimeout(resolve, ms));
  }
`;

function serviceFile(rnd, ctx) {
  const entity = rnd.pick(ENTITIES);
  const name = ctx.className ?? `${rnd.pick(QUALIFIERS)}${entity}Service`;
  const methods = methodPool(entity);
  const chosen = rnd.sample(methods.length, rnd.int(4, 8)).map((i) => methods[i]());
  if (rnd.chance(0.08)) chosen.push(PAUSE_METHOD);
  const helperVerb = rnd.pick(VERBS);
  return `import { EventEmitter } from 'node:events';
import path from 'node:path';
import type { ${entity} } from '${ctx.typesSpecifier}';
${ctx.extraImports ?? ''}
export interface ${name}Options {
  retries: number;
  pageSize: number;
  verbose?: boolean;
  root?: string;
}

const DEFAULT_OPTIONS: ${name}Options = { retries: ${rnd.int(2, 5)}, pageSize: ${rnd.pick([20, 50, 100])} };

export class ${name} extends EventEmitter {
  private readonly items = new Map<string, ${entity}>();
  private readonly stats = { removed: 0, loaded: 0 };
${ctx.classFields ?? ''}
  constructor(private readonly options: ${name}Options = DEFAULT_OPTIONS) {
    super();
  }

  resolvePath(...parts: string[]): string {
    return path.join(this.options.root ?? process.cwd(), ...parts);
  }

${chosen.join('\n')}${ctx.classMethods ?? ''}}

export function ${helperVerb}${entity}s(items: readonly ${entity}[], limit = ${rnd.int(5, 50)}): ${entity}[] {
  return items.filter((item) => item.status !== 'archived').slice(0, limit);
}
${ctx.tail ?? ''}`;
}

function componentFile(rnd, ctx) {
  const entity = rnd.pick(ENTITIES);
  const name = `${rnd.pick(QUALIFIERS)}${entity}List`;
  return `import React, { useMemo, useState } from 'react';
import type { ${entity} } from '${ctx.typesSpecifier}';
${ctx.extraImports ?? ''}
export interface ${name}Props {
  items: ${entity}[];
  title: string;
  pageSize?: number;
  onSelect?: (item: ${entity}) => void;
}

function matches(item: ${entity}, query: string): boolean {
  return query === '' || item.name.toLowerCase().includes(query.toLowerCase());
}

export function ${name}({ items, title, pageSize = ${rnd.int(10, 40)}, onSelect }: ${name}Props) {
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(0);
  const visible = useMemo(() => items.filter((item) => matches(item, query)), [items, query]);
  const shown = visible.slice(page * pageSize, (page + 1) * pageSize);
  return (
    <section className="${kebab(name)}">
      <header>
        <h2>{title}</h2>
        <input value={query} onChange={(event) => setQuery(event.target.value)} placeholder="Search ${camel(entity)}s" />
      </header>
      <ul>
        {shown.map((item) => (
          <li key={item.id} className={item.status === 'active' ? 'active' : undefined} onClick={() => onSelect?.(item)}>
            <strong>{item.name}</strong> <small>{new Date(item.updatedAt).toLocaleString()}</small>
          </li>
        ))}
      </ul>
${ctx.jsx ?? ''}      <footer>
        <button disabled={page === 0} onClick={() => setPage(page - 1)}>
          Previous
        </button>
        <span>
          {page + 1} / {Math.max(1, Math.ceil(visible.length / pageSize))}
        </span>
        <button disabled={(page + 1) * pageSize >= visible.length} onClick={() => setPage(page + 1)}>
          Next
        </button>
      </footer>
    </section>
  );
}
${ctx.tail ?? ''}`;
}

function typesFile(rnd, ctx) {
  const entity = rnd.pick(ENTITIES);
  const extra = rnd.sample(ENTITIES.length, 3).map((i) => ENTITIES[i]);
  return `${ctx.extraImports ?? ''}export type Status = 'active' | 'pending' | 'archived';

export interface Entity {
  id: string;
  name: string;
  status?: Status;
  updatedAt: number;
}

${ENTITIES.map((e) => `export interface ${e} extends Entity {\n  ownerId: string;\n  tags: string[];\n  metadata?: Record<string, string>;\n}\n`).join('\n')}
export enum ${entity}Kind {
  Standard = 'standard',
  Premium = 'premium',
  Internal = 'internal',
}

export type ${entity}Filter = Partial<Pick<${entity}, 'status' | 'ownerId'>> & { search?: string };

export type Page<T extends Entity> = {
  items: T[];
  next?: string;
  total: number;
};

${extra.map((e) => `export type ${e}Update = Partial<Omit<${e}, 'id'>>;`).join('\n')}
${ctx.tail ?? ''}`;
}

function utilFile(rnd, ctx) {
  const verbs = rnd.sample(VERBS.length, rnd.int(3, 6)).map((i) => VERBS[i]);
  const bodies = verbs.map((verb, n) => {
    switch (n % 4) {
      case 0:
        return `export function ${verb}Keys<T extends object>(value: T, prefix = ''): string[] {
  const out: string[] = [];
  for (const [key, inner] of Object.entries(value)) {
    const full = prefix ? \`\${prefix}.\${key}\` : key;
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) out.push(...${verb}Keys(inner as object, full));
    else out.push(full);
  }
  return out;
}
`;
      case 1:
        return `export const ${verb}Chunks = <T,>(items: readonly T[], size: number): T[][] => {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
};
`;
      case 2:
        return `export async function ${verb}All<T, R>(items: Iterable<T>, work: (item: T) => Promise<R>, concurrency = ${rnd.int(2, 8)}): Promise<R[]> {
  const queue = [...items];
  const results: R[] = [];
  const runners = Array.from({ length: concurrency }, async () => {
    while (queue.length > 0) {
      const next = queue.shift() as T;
      results.push(await work(next));
    }
  });
  await Promise.all(runners);
  return results;
}
`;
      default:
        return `export function ${verb}Text(input: string, max = ${rnd.int(40, 200)}): string {
  const trimmed = input.replace(/\\s+/g, ' ').trim();
  return trimmed.length > max ? \`\${trimmed.slice(0, max - 1)}…\` : trimmed;
}
`;
    }
  });
  return `${ctx.extraImports ?? ''}const MINUTE = 60_000;

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

export function formatAge(since: number, now = Date.now()): string {
  const minutes = Math.round((now - since) / MINUTE);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return \`\${minutes} min ago\`;
  return \`\${Math.round(minutes / 60)} h ago\`;
}

${bodies.join('\n')}${ctx.tail ?? ''}`;
}

// --- USER_ID uses --------------------------------------------------------------------------

/** One way of importing and reading USER_ID; returns the fragments to put into a file. */
export const USER_ID_USES = [
  (spec) => ({
    extraImports: `import { USER_ID } from '${spec}';\n`,
    classMethods: `
  ownerDir(): string {
    return this.resolvePath('users', USER_ID);
  }
`,
  }),
  (spec) => ({
    extraImports: `import { USER_ID as SETTINGS_USER_ID, DATA_DIR } from '${spec}';\n`,
    tail: `
export function userDataPath(file: string): string {
  return \`\${DATA_DIR}/\${SETTINGS_USER_ID}/\${file}\`;
}
`,
  }),
  (spec) => ({
    extraImports: `import * as settings from '${spec}';\n`,
    tail: `
export function label(kind: string): string {
  return \`\${settings.APP_NAME}:\${settings.USER_ID}:\${kind}\`;
}
`,
  }),
  (spec) => ({
    extraImports: `import { USER_ID } from '${spec}';\n`,
    tail: `
export async function loadPreferences(userId: string = USER_ID, fresh = false): Promise<Record<string, string>> {
  return fresh ? {} : { userId };
}
`,
  }),
  (spec) => ({
    extraImports: `import { USER_ID } from '${spec}';\n`,
    classFields: `  readonly ownerId: string = USER_ID;\n`,
  }),
  (spec) => ({
    extraImports: `import { DATA_DIR, USER_ID } from '${spec}';\n`,
    tail: `
const USER_CACHE_DIR = \`\${DATA_DIR}/cache/\${USER_ID}\`;

export function cacheFile(name: string): string {
  return \`\${USER_CACHE_DIR}/\${name}\`;
}
`,
  }),
  (spec) => ({
    extraImports: `import { USER_ID } from '${spec}';\n`,
    tail: `
export function auditContext(action: string) {
  return { USER_ID, action, at: Date.now() };
}

export function forUser(USER_ID: string): string {
  return USER_ID.trim().toLowerCase();
}
`,
  }),
];

const JSX_USE = (spec) => ({
  extraImports: `import { USER_ID } from '${spec}';\n`,
  jsx: `      <p className="owner" data-user={USER_ID}>
        Signed in as {USER_ID}
      </p>
`,
});

export const SETTINGS_TEXT = `// Runtime settings, read from the environment once at start-up.
export const DATA_DIR = process.env.DATA_DIR ?? '/var/lib/continuum';

export const APP_NAME = 'continuum';

export const USER_ID = process.env.USER_ID ?? 'default_user';

export const LOG_LEVEL = process.env.LOG_LEVEL ?? 'info';
`;

// --- lint findings and look-alikes ---------------------------------------------------------

const LINT_EXTRAS = [
  // direct-db: SQLite opened outside the data daemon
  {
    rate: 0.005,
    extraImports: `import Database from 'better-sqlite3';\n`,
    tail: `
export function openLocalDb(dir: string) {
  return new Database(path.join(dir, 'local.db'));
}
`,
  },
  // polling-timeout: a function that re-schedules itself
  {
    rate: 0.005,
    tail: `
export function pollQueue(check: () => boolean, delayMs = 1000): void {
  if (check()) return;
  setTimeout(() => pollQueue(check, delayMs), delayMs);
}
`,
  },
  // legacy-user-path
  {
    rate: 0.005,
    tail: `
export function legacyStatePath(root: string, id: string): string {
  return path.join(root, '.continuum/personas', id, 'state.db');
}
`,
  },
  // look-alikes: words a text search reports but no rule does
  {
    rate: 0.03,
    tail: `
// The DatabaseConfig below is passed to the data daemon; no setTimeout polling happens here.
export interface DatabaseConfig {
  file: string;
  readonly: boolean;
}
`,
  },
];

// --- the corpus ----------------------------------------------------------------------------

function layout(rnd, count) {
  const files = [];
  for (let i = 0; files.length < count; i++) {
    const area = AREAS[i % AREAS.length];
    const feature = FEATURES[Math.floor(i / AREAS.length) % FEATURES.length];
    const kind = rnd.pick(['service', 'service', 'service', 'component', 'component', 'util', 'util', 'types']);
    const entity = rnd.pick(ENTITIES);
    const base = kind === 'component' ? `${entity}List${i}` : `${camel(entity)}-${kind}-${i}`;
    files.push({ kind, file: `src/${area}/${feature}/${base}.${kind === 'component' ? 'tsx' : 'ts'}` });
  }
  return files;
}

/** A writer of corpus files under `dir` that records each relative path in `written`. */
export function corpusWriter(dir, written) {
  return (rel, text) => {
    const abs = path.join(dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
    written.push(rel);
  };
}

/**
 * Writes `count` files under `dir` (the settings module, types and barrels included).
 * `mentionRate` is the share of files that import USER_ID (1 = all but the barrels and types).
 * Returns the file list and the files that mention USER_ID.
 */
export function generateTsCorpus(dir, { count, mentionRate, seed, lintExtras = true }) {
  const rnd = createRandom(seed);
  const typesFiles = AREAS.map((a) => `src/${a}/types.ts`);
  const barrels = AREAS.map((a) => `src/${a}/index.ts`);
  const fixed = 1 + typesFiles.length + barrels.length;
  // "All files mention it" counts the importers; types and barrels come on top.
  const entries = layout(rnd, mentionRate >= 1 ? count - 1 : count - fixed);
  const mentionCount = Math.round(count * mentionRate) - 1;
  const mentioning = new Set(rnd.sample(entries.length, Math.min(entries.length, mentionCount)));
  const written = [];
  const write = corpusWriter(dir, written);

  write(SETTINGS_MODULE, SETTINGS_TEXT);
  for (const t of typesFiles) write(t, typesFile(rnd, {}));
  entries.forEach((entry, i) => {
    const typesSpecifier = specifier(entry.file, `src/${entry.file.split('/')[1]}/types.ts`);
    let ctx = { typesSpecifier };
    if (mentioning.has(i)) {
      const spec = specifier(entry.file, SETTINGS_MODULE);
      const fitting = USER_ID_USES.map((u) => u(spec)).filter((u) => entry.kind === 'service' || (!u.classFields && !u.classMethods));
      const use = entry.kind === 'component' && rnd.chance(0.6) ? JSX_USE(spec) : rnd.pick(fitting);
      ctx = { ...ctx, ...use };
    } else if (lintExtras) {
      if (entry.kind === 'service' && rnd.chance(0.01)) ctx.className = `${rnd.pick(QUALIFIERS)}${rnd.pick(ENTITIES)}Manager`;
      for (const extra of LINT_EXTRAS) {
        if (!rnd.chance(extra.rate)) continue;
        ctx.extraImports = (ctx.extraImports ?? '') + (extra.extraImports ?? '');
        ctx.tail = (ctx.tail ?? '') + extra.tail;
      }
    }
    if (ctx.tail?.includes('path.join') && entry.kind !== 'service') ctx.extraImports = `import path from 'node:path';\n${ctx.extraImports ?? ''}`;
    const make = { service: serviceFile, component: componentFile, util: utilFile, types: typesFile }[entry.kind];
    write(entry.file, make(rnd, ctx));
  });
  // Barrels re-export a few modules of their area (never the settings module).
  for (const barrel of barrels) {
    const area = barrel.split('/')[1];
    const members = entries.filter((e) => e.file.startsWith(`src/${area}/`) && e.kind !== 'component').slice(0, 6);
    write(barrel, members.map((m) => `export * from '${specifier(barrel, m.file)}';\n`).join(''));
  }
  return { files: written, mentioning: written.filter((f) => fs.readFileSync(path.join(dir, f), 'utf8').includes('USER_ID')) };
}
