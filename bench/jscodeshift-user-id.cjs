// The user-id codemod written the usual jscodeshift way, for the benchmark: the same edits as
// migrate-users' user-id-ts source on the generated corpus (and on the common cases of SPEC §5):
//   import { USER_ID } / { USER_ID as x } from '<...>/config/settings'  ->  import { getUserId }
//   every read that binds to that import                                ->  getUserId()
//   a function body reading it twice or more                            ->  const userId = getUserId(); then userId
//                                                                            ({ userId: USER_ID } there -> { userId })
//   { USER_ID } shorthand                                                ->  { USER_ID: getUserId() }
//   settings.USER_ID after import * as settings                          ->  settings.getUserId()
//   export const USER_ID = <expr> in the settings module                 ->  export function getUserId(): string { return <expr>; }
//                                                                            /** @deprecated use getUserId() */ export const USER_ID = getUserId();
// Like any careful codemod it skips files whose text cannot mention the constant, and parses
// each file with the grammar of its extension.
const CONSTANT = 'USER_ID';
const ACCESSOR = 'getUserId';
const SETTINGS = /(?:^|\/)config\/settings(?:\.[cm]?[jt]sx?)?$/;

function isReference(path) {
  const parent = path.parent.node;
  const node = path.node;
  if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.property === node && !parent.computed) return false;
  if ((parent.type === 'ObjectProperty' || parent.type === 'Property' || parent.type === 'ClassProperty' || parent.type === 'ObjectMethod' || parent.type === 'ClassMethod') && parent.key === node && !parent.computed) {
    return parent.type === 'ObjectProperty' && parent.shorthand && parent.value === node;
  }
  if (parent.type === 'ImportSpecifier' || parent.type === 'ExportSpecifier' || parent.type === 'ImportDefaultSpecifier' || parent.type === 'ImportNamespaceSpecifier') return false;
  if (parent.type === 'VariableDeclarator' && parent.id === node) return false;
  if ((parent.type === 'FunctionDeclaration' || parent.type === 'FunctionExpression' || parent.type === 'ArrowFunctionExpression') && parent.params.includes(node)) return false;
  if (parent.type === 'TSTypeQuery' || parent.type.startsWith('TSType')) return false;
  return true;
}

/** Whether the identifier at `path` resolves to the module-level import named `local`. */
function bindsToImport(path, local) {
  const scope = path.scope && path.scope.lookup(local);
  return scope !== null && scope !== undefined && scope.isGlobal;
}

function callAccessor(j, object) {
  return object ? j.callExpression(j.memberExpression(object, j.identifier(ACCESSOR)), []) : j.callExpression(j.identifier(ACCESSOR), []);
}

const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod', 'ClassPrivateMethod']);
const LOCAL_NAMES = ['userId', 'currentUserId'];

/** The function whose block body holds `path` directly (not through a nested function or a field). */
function bodyOwner(path) {
  for (let child = path, p = path.parent; p; child = p, p = p.parent) {
    if (FUNCTIONS.has(p.node.type)) return p.node.body && p.node.body.type === 'BlockStatement' && child.node === p.node.body ? p : undefined;
    if (p.node.type === 'StaticBlock' || p.node.type === 'ClassProperty' || p.node.type === 'ClassPrivateProperty') return undefined;
  }
  return undefined;
}

/** A derived class's constructor may not run code before super() when it has field initializers. */
function isDerivedConstructor(fn) {
  return fn.node.type === 'ClassMethod' && fn.node.kind === 'constructor' && Boolean(fn.parent && fn.parent.parent && fn.parent.parent.node.superClass);
}

/** A local name nothing in the function spells (property names aside). */
function freeLocal(j, fn) {
  const used = new Set();
  j(fn).find(j.Identifier).forEach((p) => {
    const parent = p.parent.node;
    if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.property === p.node && !parent.computed) return;
    if (parent.type === 'ObjectProperty' && parent.key === p.node && !parent.shorthand && !parent.computed) return;
    used.add(p.node.name);
  });
  for (const name of LOCAL_NAMES) if (!used.has(name)) return name;
  let i = 1;
  while (used.has(`userId${i}`)) i++;
  return `userId${i}`;
}

const hasComments = (node) => (node.comments && node.comments.length > 0) || (node.leadingComments && node.leadingComments.length > 0);

