// The source text of the accessor that replaces the constant in its defining module. Plain: the
// original expression, evaluated per call. Persag: the user id from `<persag home>/env.userid`,
// read per call (the file the persag-home migrator moves it to), else the original expression.

export interface AccessorSpec {
  accessor: string;
  constant: string;
  /** The original right-hand side, evaluated on every call. */
  expression: string;
  returnType: string;
  persagHome: boolean;
  eol: string;
  unit: string;
}

// Reads env.userid the way the persag-home migrator does (migrators/shared/env-file.ts): the
// last `USER_ID=` line wins; quotes, `export`, comments, CRLF and a BOM are understood.
const PERSAG_READER = String.raw`def _read_persag_userid():
>"""USER_ID from <persag home>/env.userid, or None when the file or the key is missing.

>The home is $PERSAG_HOME/.persag (or $PERSAG_HOME itself when it holds env.userid),
>else ~/.persag. Accepted lines: USER_ID="x", USER_ID='x', USER_ID=x, export USER_ID=x.
>"""
>import os
>import re
>from pathlib import Path

>home = os.environ.get("PERSAG_HOME")
>if home:
>>candidates = [Path(home) / ".persag" / "env.userid", Path(home) / "env.userid"]
>else:
>>candidates = [Path.home() / ".persag" / "env.userid"]
>for path in candidates:
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
>return None`.split('\n');

function render(lines: readonly string[], unit: string, eol: string): string {
  return lines.map((l) => l.replace(/^>+/, (m) => unit.repeat(m.length)) + eol).join('');
}

/** The text inserted before the defining assignment (which keeps its line, now `CONST = accessor()`). */
export function accessorDefinition(spec: AccessorSpec): string {
  const { accessor, constant, expression, returnType, persagHome, eol, unit } = spec;
  const value = persagHome ? `_read_persag_userid() or ${expression}` : expression;
  const doc = persagHome
    ? `"""The current user id, read from <persag home>/env.userid on every call (replaces ${constant})."""`
    : `"""The current user id, evaluated on every call (replaces the ${constant} constant)."""`;
  const lines = [
    ...(persagHome ? [...PERSAG_READER, '', ''] : []),
    `def ${accessor}() -> ${returnType}:`,
    `>${doc}`,
    `>return ${value}`,
    '',
    '',
    `# Deprecated: ${constant} is evaluated once at import and does not follow a user switch; call ${accessor}().`,
  ];
  return render(lines, unit, eol);
}
