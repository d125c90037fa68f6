// The persag profile's settings module and the code around env.userid (SPEC §8 "code follows the
// data"). In the settings module: `persag_home()`, the reader behind `get_userid()` (the home's
// env.userid, else the repo's own file, read only) and `set_userid()` (an atomic write of the
// home's env.userid), generated after the imports so module-level code may use them. Anywhere:
// a function that reads env.userid delegates to the accessor (and never re-creates the file), a
// statement that writes it calls `set_userid(<value>)`; what cannot be rewritten is a plan error.
import path from 'node:path';
import type { PlanError, Splice } from '../../plan/types.js';
import { positionAt } from '../shared/warnings.js';
import { render } from './accessor.js';
import { boundAtTop, lastLeadingImport, type ImportNeed } from './imports.js';
import { indentAt, lineStart, nextLineStart } from './layout.js';
import type { Node } from './parser.js';
import { codeChildren } from './scope.js';
import { homeAccessorLines } from './home-accessor.js';
import { settingsBinding } from './settings-binding.js';
import { HOME_ACCESSOR, USER_ID_FILE, userIdFileUses, type Reader } from './userid-file.js';

export const SETTER = 'set_userid';
const READER = '_read_persag_userid';

/** The settings module other files import the helpers from. */
export interface SettingsModule {
  file: string;
  module: string;
}

export interface PersagInput {
  root: Node;
  text: string;
  file: string;
  accessor: string;
  constant: string;
  settings: SettingsModule | undefined;
  eol: string;
  unit: string;
  source: string;
}

export interface PersagResult {
  splices: Splice[];
  errors: PlanError[];
  /** Ranges whose old content the helpers replace: other edits inside them are dropped. */
  replaced: Array<{ start: number; end: number }>;
  /** The helpers the file now calls, to import from the settings module (not spliced here: see helper-imports.ts). */
  imports: ImportNeed[];
}

/** `Path(__file__).resolve().parents[N]`: the project root seen from the settings module. */
function projectRootFrom(file: string): string {
  const depth = path.posix.dirname(file) === '.' ? 0 : path.posix.dirname(file).split('/').length;
  return depth === 0 ? 'Path(__file__).resolve().parent' : `Path(__file__).resolve().parents[${depth}]`;
}

// Reads env.userid the way the persag-home migrator does (migrators/shared/env-file.ts): the last
// `USER_ID=` line wins; quotes, `export`, comments, CRLF and a BOM are understood.
function homeHelpers(settingsFile: string): string[] {
  return [...homeAccessorLines(), '', '', ...String.raw`def ${READER}():
>"""USER_ID from <persag home>/env.userid, else from the repo's own
>env.userid (read, never re-created), or None when neither has it.
>Accepted lines: USER_ID="x", USER_ID='x', USER_ID=x, export USER_ID=x.
>"""
>import re
>from pathlib import Path

>for path in (
>>${HOME_ACCESSOR}() / "env.userid",
>>${projectRootFrom(settingsFile)} / "env.userid",
>):
>>try:
>>>lines = path.read_text(encoding="utf-8-sig").splitlines()
>>except (OSError, UnicodeDecodeError):
>>>continue
>>found = None
>>for line in lines:
>>>match = re.match(r"\s*(?:export\s+)?USER_ID\s*=\s*(.*)$", line)
>>>if not match:
>>>>continue
>>>rest = match.group(1)
>>>if rest[:1] in ("'", '"'):
>>>>quote, end = rest[0], 1
>>>>while end < len(rest) and rest[end] != quote:
>>>>>end += 2 if quote == '"' and rest[end] == "\\" else 1
>>>>if end >= len(rest) or not re.match(r"\s*(#.*)?$", rest[end + 1:]):
>>>>>continue
>>>>value = rest[1:end]
>>>>found = re.sub(r'\\(["\\])', r"\1", value) if quote == '"' else value
>>>else:
>>>>found = re.split(r"\s#", rest, maxsplit=1)[0].rstrip()
>>if found:
>>>return found
>return None


def ${SETTER}(user_id):
>"""Makes user_id the current user: writes USER_ID="<user_id>" to
><persag home>/env.userid, the file get_userid() reads, atomically (a
>temp file in the same dir, then os.replace).
>"""
>import os
>import tempfile

>value = str(user_id)
>if not value or any(c in value for c in "\"\\\r\n"):
>>raise ValueError("invalid user id: %r" % (value,))
>home = ${HOME_ACCESSOR}()
>home.mkdir(parents=True, exist_ok=True)
>target = home / "env.userid"
>fd, tmp = tempfile.mkstemp(prefix=".env.userid.", dir=str(home))
>try:
>>with os.fdopen(fd, "w", encoding="utf-8") as f:
>>>f.write('USER_ID="%s"\n' % value)
>>>f.flush()
>>>os.fsync(f.fileno())
>>os.chmod(tmp, target.stat().st_mode & 0o7777 if target.exists() else 0o644)
>>os.replace(tmp, target)
>except BaseException:
>>if os.path.exists(tmp):
>>>os.unlink(tmp)
>>raise`.split('\n')];
}

