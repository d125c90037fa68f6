// manager-class: a `*Manager` class (or `*Manager.ts` module) that does heavy work on the main
// thread, which the seed moves into daemons reached by message passing. The name alone says
// nothing: an event bus, a thin wrapper over Commands.execute or an in-memory helper is fine. The
// rule reports a manager by evidence (it starts timers or polls, opens SQLite, does synchronous
// file or process I/O, or runs nested loops), never inside daemon dirs (the daemons are where the
// work belongs) and never an event bus or emitter. The message names the evidence.
import path from 'node:path';
import type ts from 'typescript';
import picomatch from 'picomatch';
import { typescript } from '../../parse/ts-api.js';
import { moduleBindings, nodesOf, resolveModuleBinding, type ModuleBinding } from '../../parse/ts-bindings.js';
import type { LintProfile, LintRule, RuleMatch, TsParsedFile } from '../types.js';
import { directDbMatches, SQLITE_MODULES } from './direct-db.js';
import { tsMatch } from './match.js';
import { checkKeys, matchesGlobs, stringList } from './options.js';
import { TOKEN_GAP } from './prefilter-text.js';
import { pollingMatches, pollingTimeout } from './polling-timeout.js';

export interface ManagerClassOptions {
  /**
   * Allowed managers: an entry with a `/` is a glob over project-relative paths; any other entry
   * is a class-name pattern (`UserDirectoryManager`, `*PathManager`).
   */
  allow: string[];
  /** Globs of daemon code, where managers do the work they are meant to do. */
  daemonDirs: string[];
}

const MANAGER_FILE = /Manager\.(?:[cm]?[jt]s|[jt]sx)$/;
const SYNC_IO_MODULES = new Set(['fs', 'node:fs', 'fs-extra', 'graceful-fs', 'child_process', 'node:child_process']);
const EVENT_BUS_NAME = /Event|Emitter|Subscription|Listener|PubSub|Bus$/;
const EVENT_BUS_BASE = /Emitter|EventTarget|EventBus|Subject/;
const EVENT_BUS_METHODS = new Set(['on', 'off', 'once', 'emit', 'subscribe', 'unsubscribe', 'publish', 'trigger', 'addListener', 'removeListener', 'addEventListener', 'removeEventListener', 'dispatchEvent']);

const ADVICE: Record<LintProfile, string> = {
  continuum: 'move the work into a daemon reached through Commands.execute',
  persag: 'move the work off the main thread (a worker or a service) or make it event-driven',
  generic: 'move the work off the main thread (a worker or a service) or make it event-driven',
};

function nameAllowed(name: string, allow: readonly string[]): boolean {
  return allow.some((a) => !a.includes('/') && picomatch.isMatch(name, a));
}

function pathAllowed(file: string, allow: readonly string[]): boolean {
  return matchesGlobs(file, allow.filter((a) => a.includes('/')));
}

function isEventBus(cls: ts.ClassLikeDeclaration, name: string): boolean {
  if (EVENT_BUS_NAME.test(name.replace(/Manager$/, ''))) return true;
  const bases = cls.heritageClauses?.filter((h) => h.token === typescript.SyntaxKind.ExtendsKeyword).flatMap((h) => h.types.map((t) => t.expression.getText())) ?? [];
  if (bases.some((b) => EVENT_BUS_BASE.test(b))) return true;
  const methods = cls.members.filter((m) => typescript.isMethodDeclaration(m) && typescript.isIdentifier(m.name) && EVENT_BUS_METHODS.has(m.name.text));
  return methods.length >= 2;
}

/** One kind of main-thread work and where it first shows. */
interface Evidence {
  what: string;
  at: number;
}

type Range = { pos: number; end: number; inside: (node: ts.Node) => boolean };

function isLoop(node: ts.Node): boolean {
  return typescript.isForStatement(node) || typescript.isForOfStatement(node) || typescript.isForInStatement(node) || typescript.isWhileStatement(node) || typescript.isDoStatement(node);
}

/** A loop inside another loop of the same function: work that grows with the square of the data. */
function isNestedLoop(node: ts.Node): boolean {
  if (!isLoop(node)) return false;
  for (let cur = node.parent; cur; cur = cur.parent) {
    if (typescript.isFunctionLike(cur) || typescript.isClassLike(cur)) return false;
    if (isLoop(cur)) return true;
  }
  return false;
}

/** `fs.readFileSync(...)`, `readdirSync(...)` imported from fs, `execSync(...)` from child_process. */
function syncIoCall(node: ts.Node, bindings: readonly ModuleBinding[]): string | undefined {
  if (!typescript.isCallExpression(node)) return undefined;
  const callee = node.expression;
  if (typescript.isPropertyAccessExpression(callee) && /Sync$/.test(callee.name.text) && typescript.isIdentifier(callee.expression)) {
    const b = resolveModuleBinding(bindings, node, callee.expression.text);
    return b && SYNC_IO_MODULES.has(b.module) ? `${callee.expression.text}.${callee.name.text}` : undefined;
  }
  if (typescript.isIdentifier(callee) && /Sync$/.test(callee.text)) {
    const b = resolveModuleBinding(bindings, node, callee.text);
    return b && SYNC_IO_MODULES.has(b.module) ? callee.text : undefined;
  }
  return undefined;
}

