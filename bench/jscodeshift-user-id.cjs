// The user-id codemod written the usual jscodeshift way, for the benchmark: the same edits as
// migrate-users' user-id-ts source on the generated corpus (and on the common cases of SPEC §5):
//   import { USER_ID } / { USER_ID as x } from '<...>/config/settings'  ->  import { getUserId }
//   every read that binds to that import                                ->  getUserId()
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

function rewriteReads(j, root, local) {
  let count = 0;
  root.find(j.Identifier, { name: local }).forEach((path) => {
    if (!isReference(path) || !bindsToImport(path, local)) return;
    const parent = path.parent.node;
    if (parent.type === 'ObjectProperty' && parent.shorthand) {
      parent.shorthand = false;
      parent.value = callAccessor(j);
    } else {
      path.replace(callAccessor(j));
    }
    count++;
  });
  return count;
}

function migrateImporter(j, root) {
  let changed = false;
  root.find(j.ImportDeclaration).forEach((decl) => {
    if (!SETTINGS.test(String(decl.node.source.value)) || decl.node.importKind === 'type') return;
    decl.node.specifiers = (decl.node.specifiers || []).map((spec) => {
      if (spec.type === 'ImportNamespaceSpecifier') {
        const ns = spec.local.name;
        root
          .find(j.MemberExpression, { object: { type: 'Identifier', name: ns }, property: { type: 'Identifier', name: CONSTANT }, computed: false })
          .forEach((path) => {
            path.replace(callAccessor(j, j.identifier(ns)));
            changed = true;
          });
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
  root.find(j.Identifier, { name: CONSTANT }).forEach((path) => {
    if (path.node !== declarator.id && isReference(path) && bindsToImport(path, CONSTANT)) path.replace(callAccessor(j));
  });
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
