import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './atomic.js';
import { buildPlanInto, type BuildInput } from './build.js';
import { SafetyError, UsageError } from './errors.js';
import { sha256 } from './fingerprint.js';
import { journalState } from './journal.js';
import { pidAlive } from './lock.js';
import { OpFileMismatch, OpFileWriter, StoredOps, type OpFileDigest } from './op-file.js';
import { PLAN_SCHEMA_VERSION, READABLE_SCHEMA_VERSIONS, type Plan, type PlanHeader, type PlanView } from './types.js';
import type { StateDir } from './state-dir.js';

/** The plan file: everything but the operations, and the size and hash of the file that holds them. */
interface PlanFile extends PlanHeader {
  operationsFile: OpFileDigest;
}

const STAGING_PREFIX = '.staging-';

/** Work dirs of plans whose process died mid-way: nothing in them was ever a plan. */
function removeDeadStaging(state: StateDir): void {
  for (const name of fs.readdirSync(state.plansDir)) {
    const pid = name.startsWith(STAGING_PREFIX) ? Number(name.slice(STAGING_PREFIX.length).split('-')[0]) : NaN;
    if (Number.isInteger(pid) && !pidAlive(pid)) fs.rmSync(path.join(state.plansDir, name), { recursive: true, force: true });
  }
}

/**
 * The operations file and checksum of a plan whose process died between renaming the operations
 * into place and writing the plan file (see `commit`): with no plan file they are no plan. A live
 * plan may be between those writes right now, and its staging dir exists until after them, so
 * nothing is removed while any staging dir is left; the files are listed before that check.
 */
function removeOrphanedPlanFiles(state: StateDir): void {
  const idOf = (name: string) => name.replace(/\.(ops\.jsonl|sha256)$/, '');
  const orphans = fs.readdirSync(state.plansDir).filter((n) => /\.(ops\.jsonl|sha256)$/.test(n) && !fs.existsSync(state.planFile(idOf(n))));
  if (orphans.length === 0 || fs.readdirSync(state.plansDir).some((n) => n.startsWith(STAGING_PREFIX))) return;
  for (const name of orphans) {
    if (!fs.existsSync(state.planFile(idOf(name)))) fs.rmSync(path.join(state.plansDir, name), { force: true });
  }
}

/**
 * Where a plan is written while its sources run: a dir of its own beside the saved plans (same
 * filesystem, so the operations file is renamed into place), owner-only like the plans.
 */
