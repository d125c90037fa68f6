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
 * The lowest Python version `requires-python` in a pyproject.toml admits (`>=3.11`, `~=3.10`,
 * `>=3.10,<4`, `==3.12.*`); undefined when there is none or it names no lower bound.
 */
export function requiresPython(pyproject: string): string | undefined {
  const spec = /^\s*requires-python\s*=\s*["']([^"']*)["']/m.exec(pyproject)?.[1];
  const lower = spec && /(?:>=|~=|==|>)\s*(\d+)\.(\d+)/.exec(spec);
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

function moduleList(opts: Record<string, unknown>): string[] | undefined {
  const v = opts.pythonModules;
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string' && x.endsWith('.py'))) {
    throw new UsageError(`option pythonModules must be a list of project-relative .py paths, got ${JSON.stringify(v)}`);
  }
  return v.map((p: string) => p.replace(/\\/g, '/').replace(/^\.\//, ''));
}

/** `projectTarget`: the version the project declares (pyproject's `requires-python`), used when the options name none. */
export function resolvePythonOptions(ctx: Pick<PlanContext, 'config' | 'options'>, projectTarget?: string): ResolvedPythonOptions {
  const opts = sectionOptions(ctx, 'userId');
  return {
    constant: pythonIdentifier(opts, 'constant', 'USER_ID'),
    accessor: pythonIdentifier(opts, 'pythonAccessor', 'get_userid'),
    target: pythonTarget(opts, projectTarget),
    persagHome: opts.persagHome === true,
    modules: moduleList(opts),
  };
}
