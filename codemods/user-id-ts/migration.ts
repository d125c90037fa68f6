// One file's migration, built up while its references are classified: the splices, the
// warnings, and the bookkeeping that decides how import lists change at the end.
import ts from 'typescript';
import type { Splice, Warning } from '../../plan/types.js';
import { warningAt } from '../shared/warnings.js';
import type { ConstantBinding } from './bindings.js';
import type { ExportSite } from './exports.js';
import type { Layout } from './layout.js';
import type { ListEdit } from './lists.js';
import { identifierNames, isWriteTarget, type Reference } from './scope.js';

export const SOURCE_NAME = 'user-id-ts';

export interface MigrationNames {
  constant: string;
  accessor: string;
}

export interface Usage {
  rewritten: number;
  kept: number;
}

/** A use of the constant to replace by a call, once the accessor's local name is known. */
export type CallText = (accessorLocal: string) => string;

/** `new X(...)`: a call put in place of X needs parentheses to keep its meaning. */
function isConstructed(node: ts.Expression): boolean {
  return ts.isNewExpression(node.parent) && node.parent.expression === node;
}

export class FileMigration {
  readonly splices: Splice[] = [];
  readonly warnings: Warning[] = [];
  /** Uses of top-level bindings of the constant, rewritten once the accessor's local name is known. */
  readonly calls: { node: ts.Identifier; text: CallText }[] = [];
  readonly usage = new Map<ConstantBinding, Usage>();
  /** Export constructs handing the constant on, with the offset of their first mention. */
  readonly exportSites = new Map<ts.Node, { site: ExportSite; at: number }>();
  readonly listEdits = new Map<ts.NodeArray<ts.Node>, Map<ts.Node, ListEdit>>();
  exportsConstant = false;
  usedProviders: string[] = [];

  constructor(
    readonly sourceFile: ts.SourceFile,
    readonly text: string,
    readonly fileName: string,
    readonly options: MigrationNames,
    readonly layout: Layout,
  ) {}

  private freeName: string | undefined;

  /** The accessor's name, or `accessor_N` when the name is already taken in this file. */
  freeAccessorName(): string {
    if (this.freeName) return this.freeName;
    const { accessor } = this.options;
    if (!this.text.includes(accessor)) return (this.freeName = accessor);
    const taken = identifierNames(this.sourceFile);
    let name = accessor;
    for (let i = 1; taken.has(name); i++) name = `${accessor}_${i}`;
    return (this.freeName = name);
  }

  warn(offset: number, code: string, message: string): void {
    this.warnings.push(warningAt(SOURCE_NAME, this.fileName, this.text, offset, code, message));
  }

  moduleLevel(ref: Reference, rewrittenAs: string): void {
    if (!ref.moduleLevel) return;
    this.warn(ref.id.getStart(), 'module-level-read',
      `${rewrittenAs} at module level: evaluated once at module load; will not follow a user switch`);
  }

  editList(elements: ts.NodeArray<ts.Node>, element: ts.Node, edit: ListEdit): void {
    let edits = this.listEdits.get(elements);
    if (!edits) this.listEdits.set(elements, (edits = new Map()));
    if (!edits.has(element)) edits.set(element, edit);
  }

  use(binding: ConstantBinding, kind: keyof Usage): void {
    const u = this.usage.get(binding) ?? { rewritten: 0, kept: 0 };
    u[kind]++;
    this.usage.set(binding, u);
  }

  /** A reference to a name bound to the constant: handed to `emit` as a call, or kept with a warning. */
  constantReference(ref: Reference, emit: (node: ts.Identifier, text: CallText) => void): keyof Usage {
    const { constant, accessor } = this.options;
    const name = ref.id.text;
    switch (ref.kind) {
      case 'read':
        emit(ref.id, (local) => (isConstructed(ref.id) ? `(${local}())` : `${local}()`));
        this.moduleLevel(ref, `${accessor}()`);
        return 'rewritten';
      case 'shorthand':
        emit(ref.id, (local) => `${name}: ${local}()`);
        this.moduleLevel(ref, `${accessor}()`);
        return 'rewritten';
      case 'type-query':
        this.warn(ref.id.getStart(), 'typeof-in-type',
          `typeof ${name} in a type is left as is (${constant} stays exported, deprecated); ReturnType<typeof ${accessor}> is the lasting form`);
        return 'kept';
      default:
        this.warn(ref.id.getStart(), 'unhandled-reference', `${name} is used here in a way an accessor call cannot replace; left unchanged, migrate it by hand`);
        return 'kept';
    }
  }

  /** A reference to a namespace-like binding of the settings module: only `ns.CONSTANT` matters. */
  namespaceReference(ref: Reference): void {
    const { constant } = this.options;
    const parent = ref.id.parent;
    if (ref.kind !== 'type-query' && ts.isPropertyAccessExpression(parent) && parent.name.text === constant) this.memberRead(parent, ref);
    else if (ref.kind === 'type-query' && ts.isQualifiedName(parent) && parent.right.text === constant) {
      this.warn(ref.id.getStart(), 'typeof-in-type', `typeof ${parent.getText()} in a type is left as is (${constant} stays exported, deprecated)`);
    }
  }

  /** `ns.CONSTANT` becomes `ns.accessor()`. */
  memberRead(member: ts.PropertyAccessExpression, ref: Reference): void {
    const { accessor } = this.options;
    if (isWriteTarget(member)) {
      this.warn(member.getStart(), 'unhandled-reference', `${member.getText()} is assigned here; left unchanged, migrate it by hand`);
      return;
    }
    // `new s.X()` must become `new (s.getUserId())()`, not construct the accessor.
    const constructed = isConstructed(member);
    if (constructed) this.splices.push({ start: member.getStart(), end: member.getStart(), text: '(' });
    this.splices.push({ start: member.name.getStart(), end: member.name.end, text: constructed ? `${accessor}())` : `${accessor}()` });
    this.moduleLevel(ref, `${member.expression.getText()}.${accessor}()`);
  }
}
