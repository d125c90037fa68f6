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

const PERSAG_READER = [
  'def _read_persag_userid():',
  '>"""USER_ID from <persag home>/env.userid, or None when the file or the key is missing.',
  '',
  '>The home is $PERSAG_HOME/.persag (or $PERSAG_HOME itself when it holds env.userid),',
  '>else ~/.persag. Accepted lines: USER_ID="x", USER_ID=\'x\', USER_ID=x, export USER_ID=x.',
  '>"""',
  '>import os',
  '>from pathlib import Path',
  '',
  '>home = os.environ.get("PERSAG_HOME")',
  '>if home:',
  '>>candidates = [Path(home) / ".persag" / "env.userid", Path(home) / "env.userid"]',
  '>else:',
  '>>candidates = [Path.home() / ".persag" / "env.userid"]',
  '>for path in candidates:',
  '>>try:',
  '>>>lines = path.read_text(encoding="utf-8-sig").splitlines()',
  '>>except (OSError, UnicodeDecodeError):',
  '>>>continue',
  '>>for line in lines:',
  '>>>line = line.strip()',
  '>>>if line.startswith("export "):',
  '>>>>line = line[len("export "):].lstrip()',
  '>>>key, sep, value = line.partition("=")',
  '>>>if not sep or key.strip() != "USER_ID":',
  '>>>>continue',
  '>>>value = value.strip()',
  '>>>if value[:1] in ("\'", \'"\'):',
  '>>>>closing = value.find(value[0], 1)',
  '>>>>value = value[1:closing] if closing > 0 else value[1:]',
  '>>>else:',
  '>>>>value = value.split("#", 1)[0].strip()',
  '>>>if value:',
  '>>>>return value',
  '>return None',
];

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
