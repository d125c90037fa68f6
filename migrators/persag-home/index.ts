// persag-home: the repo-root `env.userid` and the docker dirs (`lightrag_server/`,
// `lightrag_memory_server/`) move to `<home>/.persag/`, their compose files are edited so that
// every host path still resolves from the new place, and every env file's `USER_ID=` is set to
// the one value of `env.userid` (what the seed's DockerUserSync did at start-up) (SPEC §8).
//
// Edits are planned at the files' original locations, before the moves, so that every
// operation's preconditions describe the original tree.
import fs from 'node:fs';
import path from 'node:path';
import { abs, display, isInside, loc } from '../../plan/paths.js';
import { editOp, moveOp, type OpMeta } from '../../plan/ops.js';
import { decodeText } from '../../plan/text.js';
import type { Loc, Operation, OperationSource, PlanContext, SourceResult } from '../../plan/types.js';
import { section, stringListOption, stringOption } from '../shared/config.js';
import { envValue, setEnvValue } from '../shared/env-file.js';
import { mkdirChain } from '../shared/mkdirs.js';
import { joinLoc, listTree, symlinkWarnings, typeAt } from '../shared/tree.js';
import { containmentProblem, invalidUserId, userIdProblem } from '../shared/user-id.js';
import { rewriteComposeHostPaths } from './compose.js';

export { resolvePersagHome } from './home.js';

export const SOURCE = 'persag-home';
const KEY = 'USER_ID';
export const COMPOSE_FILE = /^(docker-)?compose(\.[\w.-]+)?\.ya?ml$/;

export interface Settings {
  userIdFile: string;
  homeDir: string;
  dirs: string[];
  envFiles: string[];
}

export function settings(ctx: Pick<PlanContext, 'config' | 'options'>): Settings {
  const s = section(ctx, 'persag');
  return {
    userIdFile: stringOption(s, 'userIdFile', 'persag', 'env.userid'),
    homeDir: stringOption(s, 'homeDir', 'persag', '.persag'),
    dirs: stringListOption(s, 'dirs', 'persag', ['lightrag_server', 'lightrag_memory_server']),
    envFiles: stringListOption(s, 'envFiles', 'persag', ['env.server', 'env.memory_server', '.env']),
  };
}

type ReadId = { value: string } | { problem: string };

function readUserId(ctx: PlanContext, l: Loc): ReadId {
  const decoded = decodeText(fs.readFileSync(abs(ctx.roots, l)));
  if (!decoded.ok) return { problem: `${display(l)} is ${decoded.reason}` };
  const value = envValue(decoded.text, KEY);
  return value === undefined ? { problem: `${display(l)} has no ${KEY}= line` } : { value };
}

interface Move {
  from: Loc;
  to: Loc;
}

class PersagPlanner {
  readonly result: SourceResult = { operations: [], warnings: [], errors: [] };
  private readonly edits: Operation[] = [];
  private readonly moves: Move[] = [];

  constructor(
    private readonly ctx: PlanContext,
    private readonly s: Settings,
    private readonly persag: Loc,
  ) {}

  private error(code: string, message: string, paths: Loc[]): void {
    this.result.errors.push({ source: SOURCE, code, message, paths: paths.map(display) });
  }

