// One file's migration, built up while its references are classified: the splices, the
// warnings, and the bookkeeping that decides how import lists change at the end.
import type ts from 'typescript';
import { typescript } from '../../parse/ts-api.js';
import type { Splice, Warning } from '../../plan/types.js';
import { warningAt } from '../shared/warnings.js';
import { isPlainElement, type ConstantBinding, type TrackedModule } from './bindings.js';
import type { ExportSite } from './exports.js';
import { lineIndentAt, type Layout } from './layout.js';
import type { ListEdit } from './lists.js';
import { identifierNames, isWriteTarget, type Reference } from './scope.js';

export const SOURCE_NAME = 'user-id-ts';

export interface MigrationNames {
  constant: string;
  accessor: string;
  /** Project-relative path of the settings module, for messages. */
  settingsModule?: string;
}

export interface Usage {
  rewritten: number;
  kept: number;
  /** Kept uses that read the value (not `typeof` in a type, not an export handing it on). */
  keptReads: number;
}

/** The text standing for a read, given the expression that now yields the value (a call, or a local holding it). */
export type ReadText = (value: string) => string;

/** A read of the constant, rewritten once the accessor's local name is known and the reads per function are counted. */
export interface ValueRead {
  node: ts.Node;
  render: ReadText;
  /** The accessor call that yields the value, given the accessor's top-level local name. */
  call(accessorLocal: string): string;
  /** It needs the accessor imported at the top of the file. */
  topLevel: boolean;
}

/** `new X(...)`: a call put in place of X needs parentheses to keep its meaning. */
function isConstructed(node: ts.Expression): boolean {
  return typescript.isNewExpression(node.parent) && node.parent.expression === node;
}

export class FileMigration {
  readonly splices: Splice[] = [];
  readonly warnings: Warning[] = [];
  /** Uses of top-level bindings of the constant, rewritten once the accessor's local name is known. */
  readonly reads: ValueRead[] = [];
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

  moduleLevel(at: ts.Node, moduleLevel: boolean, rewrittenAs: string): void {
    if (!moduleLevel) return;
    this.warn(at.getStart(), 'module-level-read',
      `${rewrittenAs} at module level: evaluated once at module load; will not follow a user switch`);
  }

  /** A read of a constant of the same name from a module that is not the settings module: reported, never rewritten. */
  foreign(at: ts.Node, module: TrackedModule): void {
    const { constant, settingsModule } = this.options;
    const settings = settingsModule ? ` (${settingsModule})` : '';
    this.warn(at.getStart(), 'not-settings-module',
      `${constant} from '${module.specifier}' is not the settings module's${settings}; left as is. If it is the user id, import it from the settings module, else suppress static-user-id here`);
  }

  editList(elements: ts.NodeArray<ts.Node>, element: ts.Node, edit: ListEdit): void {
    let edits = this.listEdits.get(elements);
    if (!edits) this.listEdits.set(elements, (edits = new Map()));
    if (!edits.has(element)) edits.set(element, edit);
  }

  use(binding: ConstantBinding, kind: keyof Usage): void {
    const u = this.usage.get(binding) ?? { rewritten: 0, kept: 0, keptReads: 0 };
    u[kind]++;
    this.usage.set(binding, u);
  }

  /** A reference to a name bound to the constant: handed to `emit` as a read, or kept with a warning. */
  constantReference(ref: Reference, emit: (node: ts.Identifier, render: ReadText) => void): keyof Usage {
    const { constant, accessor } = this.options;
    const name = ref.id.text;
    switch (ref.kind) {
      case 'read':
        emit(ref.id, (value) => (isConstructed(ref.id) ? `(${value})` : value));
        this.moduleLevel(ref.id, ref.moduleLevel, `${accessor}()`);
        return 'rewritten';
      case 'shorthand':
        emit(ref.id, (value) => `${name}: ${value}`);
        this.moduleLevel(ref.id, ref.moduleLevel, `${accessor}()`);
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

  /** `m.CONSTANT` / `m['CONSTANT']` becomes `m.accessor()`. */
  memberRead(member: ts.PropertyAccessExpression | ts.ElementAccessExpression, moduleLevel: boolean): void {
    const { accessor } = this.options;
    if (isWriteTarget(member)) {
      this.warn(member.getStart(), 'unhandled-reference', `${member.getText()} is assigned here; left unchanged, migrate it by hand`);
      return;
    }
    // `new s.X()` must become `new (s.getUserId())()`, not construct the accessor.
    const constructed = isConstructed(member);
    const dot = member.questionDotToken ? '?.' : '.';
    const object = member.expression.getText();
    this.reads.push({ node: member, topLevel: false, call: () => `${object}${dot}${accessor}()`, render: (value) => (constructed ? `(${value})` : value) });
    this.moduleLevel(member, moduleLevel, `${member.expression.getText()}.${accessor}()`);
  }

  /** `const { CONSTANT: x, ...others } = m` becomes `const x = m.accessor();` followed by the others' destructuring. */
  destructure(declaration: ts.VariableDeclaration, element: ts.BindingElement, moduleLevel: boolean): void {
    const { constant, accessor } = this.options;
    const list = declaration.parent;
    const statement = list.parent;
    const pattern = declaration.name as ts.ObjectBindingPattern;
    const simple = isPlainElement(element) && typescript.isVariableStatement(statement) && !statement.modifiers?.length
      && typescript.isVariableDeclarationList(list) && list.declarations.length === 1 && !declaration.type;
    if (!simple || !isPlainElement(element)) {
      this.warn(element.getStart(), 'unhandled-reference', `${constant} is destructured here in a form the codemod does not rewrite; migrate it by hand`);
      return;
    }
    const keyword = list.flags & typescript.NodeFlags.Const ? 'const' : list.flags & typescript.NodeFlags.Let ? 'let' : 'var';
    const object = declaration.initializer!.getText();
    const read = `${keyword} ${element.name.text} = ${object}.${accessor}()${this.layout.semi}`;
    const start = statement.getStart();
    if (pattern.elements.length === 1) this.splices.push({ start, end: statement.end, text: read });
    else {
      this.splices.push({ start, end: start, text: `${read}${this.layout.eol}${lineIndentAt(this.text, start)}` });
      this.editList(pattern.elements, element, { kind: 'remove' });
    }
    this.moduleLevel(element, moduleLevel, `${object}.${accessor}()`);
  }
}
