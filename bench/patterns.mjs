// What each migrate-users lint rule looks for, written for the tools it is compared with:
// ESLint `no-restricted-syntax` selectors and `no-restricted-imports` entries (syntax-aware,
// but without binding resolution), and ripgrep regexes (the rules' own text prefilters: the
// floor that no parser-based tool can beat; rg reads line by line, so the rules' allowance for
// comments and line breaks between tokens is left out). eslint.config.mjs and the rg run both read this.

export const SQLITE_MODULES = ['better-sqlite3', 'sqlite3', 'sqlite', 'node:sqlite', 'bun:sqlite'];

// esquery regexes cannot hold a `/`, so `.` stands in for the path separator.
const LEGACY_PATH = '\\.continuum.personas|state\\.db|state\\.sqlite|env\\.userid';

export const RULES = [
  {
    id: 'static-user-id',
    selectors: [
      "MemberExpression[property.name='USER_ID'][object.type='Identifier']",
      "ExportSpecifier[local.name='USER_ID']",
      "VariableDeclarator[init.callee.name='require'] > ObjectPattern > Property[key.name='USER_ID']",
    ],
    restrictedImportPatterns: [{ regex: '(^|/)(config/)?settings$', importNames: ['USER_ID'] }],
    rg: ['\\bUSER_ID\\b'],
  },
  {
    id: 'manager-class',
    selectors: ["ClassDeclaration[id.name=/Manager$/][id.name!='UserDirectoryManager']", 'ClassExpression[id.name=/Manager$/]'],
    rg: ['\\bclass\\s+[\\w$\\\\]*Manager\\b'],
  },
  {
    id: 'direct-db',
    selectors: [
      'NewExpression[callee.name=/^(Database|DatabaseSync)$/]',
      'NewExpression[callee.property.name=/^(Database|DatabaseSync)$/]',
      `CallExpression[callee.name='require'][arguments.0.value=/^(${SQLITE_MODULES.join('|')})$/]`,
    ],
    restrictedImportPaths: SQLITE_MODULES,
    rg: ['sqlite|\\bnew\\s*\\(?\\s*Database\\b'],
  },
  {
    id: 'polling-timeout',
    selectors: [
      "CallExpression[callee.name='setTimeout'] > :function CallExpression",
      "CallExpression[callee.name='setTimeout'] > Identifier.arguments:first-child",
      "CallExpression[callee.name='setInterval']",
    ],
    rg: [
      '\\b(?:setTimeout|setInterval|registerInterval)\\s*(?:\\(|<|\\?\\.|as\\b|:)',
      '\\bawait\\b[^;{}]*?\\b(?:sleep|delay|wait|pause)\\b',
      '\\bwhile\\s*\\([^;{}]*\\)\\s*(?:\\{\\s*\\}|;)',
      '\\bdo\\s*(?:\\{\\s*\\}|;)\\s*while\\b',
    ],
  },
  {
    id: 'legacy-user-path',
    selectors: [`Literal[value=/${LEGACY_PATH}/]`, `TemplateElement[value.raw=/${LEGACY_PATH}/]`],
    rg: ['\\.continuum/personas|state\\.db|state\\.sqlite|env\\.userid'],
  },
];

export const LINTED_GLOB = '*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}';
