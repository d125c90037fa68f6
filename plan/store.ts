import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from './errors.js';
import { sha256 } from './fingerprint.js';
import { journalState } from './journal.js';
import { PLAN_SCHEMA_VERSION, type Plan } from './types.js';
import type { StateDir } from './state-dir.js';

export function savePlan(state: StateDir, plan: Plan): string {
  state.ensure();
  const file = state.planFile(plan.id);
  // Plans can hold lines of 0600 files (env files): never more readable than that.
  fs.writeFileSync(file, `${JSON.stringify(plan, null, 2)}\n`, { mode: 0o600 });
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

/** Accepts a full id, a unique prefix, or the id's random last part (`3f9a2c`). */
export function resolvePlanId(state: StateDir, idOrPrefix: string): string {
  const ids = listPlanIds(state);
  if (ids.includes(idOrPrefix)) return idOrPrefix;
  const matches = ids.filter((id) => id.startsWith(idOrPrefix) || id.endsWith(`-${idOrPrefix}`));
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) {
    throw new UsageError(`no plan ${idOrPrefix} in ${path.relative(process.cwd(), state.plansDir) || state.plansDir}; run \`migrate-users list\` to see plans`);
  }
  throw new UsageError(`plan id prefix ${idOrPrefix} is ambiguous (${matches.join(', ')}); give more characters`);
}

export function loadPlan(state: StateDir, idOrPrefix: string): Plan {
  const id = resolvePlanId(state, idOrPrefix);
  let plan: Plan;
  try {
    plan = JSON.parse(fs.readFileSync(state.planFile(id), 'utf8')) as Plan;
  } catch (e) {
    throw new UsageError(`plan ${id} cannot be read (${(e as Error).message}); run \`migrate-users plan\` again`);
  }
  if (plan.schemaVersion !== PLAN_SCHEMA_VERSION) {
    throw new UsageError(`plan ${id} has schema version ${plan.schemaVersion}, this tool reads ${PLAN_SCHEMA_VERSION}; run \`migrate-users plan\` again`);
  }
  if (!Array.isArray(plan.operations) || !plan.roots?.project) {
    throw new UsageError(`plan ${id} is malformed (no operations or roots); run \`migrate-users plan\` again`);
  }
  return plan;
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
}
