// SQLite through sql.js (real SQLite compiled to WASM, no native build). Loaded lazily: only
// a plan that merges databases, or the apply of one, pays for instantiating it.
import { createRequire } from 'node:module';
import type { Database, SqlJsStatic, SqlValue } from 'sql.js';

let sqlJs: Promise<SqlJsStatic> | undefined;

export function loadSqlJs(): Promise<SqlJsStatic> {
  sqlJs ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasm = require.resolve('sql.js/dist/sql-wasm.wasm');
    // sql.js is CommonJS: its init function is the namespace's default export.
    const init = (await import('sql.js')).default as unknown as (config: { locateFile: () => string }) => Promise<SqlJsStatic>;
    return init({ locateFile: () => wasm });
  })();
  return sqlJs;
}

/** A merge that cannot be done without losing or mixing up data; becomes a plan error. */
export class DbMergeConflict extends Error {}

export interface DbInput {
  /** Shown in messages, e.g. the file's plan path. */
  label: string;
  bytes: Uint8Array;
}

interface SchemaObject {
  type: 'table' | 'index' | 'view' | 'trigger';
  name: string;
  sql: string;
}

const quoteId = (name: string): string => `"${name.replace(/"/g, '""')}"`;

function rows(db: Database, sql: string, params: SqlValue[] = []): SqlValue[][] {
  const stmt = db.prepare(sql);
  try {
    stmt.bind(params);
    const out: SqlValue[][] = [];
    while (stmt.step()) out.push(stmt.get());
    return out;
  } finally {
    stmt.free();
  }
}

function schemaObjects(db: Database): SchemaObject[] {
  // sqlite_* objects (sequence, stat, auto-indexes) are maintained by SQLite itself.
  return rows(db, "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND substr(name, 1, 7) <> 'sqlite_' ORDER BY rowid")
    .map(([type, name, sql]) => ({ type: type as SchemaObject['type'], name: String(name), sql: String(sql) }));
}

function columns(db: Database, table: string): string[] {
  return rows(db, `PRAGMA table_info(${quoteId(table)})`).map((r) => String(r[1]));
}

/** Column names, types, nullability, defaults and key positions: what "same schema" means. */
function tableSignature(db: Database, obj: SchemaObject): string {
  const info = rows(db, `PRAGMA table_info(${quoteId(obj.name)})`).map((r) => r.slice(1));
  return JSON.stringify({ info, withoutRowid: /\bWITHOUT\s+ROWID\s*$/i.test(obj.sql) });
}

const normaliseSql = (sql: string): string => sql.replace(/\s+/g, ' ').trim();

function copyRows(out: Database, src: Database, table: string, label: string): void {
  const cols = columns(src, table);
  const list = cols.map(quoteId).join(', ');
  const insert = out.prepare(`INSERT INTO ${quoteId(table)} (${list}) VALUES (${cols.map(() => '?').join(', ')})`);
  const same = out.prepare(`SELECT 1 FROM ${quoteId(table)} WHERE ${cols.map((c) => `${quoteId(c)} IS ?`).join(' AND ')} LIMIT 1`);
  const read = src.prepare(`SELECT ${list} FROM ${quoteId(table)}`);
  try {
    while (read.step()) {
      const row = read.get();
      try {
        insert.run(row);
      } catch (e) {
        // The same row in two databases is a duplicate, not a conflict; anything else would
        // have to drop or overwrite a row, which a merge must never do silently.
        const duplicate = same.get(row).length > 0;
        same.reset();
        if (!duplicate) throw new DbMergeConflict(`table "${table}": a row from ${label} conflicts with an existing row (${(e as Error).message})`);
      }
    }
  } finally {
    read.free();
    insert.free();
    same.free();
  }
}

/**
 * Merges databases into a new one: every table of every input, rows copied, then indexes,
 * views and triggers (created after the rows so that triggers do not fire on the copy).
 * Same-named tables must have the same schema; same-named other objects the same SQL.
 */
export async function mergeDatabases(inputs: DbInput[]): Promise<Uint8Array> {
  const SQL = await loadSqlJs();
  const out = new SQL.Database();
  const opened = inputs.map((i) => ({ label: i.label, db: new SQL.Database(i.bytes) }));
  try {
    const tables = new Map<string, { signature: string; label: string }>();
    const others = new Map<string, { obj: SchemaObject; label: string }>();
    for (const { label, db } of opened) {
      for (const obj of schemaObjects(db)) {
        if (obj.type === 'table' && /^CREATE\s+VIRTUAL\s+TABLE/i.test(obj.sql)) {
          throw new DbMergeConflict(`${label}: virtual table "${obj.name}" cannot be merged automatically`);
        }
        if (obj.type === 'table') {
          const signature = tableSignature(db, obj);
          const seen = tables.get(obj.name);
          if (seen && seen.signature !== signature) {
            throw new DbMergeConflict(`table "${obj.name}" has different schemas in ${seen.label} and ${label}`);
          }
          if (!seen) {
            tables.set(obj.name, { signature, label });
            out.run(obj.sql);
          }
        } else {
          const seen = others.get(obj.name);
          if (seen && normaliseSql(seen.obj.sql) !== normaliseSql(obj.sql)) {
            throw new DbMergeConflict(`${obj.type} "${obj.name}" differs between ${seen.label} and ${label}`);
          }
          if (!seen) others.set(obj.name, { obj, label });
        }
      }
    }
    for (const { label, db } of opened) {
      for (const obj of schemaObjects(db)) if (obj.type === 'table') copyRows(out, db, obj.name, label);
    }
    for (const type of ['index', 'view', 'trigger'] as const) {
      for (const { obj } of others.values()) if (obj.type === type) out.run(obj.sql);
    }
    return out.export();
  } finally {
    for (const { db } of opened) db.close();
    out.close();
  }
}

/** Tables of a database with their row counts, for tests and summaries. */
export async function describeDatabase(bytes: Uint8Array): Promise<Record<string, number>> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database(bytes);
  try {
    const out: Record<string, number> = {};
    for (const obj of schemaObjects(db)) {
      if (obj.type === 'table') out[obj.name] = Number(rows(db, `SELECT count(*) FROM ${quoteId(obj.name)}`)[0]![0]);
    }
    return out;
  } finally {
    db.close();
  }
}
