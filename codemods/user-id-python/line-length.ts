// The line length the project's Python tools enforce, from their configuration: ruff (ruff.toml,
// .ruff.toml, `[tool.ruff]` in pyproject.toml), black (`[tool.black]`), flake8 (`[flake8]` in
// .flake8, setup.cfg or tox.ini). A ruff or black section without `line-length` means their
// default, 88. With no configuration at all the black default applies too: a line of 88 or fewer
// characters passes every formatter's default check, and a wrapped line is valid in any style.
import type { Roots } from '../../plan/types.js';
import { readProjectBytes } from '../shared/read.js';

/** The default of black and ruff, and the limit when the project configures none. */
export const DEFAULT_LINE_LENGTH = 88;

/** The `key = value` lines of the TOML (or INI) section `[name]`, or undefined when it is absent. */
function section(text: string, name: string): string | undefined {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim() === `[${name}]`);
  if (start === -1) return undefined;
  const end = lines.findIndex((l, i) => i > start && /^\s*\[/.test(l));
  return lines.slice(start + 1, end === -1 ? undefined : end).join('\n');
}

function intSetting(body: string | undefined, key: string): number | undefined {
  const m = body === undefined ? null : new RegExp(`^\\s*${key}\\s*[=:]\\s*(\\d+)\\s*(?:#.*)?$`, 'm').exec(body);
  return m ? Number(m[1]) : undefined;
}

/** Reads a project file's text; undefined when it does not exist. */
export type ReadProjectFile = (name: string) => string | undefined;

export function projectLineLength(read: ReadProjectFile): number {
  for (const name of ['ruff.toml', '.ruff.toml']) {
    const text = read(name);
    // ruff.toml has its settings at top level (before any table).
    if (text !== undefined) return intSetting(text.split(/^\s*\[/m)[0], 'line-length') ?? DEFAULT_LINE_LENGTH;
  }
  const pyproject = read('pyproject.toml');
  for (const tool of ['ruff', 'black']) {
    const body = pyproject === undefined ? undefined : section(pyproject, `tool.${tool}`);
    if (body !== undefined) return intSetting(body, 'line-length') ?? DEFAULT_LINE_LENGTH;
  }
  for (const name of ['.flake8', 'setup.cfg', 'tox.ini']) {
    const limit = intSetting(section(read(name) ?? '', 'flake8'), 'max[-_]line[-_]length');
    if (limit !== undefined) return limit;
  }
  return DEFAULT_LINE_LENGTH;
}

/** The line length of the project at `roots` (its config files at the project root). */
export function lineLengthAt(roots: Roots): number {
  return projectLineLength((name) => rootFile(roots, name));
}

/** A file at the project root as text, undefined when there is none. */
export function rootFile(roots: Roots, name: string): string | undefined {
  try {
    return readProjectBytes(roots, name).toString('utf8');
  } catch {
    return undefined; // absent (or unreadable): the defaults apply
  }
}