function isDocstring(stmt: Node | undefined): boolean {
  if (stmt?.type !== 'expression_statement') return false;
  const kids = codeChildren(stmt);
  return kids.length === 1 && kids[0]!.type === 'string';
}

/** Just after the module's leading docstring and imports. */
function afterLeadingImports(root: Node, text: string): number {
  const last = lastLeadingImport(root);
  if (last) return nextLineStart(text, last.endIndex);
  const first = codeChildren(root)[0];
  return first && isDocstring(first) ? nextLineStart(text, first.endIndex) : 0;
}

function definingStatement(root: Node, constant: string): Node | undefined {
  return codeChildren(root).find((s) => {
    const a = s.type === 'expression_statement' ? codeChildren(s)[0] : undefined;
    return a?.type === 'assignment' && a.childForFieldName('left')?.text === constant;
  });
}

class Rewiring {
  readonly splices: Splice[] = [];
  readonly errors: PlanError[] = [];
  readonly replaced: Array<{ start: number; end: number }> = [];
  private readonly needs: ImportNeed[] = [];
  private readonly defining: boolean;
  /** The name the file binds the settings module to: the helpers are called through it (`settings.set_userid(...)`). */
  private readonly binding: string | undefined;

  constructor(private readonly input: PersagInput) {
    this.defining = !!input.settings && input.settings.file === input.file;
    this.binding = !this.defining && input.settings ? settingsBinding(input.root, input.file, input.settings) : undefined;
  }

  /** `name` as the code at offset `at` calls it; imported for that code unless this is the settings module or the file binds it. */
  private callable(name: string, at: number): string {
    if (this.binding) return `${this.binding}.${name}`;
    if (!this.defining && this.input.settings) this.needs.push({ module: this.input.settings.module, name, file: this.input.settings.file, uses: [at] });
    return name;
  }

  private error(node: Node, message: string): void {
    const { line } = positionAt(this.input.text, node.startIndex);
    this.errors.push({ source: this.input.source, code: 'userid-file', paths: [`${this.input.file}:${line}`], message: `${this.input.file}:${line}: ${message}` });
  }

  run(): PersagResult {
    const { root, text, file } = this.input;
    const uses = userIdFileUses(root, file);
    for (const p of uses.problems) this.error(p.node, p.message);
    if (!this.input.settings && (uses.readers.length > 0 || uses.writes.length > 0)) {
      for (const r of uses.readers) this.error(r.fn, `reads ${USER_ID_FILE}, which moves to the persag home, and no settings module defines ${this.input.accessor}() to read it from; rewrite it by hand`);
      for (const w of uses.writes) this.error(w.stmt, `writes ${USER_ID_FILE}, which moves to the persag home, and no settings module defines ${SETTER}(); rewrite it by hand`);
      return this.result();
    }
    for (const reader of uses.readers) this.delegate(reader);
    for (const w of uses.writes) {
      const call = this.callable(SETTER, w.stmt.startIndex);
      if (typeof w.value === 'string') this.replace(w.stmt.startIndex, w.stmt.endIndex, `${call}(${w.value})`);
      else {
        // The value keeps its place, so that the codemod's own edits inside it (USER_ID -> get_userid()) stand.
        this.replace(w.stmt.startIndex, w.value.startIndex, `${call}(`);
        this.replace(w.value.endIndex, w.stmt.endIndex, ')');
      }
    }
    if (this.defining) {
      this.addHelpers();
      this.moveImportTimeCalls(uses.readers.map((r) => r.fn.childForFieldName('name')!.text));
    }
    return this.result();
  }