function replaceRead(j, read, value) {
  const parent = read.parent.node;
  if (parent.type === 'ObjectProperty' && parent.shorthand && parent.value === read.node) {
    parent.shorthand = false;
    parent.value = value;
  } else if (parent.type === 'ObjectProperty' && parent.value === read.node && !parent.computed && parent.key.type === 'Identifier' && value.type === 'Identifier' && parent.key.name === value.name && !hasComments(read.node)) {
    // `{ userId: USER_ID }` read through the local `userId`: `{ userId }`, as migrate-users writes it (a comment before the value keeps the long form).
    parent.shorthand = true;
    parent.value = value;
  } else {
    read.replace(value);
  }
}

/**
 * One read per call, as migrate-users does: a function body reading the constant twice or more
 * reads the accessor once into a local placed before the first read's statement.
 */
function rewriteAll(j, reads, object) {
  const byBody = new Map();
  for (const read of reads) {
    const fn = bodyOwner(read);
    if (!fn || isDerivedConstructor(fn)) continue;
    const key = fn.node.body;
    if (!byBody.has(key)) byBody.set(key, { fn, reads: [] });
    byBody.get(key).reads.push(read);
  }
  const viaLocal = new Set();
  for (const { fn, reads: inBody } of byBody.values()) {
    if (inBody.length < 2) continue;
    const local = freeLocal(j, fn);
    let statement = inBody[0];
    while (statement.parent.node !== fn.node.body) statement = statement.parent;
    statement.insertBefore(j.variableDeclaration('const', [j.variableDeclarator(j.identifier(local), callAccessor(j, object && j.identifier(object)))]));
    for (const read of inBody) {
      replaceRead(j, read, j.identifier(local));
      viaLocal.add(read);
    }
  }
  for (const read of reads) if (!viaLocal.has(read)) replaceRead(j, read, callAccessor(j, object && j.identifier(object)));
  return reads.length;
}

function rewriteReads(j, root, local) {
  return rewriteAll(j, root.find(j.Identifier, { name: local }).paths().filter((path) => isReference(path) && bindsToImport(path, local)));
}

function migrateImporter(j, root) {
  let changed = false;
  root.find(j.ImportDeclaration).forEach((decl) => {
    if (!SETTINGS.test(String(decl.node.source.value)) || decl.node.importKind === 'type') return;
    decl.node.specifiers = (decl.node.specifiers || []).map((spec) => {
      if (spec.type === 'ImportNamespaceSpecifier') {
        const ns = spec.local.name;
        const reads = root.find(j.MemberExpression, { object: { type: 'Identifier', name: ns }, property: { type: 'Identifier', name: CONSTANT }, computed: false }).paths();
        if (rewriteAll(j, reads, ns) > 0) changed = true;
      } else if (spec.type === 'ImportSpecifier' && spec.imported.name === CONSTANT) {
        rewriteReads(j, root, spec.local.name);
        changed = true;
        return j.importSpecifier(j.identifier(ACCESSOR));
      }
      return spec;
    });
  });
  return changed;
}

function migrateDefinition(j, root) {
  const declaration = root.find(j.ExportNamedDeclaration, {
    declaration: { type: 'VariableDeclaration', declarations: [{ id: { name: CONSTANT } }] },
  });
  if (declaration.size() !== 1) return false;
  const exportPath = declaration.paths()[0];
  const declarator = exportPath.node.declaration.declarations[0];
  const fn = j.functionDeclaration(j.identifier(ACCESSOR), [], j.blockStatement([j.returnStatement(declarator.init)]));
  fn.returnType = j.tsTypeAnnotation(j.tsStringKeyword());
  const exportedFn = j.exportNamedDeclaration(fn);
  exportedFn.comments = exportPath.node.comments;
  exportPath.node.comments = [j.commentBlock('* @deprecated use getUserId() ', true, false)];
  declarator.init = callAccessor(j);
  exportPath.insertBefore(exportedFn);
  rewriteAll(j, root.find(j.Identifier, { name: CONSTANT }).paths().filter((path) => path.node !== declarator.id && isReference(path) && bindsToImport(path, CONSTANT)));
  return true;
}

module.exports = function transform(file, api) {
  if (!file.source.includes(CONSTANT)) return undefined;
  // tsx for .tsx files, ts for the others: in a .ts file `<T>value` is a type assertion, not JSX.
  const j = /\.tsx$/.test(file.path) ? api.jscodeshift : api.jscodeshift.withParser('ts');
  const root = j(file.source);
  const changed = SETTINGS.test(file.path.replace(/\\/g, '/')) ? migrateDefinition(j, root) : migrateImporter(j, root);
  return changed ? root.toSource({ quote: 'single' }) : undefined;
};
module.exports.parser = 'tsx';
