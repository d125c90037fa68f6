// Whether a one-segment string literal (`"lightrag_server"`) is used as a path. A literal with a
// separator reads as a path anywhere; one bare name may just as well be a dict key, a service
// name or a log message, so its place decides: a path argument or a `*_dir`/`*_path` name is a
// path, a key or a comparison is not, and anything else is reported rather than guessed.
import type { Node } from 'web-tree-sitter';
import { calleeName, positionalArgs } from '../../shared/python/paths.js';

export type LiteralUse = 'path' | 'not-path' | 'unknown';

const PATHY_NAME = /(^|_)(dir|dirs|path|paths|file|files|root|folder|directory|home|cwd|location|dest|destination|src|source)$/i;
const PATH_FUNCTIONS = new Set([
  'open', 'Path', 'PurePath', 'PosixPath', 'exists', 'isdir', 'isfile', 'listdir', 'scandir', 'makedirs', 'mkdir', 'rmdir',
  'rmtree', 'copytree', 'copy', 'copy2', 'copyfile', 'move', 'rename', 'replace', 'chdir', 'remove', 'unlink', 'join',
  'load_dotenv', 'dotenv_values', 'glob', 'walk', 'stat', 'abspath', 'realpath',
]);
/** Second argument of these is a default value for a path read from the environment. */
const ENV_DEFAULTS = new Set(['os.getenv', 'getenv', 'os.environ.get', 'environ.get', 'get_env_var']);
// Message sinks: the logging methods by their own name (`logger.warning`), and helpers whose
// name has a printing word in it (`print_success`, `logWarning`, `notify_user`).
const MESSAGE_METHODS = new Set(['print', 'debug', 'info', 'warning', 'warn', 'error', 'exception', 'critical', 'log', 'echo', 'secho', 'write']);
const MESSAGE_WORDS = new Set(['print', 'log', 'warn', 'echo', 'notify', 'message', 'msg']);

function isMessageSink(callee: string): boolean {
  const last = callee.split('.').pop() ?? '';
  return MESSAGE_METHODS.has(last) || last.split(/_|(?<=[a-z])(?=[A-Z])/).some((w) => MESSAGE_WORDS.has(w.toLowerCase()));
}

function parentOf(node: Node): Node | null {
  let p = node.parent;
  while (p?.type === 'parenthesized_expression') p = p.parent;
  return p;
}

function targetName(left: Node | null): string | undefined {
  if (!left) return undefined;
  if (left.type === 'identifier') return left.text;
  if (left.type === 'attribute') return left.childForFieldName('attribute')?.text;
  if (left.type === 'subscript') return left.childForFieldName('subscript')?.text.replace(/^["']|["']$/g, '');
  return undefined;
}

export function literalUse(str: Node): LiteralUse {
  const p = parentOf(str);
  if (!p) return 'unknown';
  switch (p.type) {
    case 'expression_statement':
    case 'comparison_operator':
    case 'subscript':
    case 'case_pattern':
      return 'not-path';
    case 'pair': {
      const key = p.childForFieldName('key');
      if (key?.id === str.id) return 'not-path';
      return PATHY_NAME.test(key?.text.replace(/^["']|["']$/g, '') ?? '') ? 'path' : 'unknown';
    }
    case 'tuple':
      // `("lightrag_server", self.server_dir, port)`: a name beside the values it labels.
      return p.namedChildren.some((c) => c && c.id !== str.id && c.type !== 'string') ? 'not-path' : 'unknown';
    case 'keyword_argument':
      return PATHY_NAME.test(p.childForFieldName('name')?.text ?? '') ? 'path' : 'unknown';
    case 'assignment':
      return PATHY_NAME.test(targetName(p.childForFieldName('left')) ?? '') ? 'path' : 'unknown';
    case 'argument_list': {
      const call = p.parent!;
      const name = calleeName(call);
      if (isMessageSink(name)) return 'not-path';
      if (ENV_DEFAULTS.has(name)) return positionalArgs(call)[1]?.id === str.id ? 'path' : 'not-path';
      return PATH_FUNCTIONS.has(name.split('.').pop()!) ? 'path' : 'unknown';
    }
    default:
      return 'unknown';
  }
}
