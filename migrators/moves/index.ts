// moves: config-driven per-user moves for apps that are neither continuum nor persag.
//
//   "moves": [{ "from": "legacy/{userId}", "to": "home/users/{userId}" }]
//
// `{userId}` stands for one path segment of `from` (optionally with a literal prefix/suffix,
// e.g. `legacy/{userId}.db`) and is matched against the entries that exist; every match moves
// to `to` with the same id. Both patterns are project-relative.
import path from 'node:path';
import { UsageError } from '../../plan/errors.js';
import { abs, display, isInside, loc, normaliseRel, UnsafePathError } from '../../plan/paths.js';
import { deleteEmptyDirOp, moveOp } from '../../plan/ops.js';
import type { Loc, OperationSource, PlanContext, SourceResult } from '../../plan/types.js';
import { locKey, mkdirChain } from '../shared/mkdirs.js';
import { childNames, symlinkWarnings, typeAt } from '../shared/tree.js';
import { checkUserId } from '../shared/user-id.js';

export const SOURCE = 'moves';
export const PLACEHOLDER = '{userId}';
// Never user data, whatever a pattern at the project root matches.
const NEVER_MATCHED = new Set(['.git', '.migrate-users', 'node_modules']);

export interface MoveRule {
  from: string;
  to: string;
}