  private result(): PersagResult {
    return { splices: this.splices, errors: this.errors, replaced: this.replaced, imports: this.needs };
  }

  private replace(start: number, end: number, text: string): void {
    this.splices.push({ start, end, text });
    this.replaced.push({ start, end });
  }

  /** The reader's body after its docstring becomes a call of the accessor (keeping what it exported and returned). */
  private delegate(reader: Reader): void {
    const { text, eol } = this.input;
    const body = reader.fn.childForFieldName('body')!;
    const stmts = codeChildren(body);
    const first = isDocstring(stmts[0]) ? stmts[1] : stmts[0];
    const params = reader.fn.childForFieldName('parameters')?.text ?? '';
    const v = /\buser_id\b/.test(params) ? 'current_user_id' : 'user_id';
    const lines = [
      `# The user id lives in <persag home>/${USER_ID_FILE} (moved there by`,
      `# migrate-users); read it through ${this.input.accessor}().`,
      `${v} = ${this.callable(this.input.accessor, body.startIndex)}()`,
      ...(reader.exportsEnv ? [`${reader.exportsEnv.target}[${JSON.stringify(reader.exportsEnv.key)}] = ${v}`] : []),
      ...(reader.returns ? [`return ${v}`] : []),
    ];
    if (first) {
      const indent = indentAt(text, first.startIndex);
      this.replace(first.startIndex, body.endIndex, lines.join(eol + indent));
    } else {
      const doc = stmts[0]!;
      const indent = indentAt(text, doc.startIndex);
      this.replace(doc.endIndex, doc.endIndex, lines.map((l) => eol + indent + l).join(''));
    }
  }

  private addHelpers(): void {
    const { root, text, eol, unit, settings } = this.input;
    if (boundAtTop(root, HOME_ACCESSOR) || !settings) return;
    const at = afterLeadingImports(root, text);
    const before = at > 0 && !/\r?\n\r?\n$/.test(text.slice(0, at)) ? eol : '';
    this.splices.push({ start: at, end: at, text: before + eol + render(homeHelpers(settings.file), unit, eol) + eol });
  }

  /**
   * A module-level call of a reader that runs before the accessor is defined (`load_user_from_file()`
   * near the top of settings) would now fail: it moves to just after the constant's definition.
   */
  private moveImportTimeCalls(readers: readonly string[]): void {
    const { root, text, constant } = this.input;
    const definition = definingStatement(root, constant);
    if (!definition || readers.length === 0) return;
    const moved: string[] = [];
    for (const s of codeChildren(root)) {
      if (s.startIndex >= definition.startIndex) break;
      const calls = (n: Node): boolean => n.type === 'call' && readers.includes(n.childForFieldName('function')?.text ?? '');
      const expr = s.type === 'expression_statement' ? codeChildren(s)[0] : undefined;
      if (expr && calls(expr)) {
        const start = lineStart(text, s.startIndex);
        let end = nextLineStart(text, s.endIndex);
        // A call set apart by blank lines takes one of them along, so the gap does not grow.
        const blank = /^[ \t]*\r?\n/;
        if (start > 0 && blank.test(text.slice(lineStart(text, start - 1), start)) && blank.test(text.slice(end))) end = nextLineStart(text, end);
        this.replace(start, end, '');
        moved.push(text.slice(s.startIndex, s.endIndex));
        continue;
      }
      const uses = (n: Node): boolean => calls(n) || n.namedChildren.some(uses);
      if (s.type !== 'function_definition' && s.type !== 'class_definition' && uses(s)) {
        this.error(s, `calls a reader of ${USER_ID_FILE} at import, before ${this.input.accessor}() is defined; move the call below the ${constant} definition`);
      }
    }
    if (moved.length > 0) {
      const at = nextLineStart(text, definition.endIndex);
      const eol = at === text.length && !/\n$/.test(text) ? this.input.eol : '';
      this.splices.push({ start: at, end: at, text: eol + moved.map((m) => m + this.input.eol).join('') });
    }
  }
}

export function persagRewiring(input: PersagInput): PersagResult {
  return new Rewiring(input).run();
}