function stagingDir(state: StateDir): string {
  state.ensure();
  removeDeadStaging(state);
  removeOrphanedPlanFiles(state);
  const dir = path.join(state.plansDir, `${STAGING_PREFIX}${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
  fs.mkdirSync(dir, { mode: 0o700 });
  return dir;
}

/**
 * Makes a staged plan a saved one. The plan file goes last: until it is there the plan does not
 * exist, and once it is, its operations file and checksum are complete and fsynced.
 */
function commit(state: StateDir, header: PlanHeader, operations: OpFileDigest, stagedOps: string): string {
  const file = state.planFile(header.id);
  const saved: PlanFile = { ...header, operationsFile: operations };
  const text = `${JSON.stringify(saved, null, 2)}\n`;
  fs.renameSync(stagedOps, state.planOpsFile(header.id));
  // Plans can hold lines of 0600 files (env files): never more readable than that.
  writeFileAtomic(state.planDigestFile(header.id), Buffer.from(`${sha256(text)}\n`), 0o600);
  writeFileAtomic(file, Buffer.from(text), 0o600);
  return file;
}

/** Saves a plan held in memory and, beside it, its checksum: a plan edited or cut short later is refused. */
export function savePlan(state: StateDir, plan: Plan): string {
  const dir = stagingDir(state);
  try {
    const staged = path.join(dir, 'operations.jsonl');
    const writer = new OpFileWriter(staged);
    for (const op of plan.operations) writer.append(op);
    const { operations: _ops, ...header } = plan;
    return commit(state, header, writer.close(), staged);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface PlannedToStore {
  plan: PlanView;
  /** The plan file; undefined when there was nothing to plan (nothing is saved then). */
  file?: string;
  /** An earlier plan never applied had the same content: it is returned and nothing new is saved. */
  reused: boolean;
}

/**
 * Builds a plan straight into the state dir: operations are written as the sources produce them
 * and read back from disk, so memory does not grow with the number of edits. A plan with no
 * operation is not saved (and a state dir made only for it is removed again).
 */
export async function planToStore(state: StateDir, input: BuildInput): Promise<PlannedToStore> {
  const existed = state.exists();
  const dir = stagingDir(state);
  try {
    const staged = path.join(dir, 'operations.jsonl');
    const { header, operations } = await buildPlanInto(input, dir, staged);
    if (operations.count === 0) return { plan: { ...header, operations: [] }, reused: false };
    const twin = findIdenticalHeader(state, header, operations);
    if (twin) return { plan: loadPlan(state, twin), file: state.planFile(twin), reused: true };
    const file = commit(state, header, operations, staged);
    return { plan: loadPlan(state, header.id), file, reused: false };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    if (!existed) removeIfUnused(state);
  }
}

/** A state dir this run made and left with nothing in it. */
function removeIfUnused(state: StateDir): void {
  const empty = (d: string): boolean => !fs.existsSync(d) || fs.readdirSync(d).length === 0;
  if ([state.plansDir, state.journalsDir, path.join(state.dir, 'backups')].every(empty)) fs.rmSync(state.dir, { recursive: true, force: true });
}

export function listPlanIds(state: StateDir): string[] {
  if (!fs.existsSync(state.plansDir)) return [];
  return fs
    .readdirSync(state.plansDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

// What a plan id, or its start or random last part, can contain: digits, dashes and hex digits.
const ID_PART = /^[0-9a-f][0-9a-f-]*$/;

/** Accepts a full id, a unique prefix, or the id's random last part (`3f9a2c`). */
export function resolvePlanId(state: StateDir, idOrPrefix: string): string {
  if (!ID_PART.test(idOrPrefix)) {
    const shown = /^[\w.-]+$/.test(idOrPrefix) ? idOrPrefix : JSON.stringify(idOrPrefix);
    throw new UsageError(`no plan ${shown}: plan ids look like 20261121-231502-3f9a2c (a unique start or the last part is enough); run \`migrate-users list\` to see plans`);
  }
  const ids = listPlanIds(state);
  if (ids.includes(idOrPrefix)) return idOrPrefix;
  const matches = ids.filter((id) => id.startsWith(idOrPrefix) || id.endsWith(`-${idOrPrefix}`));
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) {
    throw new UsageError(`no plan ${idOrPrefix} in ${path.relative(process.cwd(), state.plansDir) || state.plansDir}; run \`migrate-users list\` to see plans`);
  }
  throw new UsageError(`plan id prefix ${idOrPrefix} is ambiguous (${matches.join(', ')}); give more characters`);
}

function readVerified(state: StateDir, id: string): string {
  const file = state.planFile(id);
  const shown = path.relative(process.cwd(), file) || file;
  let text: string;
  let recorded: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`plan ${id} cannot be read (${shown}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); run \`migrate-users plan\` again`);
  }
  try {
    recorded = fs.readFileSync(state.planDigestFile(id), 'utf8').trim();
  } catch {
    throw new SafetyError(`plan ${id} has no recorded checksum (${path.basename(state.planDigestFile(id))} is missing), so it cannot be trusted; run \`migrate-users plan\` again`);
  }
  if (sha256(text) !== recorded) throw damaged(id, shown);
  return text;
}

const damaged = (id: string, shown: string): SafetyError =>
  new SafetyError(`plan ${id} was changed or damaged after it was saved (${shown} does not match its checksum); refusing it; run \`migrate-users plan\` again`);