interface CompiledRule extends MoveRule {
  /** Project-relative dir holding the entries `{userId}` is matched against ('' = the root). */
  parent: string;
  segment: RegExp;
  /** Path below the matched entry, e.g. `data` for `legacy/{userId}/data`. */
  rest: string;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function validPattern(p: string, where: string): string {
  try {
    return normaliseRel(p.split(PLACEHOLDER).join('x'));
  } catch (e) {
    if (e instanceof UnsafePathError) throw new UsageError(`config: ${where} ${JSON.stringify(p)}: ${e.message}`);
    throw e;
  }
}

export function compileRule(raw: unknown, n: number): CompiledRule {
  const where = `moves[${n}]`;
  if (typeof raw !== 'object' || raw === null || typeof (raw as MoveRule).from !== 'string' || typeof (raw as MoveRule).to !== 'string') {
    throw new UsageError(`config: ${where} must be { "from": "...{userId}...", "to": "...{userId}..." }`);
  }
  const { from, to } = raw as MoveRule;
  validPattern(from, `${where}.from`);
  validPattern(to, `${where}.to`);
  const segments = from.split('/').filter((s) => s !== '' && s !== '.');
  const at = segments.findIndex((s) => s.includes(PLACEHOLDER));
  if (at === -1 || from.split(PLACEHOLDER).length !== 2) throw new UsageError(`config: ${where}.from must contain ${PLACEHOLDER} exactly once`);
  if (!to.includes(PLACEHOLDER)) throw new UsageError(`config: ${where}.to must contain ${PLACEHOLDER}`);
  const [prefix, suffix] = segments[at]!.split(PLACEHOLDER) as [string, string];
  return {
    from,
    to,
    parent: segments.slice(0, at).join('/'),
    segment: new RegExp(`^${escapeRe(prefix)}(.+)${escapeRe(suffix)}$`, 's'),
    rest: segments.slice(at + 1).join('/'),
  };
}

const normalisePattern = (p: string): string => p.split('/').filter((s) => s !== '' && s !== '.').join('/');

const fill = (pattern: string, id: string): Loc => loc('project', pattern.split(PLACEHOLDER).join(id));

export function readRules(ctx: PlanContext): CompiledRule[] {
  const raw = ctx.options.moves ?? ctx.config.moves;
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new UsageError('config: "moves" must be an array of { "from", "to" } patterns');
  return raw.map(compileRule);
}

export const movesSource: OperationSource = {
  name: SOURCE,
  category: 'fs',
  async plan(ctx: PlanContext): Promise<SourceResult> {
    const roots = ctx.roots;
    const result: SourceResult = { operations: [], warnings: [], errors: [] };
    const planned = new Set<string>();
    const sources = new Set<string>();
    const targets = new Map<string, Loc>();
    const targetLocs: Loc[] = [];
    const emptiedParents: { parent: Loc; names: string[]; moved: Set<string> }[] = [];

    for (const rule of readRules(ctx)) {
      const parentAbs = rule.parent ? abs(roots, loc('project', rule.parent)) : roots.project;
      const names = childNames(parentAbs).filter((n) => !(rule.parent === '' && NEVER_MATCHED.has(n)));
      const moved = new Set<string>();
      let movedType: 'file' | 'dir' | undefined;
      for (const name of names) {
        const id = rule.segment.exec(name)?.[1];
        if (id === undefined) continue;
        const invalid = checkUserId(SOURCE, roots, id, (i) => [fill(rule.from, i), fill(rule.to, i)], rule.parent || '.');
        if (invalid) {
          result.errors.push(invalid);
          continue;
        }
        const from = fill(rule.from, id);
        const to = fill(rule.to, id);
        if (typeAt(roots, from) === undefined) continue;
        const fromAbs = abs(roots, from);
        const toAbs = abs(roots, to);
        const clash = targets.get(locKey(to));
        if (sources.has(locKey(from))) {
          result.errors.push({ source: SOURCE, code: 'duplicate-move', message: `${display(from)} matches more than one move rule; only the first one moves it`, paths: [display(from)] });
          continue;
        }
        if (typeAt(roots, to) !== undefined || clash) {
          const other = clash ? `${display(clash)} moves there too` : `${display(to)} already exists`;
          result.errors.push({ source: SOURCE, code: 'collision', message: `cannot move ${display(from)} to ${display(to)}: ${other} (collision); skipped`, paths: [display(from), display(clash ?? to)] });
          continue;
        }
        if (isInside(fromAbs, toAbs) || isInside(toAbs, fromAbs)) {
          result.errors.push({ source: SOURCE, code: 'move-into-itself', message: `cannot move ${display(from)} to ${display(to)}: one contains the other; skipped`, paths: [display(from), display(to)] });
          continue;
        }
        const targetDir = path.posix.dirname(to.path);
        if (targetDir !== '.') {
          const dirs = mkdirChain(roots, { source: SOURCE, group: id }, loc('project', targetDir), planned);
          if ('blocked' in dirs) {
            result.errors.push({ source: SOURCE, code: 'not-a-directory', message: `cannot move ${display(from)} to ${display(to)}: ${dirs.blocked}; skipped`, paths: [display(from)] });
            continue;
          }
          result.operations.push(...dirs.ops);
        }
        result.operations.push(moveOp(roots, { source: SOURCE, group: id }, from, to));
        result.warnings.push(...symlinkWarnings(SOURCE, roots, from, to));
        sources.add(locKey(from));
        targets.set(locKey(to), from);
        targetLocs.push(to);
        moved.add(name);
        movedType ??= typeAt(roots, from) === 'dir' ? 'dir' : 'file';
      }
      if (rule.parent && rule.rest === '') emptiedParents.push({ parent: loc('project', rule.parent), names, moved });
      if (movedType) (result.relocations ??= []).push({ source: SOURCE, type: movedType, from: loc('project', normalisePattern(rule.from)), to: loc('project', normalisePattern(rule.to)) });
    }

    // A legacy dir that every entry moved out of goes too, unless something moves into it.
    for (const { parent, names, moved } of emptiedParents) {
      const parentAbs = abs(roots, parent);
      const receives = targetLocs.some((t) => isInside(parentAbs, abs(roots, t)));
      if (names.length > 0 && names.every((n) => moved.has(n)) && !receives) {
        result.operations.push(deleteEmptyDirOp(roots, { source: SOURCE }, parent));
      }
    }
    return result;
  },
};
