// Options of the Python user-id codemod: `userId` in the config file, overridden by the profile
// or the CLI (`ctx.options`). `persagHome: true` selects the persag accessor.
import { UsageError } from '../../plan/errors.js';
import type { PlanContext } from '../../plan/types.js';
import { identifierOption, sectionOptions, stringOption } from '../shared/options.js';
import type { PythonUserIdOptions } from './transform.js';

export interface ResolvedPythonOptions extends PythonUserIdOptions {
  /** Project-relative paths of the defining modules; auto-detected when absent. */
  modules?: string[];
}

function pythonIdentifier(opts: Record<string, unknown>, key: string, fallback: string): string {
  const v = identifierOption(opts, key, fallback);
  if (v.includes('$')) throw new UsageError(`option ${key} must be a Python identifier, got ${JSON.stringify(v)}`);
  return v;
}

/**
 * The lowest Python version a pyproject.toml admits, from `requires-python` (`>=3.11`, `~=3.10`,
 * `>=3.10,<4`, `==3.12.*`) or, in a Poetry project, the `python` dependency (`^3.11`,
 * `>=3.11,<3.13`); undefined when there is none or it names no lower bound.
 */
export function requiresPython(pyproject: string): string | undefined {
  const poetry = /^\[tool\.poetry\.dependencies\][ \t]*\r?\n(?:(?!\[).*\n)*?[ \t]*python[ \t]*=[ \t]*["']([^"']*)["']/m.exec(pyproject)?.[1];
  const spec = /^\s*requires-python\s*=\s*["']([^"']*)["']/m.exec(pyproject)?.[1] ?? poetry;
  const lower = spec && /(?:>=|~=|==|\^|~|>)\s*(\d+)\.(\d+)/.exec(spec);
  return lower ? `${lower[1]}.${lower[2]}` : undefined;
}

function pythonTarget(opts: Record<string, unknown>, projectTarget: string | undefined): readonly [number, number] {
  const raw = opts.pythonTarget;
  if (typeof raw === 'number') {
    throw new UsageError(`option pythonTarget must be a string such as "3.10" (the JSON number ${raw} cannot tell 3.1 from 3.10)`);
  }
  const v = stringOption(opts, 'pythonTarget', projectTarget ?? '3.9');
  const m = /^(\d+)\.(\d+)$/.exec(v);
  if (!m) throw new UsageError(`option pythonTarget must look like "3.10", got ${JSON.stringify(raw)}`);
  return [Number(m[1]), Number(m[2])];
}

/** `pythonLineLength`: a positive number, or 0 for no wrapping; absent: the project's configured length. */
function lineLength(opts: Record<string, unknown>, projectLength: number | undefined): number | undefined {
  const v = opts.pythonLineLength;
  if (v === undefined || v === null) return projectLength;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new UsageError(`option pythonLineLength must be a whole number of characters (0: never wrap), got ${JSON.stringify(v)}`);
  return v === 0 ? undefined : v;
}

function moduleList(opts: Record<string, unknown>): string[] | undefined {
  const v = opts.pythonModules;
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string' && x.endsWith('.py'))) {
    throw new UsageError(`option pythonModules must be a list of project-relative .py paths, got ${JSON.stringify(v)}`);
  }
  return v.map((p: string) => p.replace(/\\/g, '/').replace(/^\.\//, ''));
}

/**
 * `project`: what the project declares, used when the options say nothing: the Python version
 * (pyproject's `requires-python`) and the line length of its formatter or linter.
 */
export function resolvePythonOptions(ctx: Pick<PlanContext, 'config' | 'options'>, project: { target?: string; lineLength?: number } = {}): ResolvedPythonOptions {
  const opts = sectionOptions(ctx, 'userId');
  return {
    constant: pythonIdentifier(opts, 'constant', 'USER_ID'),
    accessor: pythonIdentifier(opts, 'pythonAccessor', 'get_userid'),
    target: pythonTarget(opts, project.target),
    persagHome: opts.persagHome === true,
    lineLength: lineLength(opts, project.lineLength),
    modules: moduleList(opts),
  };
}
