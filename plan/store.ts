import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './atomic.js';
import { SafetyError, UsageError } from './errors.js';
import { sha256 } from './fingerprint.js';
import { journalState } from './journal.js';
import { PLAN_SCHEMA_VERSION, type Plan } from './types.js';
import type { StateDir } from './state-dir.js';

/** Saves the plan and, beside it, its checksum: a plan edited or cut short later is refused. */
export function savePlan(state: StateDir, plan: Plan): string {
  state.ensure();
  const file = state.planFile(plan.id);
  const text = `${JSON.stringify(plan, null, 2)}\n`;
  // Plans can hold lines of 0600 files (env files): never more readable than that.
  writeFileAtomic(file, Buffer.from(text), 0o600);
  writeFileAtomic(state.planDigestFile(plan.id), Buffer.from(`${sha256(text)}\n`), 0o600);
  return file;
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

export interface LoadedPlan {
  /** The plan bound to the tree that holds its state dir. */
  plan: Plan;
  /** The project root recorded when the plan was made. */
  plannedProject: string;
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
  if (sha256(text) !== recorded) {
    throw new SafetyError(`plan ${id} was changed or damaged after it was saved (${shown} does not match its checksum); refusing it; run \`migrate-users plan\` again`);
  }
  return text;
}

/**
 * Loads a plan after checking it is the file that was saved, and binds it to the project root
 * that holds this state dir: a checkout copied with its state dir acts on the copy.
 */
export function readPlan(state: StateDir, idOrPrefix: string): LoadedPlan {
  const id = resolvePlanId(state, idOrPrefix);
  let plan: Plan;
  try {
    plan = JSON.parse(readVerified(state, id)) as Plan;
  } catch (e) {
    if (e instanceof UsageError || e instanceof SafetyError) throw e;
    throw new UsageError(`plan ${id} cannot be read (${(e as Error).message}); run \`migrate-users plan\` again`);
  }
  if (plan.schemaVersion !== PLAN_SCHEMA_VERSION) {
    throw new UsageError(`plan ${id} has schema version ${plan.schemaVersion}, this tool reads ${PLAN_SCHEMA_VERSION}; run \`migrate-users plan\` again`);
  }
  if (!Array.isArray(plan.operations) || typeof plan.roots?.project !== 'string') {
    throw new UsageError(`plan ${id} is malformed (no operations or roots); run \`migrate-users plan\` again`);
  }
  const plannedProject = plan.roots.project;
  return { plan: { ...plan, roots: { ...plan.roots, project: state.projectRoot } }, plannedProject };
}

export function loadPlan(state: StateDir, idOrPrefix: string): Plan {
  return readPlan(state, idOrPrefix).plan;
}

/** What makes two plans the same plan: everything but the id and the time it was made. */
function contentDigest(plan: Plan): string {
  const { id: _id, createdAt: _createdAt, ...content } = plan;
  return sha256(JSON.stringify(content));
}

/**
 * A saved plan with the same content that was never applied, if any: planning an unchanged tree
 * again gives the same operations and preconditions, so that plan can be used instead of a copy.
 */
export function findIdenticalPlan(state: StateDir, plan: Plan): Plan | undefined {
  const digest = contentDigest(plan);
  for (const id of listPlanIds(state).reverse()) {
    if (id === plan.id || journalState(state.journalFile(id)) !== 'planned') continue;
    let saved: Plan;
    try {
      saved = loadPlan(state, id);
    } catch {
      continue; // an unreadable plan is nobody's twin; `list` reports it
    }
    if (contentDigest(saved) === digest) return saved;
  }
  return undefined;
}

/** Deletes a plan with its journal and backups: after this it can be neither applied nor rolled back. */
export function removePlan(state: StateDir, id: string): void {
  fs.rmSync(state.backupDir(id), { recursive: true, force: true });
  fs.rmSync(state.journalFile(id), { force: true });
  fs.rmSync(state.planFile(id), { force: true });
  fs.rmSync(state.planDigestFile(id), { force: true });
}