/** The plan file alone, checked against its checksum: cheap, for listings and twin checks. */
function readPlanFile(state: StateDir, id: string): PlanFile {
  let saved: PlanFile;
  try {
    saved = JSON.parse(readVerified(state, id)) as PlanFile;
  } catch (e) {
    if (e instanceof UsageError || e instanceof SafetyError) throw e;
    throw new UsageError(`plan ${id} cannot be read (${(e as Error).message}); run \`migrate-users plan\` again`);
  }
  if (!READABLE_SCHEMA_VERSIONS.includes(saved.schemaVersion)) {
    throw new UsageError(`plan ${id} has schema version ${saved.schemaVersion}, this tool reads ${READABLE_SCHEMA_VERSIONS.join(' and ')}; run \`migrate-users plan\` again`);
  }
  if (typeof saved.operationsFile?.count !== 'number' || typeof saved.roots?.project !== 'string') {
    throw new UsageError(`plan ${id} is malformed (no operations or roots); run \`migrate-users plan\` again`);
  }
  return saved;
}

export interface LoadedPlan {
  /** The plan bound to the tree that holds its state dir. */
  plan: PlanView;
  /** The project root recorded when the plan was made. */
  plannedProject: string;
}

/**
 * Loads a plan after checking it is what was saved (the plan file against its checksum, the
 * operations file against the size and hash the plan file records), and binds it to the project
 * root that holds this state dir: a checkout copied with its state dir acts on the copy. The
 * operations stay on disk; each is read when it is needed.
 */
export function readPlan(state: StateDir, idOrPrefix: string): LoadedPlan {
  const id = resolvePlanId(state, idOrPrefix);
  const { operationsFile, ...header } = readPlanFile(state, id);
  const opsFile = state.planOpsFile(id);
  const shown = path.relative(process.cwd(), opsFile) || opsFile;
  let operations: StoredOps;
  try {
    operations = new StoredOps(opsFile, operationsFile);
  } catch (e) {
    if (e instanceof OpFileMismatch) throw damaged(id, shown);
    throw new SafetyError(`plan ${id} has lost its operations (${shown}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); run \`migrate-users plan\` again`);
  }
  const plannedProject = header.roots.project;
  return { plan: { ...header, roots: { ...header.roots, project: state.projectRoot }, operations }, plannedProject };
}

export function loadPlan(state: StateDir, idOrPrefix: string): PlanView {
  return readPlan(state, idOrPrefix).plan;
}

/** What makes two plans the same plan: everything but the id and the time it was made. */
function contentDigest(header: PlanHeader, operations: OpFileDigest): string {
  const { id: _id, createdAt: _createdAt, ...content } = header;
  return sha256(JSON.stringify({ ...content, operations }));
}

/**
 * A saved plan with the same content that was never applied, if any: planning an unchanged tree
 * again gives the same operations and preconditions, so that plan can be used instead of a copy.
 */
function findIdenticalHeader(state: StateDir, header: PlanHeader, operations: OpFileDigest): string | undefined {
  const digest = contentDigest(header, operations);
  for (const id of listPlanIds(state).reverse()) {
    if (id === header.id || journalState(state.journalFile(id)) !== 'planned') continue;
    let saved: PlanFile;
    try {
      saved = readPlanFile(state, id);
    } catch {
      continue; // an unreadable plan is nobody's twin; `list` reports it
    }
    const { operationsFile, ...rest } = saved;
    if (contentDigest(rest, operationsFile) === digest) return id;
  }
  return undefined;
}

/** The never-applied saved plan with the same content as `plan` (held in memory), if any. */
export function findIdenticalPlan(state: StateDir, plan: Plan): PlanView | undefined {
  const { operations, ...header } = plan;
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  for (const op of operations) {
    const line = Buffer.from(`${JSON.stringify(op)}\n`);
    hash.update(line);
    bytes += line.length;
  }
  const twin = findIdenticalHeader(state, header, { count: operations.length, bytes, sha256: hash.digest('hex') });
  return twin ? loadPlan(state, twin) : undefined;
}

/** Deletes a plan with its journal and backups: after this it can be neither applied nor rolled back. */
export function removePlan(state: StateDir, id: string): void {
  fs.rmSync(state.backupDir(id), { recursive: true, force: true });
  fs.rmSync(state.journalFile(id), { force: true });
  // The plan file first: without it the plan is gone even if the rest is not removed.
  fs.rmSync(state.planFile(id), { force: true });
  fs.rmSync(state.planOpsFile(id), { force: true });
  fs.rmSync(state.planDigestFile(id), { force: true });
}
