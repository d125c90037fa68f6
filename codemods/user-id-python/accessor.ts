// The source text of the accessor that replaces the constant in its defining module. Plain: the
// original expression, evaluated per call. Persag: the user id from `<persag home>/env.userid`,
// read per call (the file the persag-home migrator moves it to), else the original expression;
// the reader it calls is generated with the persag home helpers (`persag-settings.ts`).

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

/** Source lines whose leading `>`s stand for one indentation unit each. */
export function render(lines: readonly string[], unit: string, eol: string): string {
  return lines.map((l) => l.replace(/^>+/, (m) => unit.repeat(m.length)) + eol).join('');
}

/** The text inserted before the defining assignment (which keeps its line, now `CONST = accessor()`). */
export function accessorDefinition(spec: AccessorSpec): string {
  const { accessor, constant, expression, returnType, persagHome, eol, unit } = spec;
  const value = persagHome ? `_read_persag_userid() or ${expression}` : expression;
  // Docstring and comment lines stay within 79 columns, the strictest limit in common use.
  const doc = persagHome
    ? `"""The current user id: <persag home>/env.userid, read on every call."""`
    : `"""The current user id, evaluated on every call (replaces ${constant})."""`;
  const lines = [
    `def ${accessor}() -> ${returnType}:`,
    `>${doc}`,
    `>return ${value}`,
    '',
    '',
    `# Deprecated: ${constant} is evaluated once, at import, and does not follow a`,
    `# user switch; call ${accessor}() instead.`,
  ];
  return render(lines, unit, eol);
}