function evidenceIn(file: TsParsedFile, range: Range, profile: LintProfile): Evidence[] {
  const sf = file.sourceFile;
  const bindings = moduleBindings(sf);
  const sqlite = bindings.filter((b) => SQLITE_MODULES.has(b.module) && !b.typeOnly);
  const found = new Map<string, Evidence>();
  const note = (kind: string, what: string, at: number): void => {
    if (!found.has(kind)) found.set(kind, { what, at });
  };
  for (const m of pollingMatches(file, pollingTimeout.defaultOptions, profile)) {
    if (m.start >= range.pos && m.start < range.end) note('timer', `starts a timer or polls (${sf.text.slice(m.start, m.end).split('(')[0]})`, m.start);
  }
  for (const m of directDbMatches(file, profile)) {
    if (m.start >= range.pos && m.start < range.end) note('db', 'opens SQLite directly', m.start);
  }
  for (const node of nodesOf(sf)) {
    if (node.pos < range.pos || node.end > range.end || !range.inside(node)) continue;
    if (typescript.isIdentifier(node) && sqlite.some((b) => b.local === node.text) && resolveModuleBinding(bindings, node, node.text)) {
      note('db', 'opens SQLite directly', node.getStart());
    }
    const io = syncIoCall(node, bindings);
    if (io) note('io', `synchronous I/O (${io})`, node.getStart());
    if (isNestedLoop(node)) note('loop', 'nested loops', node.getStart());
  }
  return [...found.values()].sort((a, b) => a.at - b.at);
}

function describe(evidence: readonly Evidence[], sf: ts.SourceFile): string {
  return evidence.map((e) => `${e.what} at line ${sf.getLineAndCharacterOfPosition(e.at).line + 1}`).join('; ');
}

function detect(file: TsParsedFile, options: ManagerClassOptions, profile: LintProfile): RuleMatch[] {
  const out: RuleMatch[] = [];
  const sf = file.sourceFile;
  const classes: ts.ClassLikeDeclaration[] = [];
  for (const node of nodesOf(sf)) {
    if ((typescript.isClassDeclaration(node) || typescript.isClassExpression(node)) && node.name && /Manager$/.test(node.name.text)) classes.push(node);
  }
  for (const cls of classes) {
    const name = cls.name!.text;
    if (nameAllowed(name, options.allow) || isEventBus(cls, name)) continue;
    const evidence = evidenceIn(file, { pos: cls.pos, end: cls.end, inside: () => true }, profile);
    if (evidence.length > 0) out.push(tsMatch(cls.name!, `${name} does heavy work on the main thread: ${describe(evidence, sf)}; ${ADVICE[profile]}`));
  }
  // A *Manager file without a *Manager class (functions, an object literal) is still a manager module.
  const fileName = path.posix.basename(file.path);
  const base = fileName.replace(/\.[^.]+$/, '');
  if (classes.length === 0 && MANAGER_FILE.test(fileName) && !nameAllowed(base, options.allow) && !EVENT_BUS_NAME.test(base.replace(/Manager$/, ''))) {
    const outsideClasses = (node: ts.Node): boolean => {
      for (let cur: ts.Node | undefined = node; cur; cur = cur.parent) if (typescript.isClassLike(cur)) return false;
      return true;
    };
    const evidence = evidenceIn(file, { pos: 0, end: sf.end, inside: outsideClasses }, profile);
    if (evidence.length > 0) out.push({ start: 0, end: 0, message: `${fileName} is a *Manager module doing heavy work on the main thread: ${describe(evidence, sf)}; ${ADVICE[profile]}` });
  }
  return out;
}

export const managerClass: LintRule<ManagerClassOptions> = {
  id: 'manager-class',
  description: '*Manager classes and modules that do heavy work on the main thread (timers, direct SQLite, synchronous I/O, nested loops)',
  why: 'A manager that polls, blocks on I/O or crunches data on the main thread stalls everything else the process does.',
  fix: 'Move the work off the main thread (a worker or a service) or make it event-driven; allowlist lightweight utilities with the "allow" option.',
  advice: {
    continuum: {
      why: 'Managers doing heavy work on the main thread duplicate what the daemons (DataDaemon, UserDaemon) already provide with message-passing concurrency.',
      fix: 'Move the work into a daemon and call it with Commands.execute(...); keep only lightweight path utilities (allowlist them with the "allow" option).',
    },
  },
  docsAnchor: 'manager-class',
  defaultSeverity: 'warn',
  profiles: ['continuum'],
  defaultOptions: { allow: ['UserDirectoryManager'], daemonDirs: ['daemons/**'] },
  languages: ['ts'],
  // A class named *Manager (escapes in the name allowed), or a *Manager file.
  prefilter: () => ({ text: new RegExp(`\\bclass\\b${TOKEN_GAP}[\\w$\\\\]*Manager\\b`), path: MANAGER_FILE, inCode: true }),
  resolveOptions(raw) {
    checkKeys(raw, ['allow', 'daemonDirs']);
    const d = managerClass.defaultOptions;
    return { allow: stringList(raw, 'allow', d.allow), daemonDirs: stringList(raw, 'daemonDirs', d.daemonDirs) };
  },
  appliesTo: (file, options) => !pathAllowed(file, options.allow) && !matchesGlobs(file, options.daemonDirs),
  detect: (file, options, { profile }) => (file.language === 'ts' ? detect(file, options, profile) : []),
};