  /** Plans the move of `env.userid` and returns the user id every env file must agree on. */
  private userId(): string | undefined {
    const from = loc('project', this.s.userIdFile);
    const to = joinLoc(this.persag, path.posix.basename(this.s.userIdFile));
    const fromType = typeAt(this.ctx.roots, from);
    const toType = typeAt(this.ctx.roots, to);
    const fromId = fromType === 'file' ? readUserId(this.ctx, from) : undefined;
    const toId = toType === 'file' ? readUserId(this.ctx, to) : undefined;
    if (fromType !== undefined && fromType !== 'file') {
      this.error('not-a-file', `${display(from)} is not a regular file; left alone`, [from]);
      return undefined;
    }
    if (fromId && toType !== undefined) {
      const same = toId && 'value' in toId && 'value' in fromId && toId.value === fromId.value;
      if (!same) {
        this.error('env-userid-conflict', `${display(from)} and ${display(to)} both exist and do not agree on ${KEY}; decide which one holds and remove the other`, [from, to]);
        return undefined;
      }
      this.result.warnings.push({ source: SOURCE, code: 'env-userid-duplicate', file: display(from), message: `${display(from)} is already in ${display(to)} with the same ${KEY}; the repo copy is left in place` });
    } else if (fromId) {
      this.moves.push({ from, to });
    }
    const id = fromId ?? toId;
    if (!id) {
      this.result.warnings.push({ source: SOURCE, code: 'no-env-userid', message: `no ${display(from)} or ${display(to)}: ${KEY} is not synchronised` });
      return undefined;
    }
    if ('problem' in id) {
      this.error('bad-env-userid', `${id.problem}: ${KEY} is not synchronised`, [fromId ? from : to]);
      return undefined;
    }
    const problem = userIdProblem(id.value);
    if (problem) {
      this.result.errors.push(invalidUserId(SOURCE, id.value, `${problem} (from ${display(fromId ? from : to)}); ${KEY} is not synchronised`));
      return undefined;
    }
    return id.value;
  }

  /** `USER_ID=` in the dir's env files set to `userId`, only that value changed. */
  private syncEnvFiles(dir: Loc, userId: string): void {
    for (const name of this.s.envFiles) {
      const file = joinLoc(dir, name);
      if (typeAt(this.ctx.roots, file) !== 'file') continue;
      const decoded = decodeText(fs.readFileSync(abs(this.ctx.roots, file)));
      if (!decoded.ok) {
        this.result.warnings.push({ source: SOURCE, code: 'unreadable-env-file', file: display(file), message: `${display(file)} is ${decoded.reason}; ${KEY} not synchronised there` });
        continue;
      }
      const splices = setEnvValue(decoded.text, KEY, userId);
      if (splices.length === 0) continue;
      const meta: OpMeta = { source: SOURCE, group: path.posix.basename(dir.path) };
      this.edits.push(editOp(this.ctx.roots, meta, file, decoded.text, splices, { sensitive: true, changedKeys: [KEY] }));
    }
  }

  /** Where an absolute path of today's tree will be once the planned moves are done. */
  private relocate(p: string): string {
    for (const m of this.moves) {
      const from = abs(this.ctx.roots, m.from);
      if (isInside(from, p)) return path.join(abs(this.ctx.roots, m.to), path.relative(from, p));
    }
    return p;
  }

  /** The host path to write in a compose file that moves from `oldDir`, for `written` as it is now. */
  private hostPathAfterMove(oldDir: string, written: string): string | undefined {
    const newDir = this.relocate(oldDir);
    const target = path.resolve(oldDir, written);
    const moved = this.relocate(target);
    if (path.resolve(newDir, written) === moved) return undefined; // still resolves: keep it
    if (moved === target) {
      // Stays in the project: only an absolute path still reaches it from the home dir.
      return target.replace(/\$/g, '$$$$');
    }
    const rel = path.relative(newDir, moved) || '.';
    return written.startsWith('./') && !rel.startsWith('..') ? `./${rel}` : rel;
  }

  private rewriteComposeFiles(dir: Loc): void {
    for (const [rel, type] of listTree(abs(this.ctx.roots, dir))) {
      if (type !== 'file' || !COMPOSE_FILE.test(path.posix.basename(rel))) continue;
      const file = joinLoc(dir, rel);
      const decoded = decodeText(fs.readFileSync(abs(this.ctx.roots, file)));
      if (!decoded.ok) {
        this.error('unparsable-compose', `${display(file)} is ${decoded.reason}; ${display(dir)} not moved`, [file]);
        continue;
      }
      const oldDir = path.dirname(abs(this.ctx.roots, file));
      const res = rewriteComposeHostPaths(decoded.text, (written) => this.hostPathAfterMove(oldDir, written));
      if (!res.ok) {
        this.error('unparsable-compose', `${display(file)}${res.line ? `:${res.line}` : ''}: ${res.message}; ${display(dir)} not moved`, [file]);
        continue;
      }
      if (res.splices.length === 0) continue;
      const meta: OpMeta = { source: SOURCE, group: path.posix.basename(dir.path) };
      this.edits.push(editOp(this.ctx.roots, meta, file, decoded.text, res.splices));
    }
  }

  plan(): SourceResult {
    const roots = this.ctx.roots;
    const userId = this.userId();
    const movedDirs: Move[] = [];
    for (const name of this.s.dirs) {
      const from = loc('project', name);
      const to = joinLoc(this.persag, name);
      const fromType = typeAt(roots, from);
      const toType = typeAt(roots, to);
      if (fromType === undefined) {
        if (toType === 'dir' && userId) this.syncEnvFiles(to, userId); // moved earlier: keep it in sync
        continue;
      }
      if (fromType !== 'dir') {
        this.error('not-a-directory', `${display(from)} is not a directory; left alone`, [from]);
      } else if (toType !== undefined) {
        this.error('collision', `${display(from)} and ${display(to)} both exist (collision); ${display(from)} not moved`, [from, to]);
      } else {
        movedDirs.push({ from, to });
      }
    }
    this.moves.push(...movedDirs);
    // Compose edits need every move known (a mount may point into the other dir), and a dir
    // whose compose file cannot be fixed must not move.
    for (const m of movedDirs) {
      const before = this.result.errors.length;
      const editsBefore = this.edits.length;
      this.rewriteComposeFiles(m.from);
      if (this.result.errors.length > before) {
        this.edits.length = editsBefore;
        this.moves.splice(this.moves.indexOf(m), 1);
      } else if (userId) this.syncEnvFiles(m.from, userId);
    }

    this.result.operations.push(...this.edits);
    if (this.moves.length > 0) {
      const made = mkdirChain(roots, { source: SOURCE }, this.persag, new Set());
      if ('blocked' in made) {
        this.error('not-a-directory', `${made.blocked}; nothing moved`, [this.persag]);
        return this.result;
      }
      this.result.operations.push(...made.ops);
    }
    for (const m of this.moves) {
      this.result.operations.push(moveOp(roots, { source: SOURCE, group: path.posix.basename(m.from.path) }, m.from, m.to));
      this.result.warnings.push(...symlinkWarnings(SOURCE, roots, m.from, m.to));
    }
    if (this.moves.length > 0) this.result.relocations = this.moves.map((m) => ({ source: SOURCE, type: typeAt(roots, m.from) === 'dir' ? 'dir' : 'file', from: m.from, to: m.to }));
    return this.result;
  }
}

export const persagHomeSource: OperationSource = {
  name: SOURCE,
  category: 'fs',
  async plan(ctx: PlanContext): Promise<SourceResult> {
    const s = settings(ctx);
    if (!ctx.roots.home) {
      return { operations: [], warnings: [], errors: [{ source: SOURCE, code: 'no-home', message: 'no home root to move persag config to (use --home or PERSAG_HOME)' }] };
    }
    if (!fs.existsSync(ctx.roots.home) || !fs.statSync(ctx.roots.home).isDirectory()) {
      return { operations: [], warnings: [], errors: [{ source: SOURCE, code: 'no-home', message: `home ${ctx.roots.home} is not a directory` }] };
    }
    const persag = loc('home', s.homeDir);
    const escape = containmentProblem(ctx.roots, joinLoc(persag, 'env.userid'));
    if (escape) {
      return { operations: [], warnings: [], errors: [{ source: SOURCE, code: 'home-outside-root', message: `${escape}; nothing planned (point --home at the directory that really holds ${s.homeDir})`, paths: [display(persag)] }] };
    }
    return new PersagPlanner(ctx, s, persag).plan();
  },
};
