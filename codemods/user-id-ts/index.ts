// The user-id codemod for TypeScript and JavaScript as an operation source: finds the
// settings module, the modules importing its constant, and returns one edit per changed file.
import type ts from 'typescript';
import { UsageError } from '../../plan/errors.js';
import { abs, loc } from '../../plan/paths.js';
import { editOp } from '../../plan/ops.js';
import { withinPaths } from '../../plan/files.js';
import type { OperationSource, PlanContext, PlanError, Info, Roots, SourceResult, Warning } from '../../plan/types.js';
import { identifierOption, sectionOptions, stringOption } from '../shared/options.js';
import { mayContain } from '../shared/prefilter.js';
import { decodeSource, readProjectBytes } from '../shared/read.js';
import { FileReader } from '../../plan/file-reader.js';
import { scanFiles } from '../../plan/byte-scan.js';
import { loadTypeScript } from '../../parse/ts-api.js';
import { sortWarnings } from '../shared/warnings.js';
import { mayDefine, mayStarExport, modulesDefining, STAR_EXPORT_NEEDLES, starBarrels, type CandidateFile } from './detect.js';
import { isDeclarationFile, parseSource, SOURCE_EXTENSIONS } from './parse.js';
import { providerResolver } from './resolve.js';
import { loadModuleAliases } from './tsconfig.js';
import { SOURCE_NAME, transformParsed, transformUserIdTs, type UserIdTsOptions, type UserIdTsResult } from './transform.js';
import { HeldResults, type HeldResult } from './held-results.js';

export { transformUserIdTs, type UserIdTsOptions, type UserIdTsResult };

export interface UserIdTsConfig {
  /** Project-relative path of the settings module; auto-detected when absent. */
  module?: string;
  constant: string;
  accessor: string;
}

/** `config.userId` overridden by the profile's / CLI's options. */
export function resolveUserIdTsConfig(ctx: Pick<PlanContext, 'config' | 'options'>): UserIdTsConfig {
  const opts = sectionOptions(ctx, 'userId');
  const module = stringOption(opts, 'module');
  return {
    ...(module ? { module: projectPathOption(module) } : {}),
    constant: identifierOption(opts, 'constant', 'USER_ID'),
    accessor: identifierOption(opts, 'accessor', 'getUserId'),
  };
}

function projectPathOption(module: string): string {
  try {
    return loc('project', module).path;
  } catch (e) {
    throw new UsageError(`userId.module: ${(e as Error).message}`);
  }
}

/**
 * Source text whose parse trees the candidates keep from the search for the settings module to
 * its transform. A tree takes about 40 times its text in memory (measured: 8 MB of generated
 * TypeScript kept 300 MB of trees), so past this they are parsed again. Trees the transform
 * parses are not kept for a later round (there is one only when some file re-exports the
 * constant): every kept tree is marked by every major GC while the other files are parsed
 * (measured: keeping the first 2 MB of 2,000 files' trees cost 17% of the plan's CPU).
 */
const KEPT_TREES_TEXT = 2 * 1024 * 1024;

/**
 * Source text the candidates keep between reading and transforming. Past this a candidate reads
 * its file again when it is transformed (and when its edit is made), so that memory does not grow
 * with the number of files that mention the constant: 100,000 of them are 400 MB of text.
 */
const KEPT_TEXT = 4 * 1024 * 1024;

class Budget {
  constructor(private left: number) {}
  take(chars: number): boolean {
    if (chars > this.left) return false;
    this.left -= chars;
    return true;
  }
}

interface Budgets {
  trees: Budget;
  texts: Budget;
}

class Candidate implements CandidateFile {
  private kept: { sourceFile: ts.SourceFile; error?: unknown } | undefined;
  private keptText: string | undefined;
  constructor(readonly file: string, text: string, readonly mayDefine: boolean, private readonly roots: Roots, private readonly budgets: Budgets) {
    if (budgets.texts.take(text.length)) this.keptText = text;
  }

  /** The decoded text: kept, or read again (a file that is no longer text reads as empty: nothing to edit). */
  get text(): string {
    if (this.keptText !== undefined) return this.keptText;
    const decoded = decodeSource(SOURCE_NAME, this.file, readProjectBytes(this.roots, this.file));
    return decoded.ok ? decoded.text : '';
  }

  /** The parse tree, or undefined when the file does not parse; kept for later calls while the budget lasts. */
  sourceFile(): ts.SourceFile | undefined {
    const parsed = this.kept ?? parseSource(this.text, this.file);
    if (!this.kept && this.budgets.trees.take(parsed.sourceFile.text.length)) this.kept = parsed;
    return parsed.error ? undefined : parsed.sourceFile;
  }

  /**
   * The candidate transformed: from its kept tree, or from a tree parsed for this call alone,
   * which the transform's last check may use up (transformUserIdTs).
   */
  transform(options: UserIdTsOptions): UserIdTsResult {
    const kept = this.kept && !this.kept.error ? this.kept.sourceFile : undefined;
    return kept ? transformParsed(kept, kept.text, this.file, options) : transformUserIdTs(this.text, this.file, options);
  }
}

interface Corpus {
  /** Text files that mention the constant. */
  mentioning: Candidate[];
  /** Text files with an `export * from`, possible barrels. */
  barrels: Candidate[];
  warnings: Warning[];
}

/**
 * Reads every file once; only files that can matter are decoded and kept. On a large project
 * another thread reads them first while this one loads the compiler, then reads again just the
 * files the scan picked.
 */
async function readCorpus(ctx: PlanContext, files: readonly string[], constant: string, targets: ReadonlySet<string>): Promise<Corpus> {
  const corpus: Corpus = { mentioning: [], barrels: [], warnings: [] };
  const budgets: Budgets = { trees: new Budget(KEPT_TREES_TEXT), texts: new Budget(KEPT_TEXT) };
  const reader = new FileReader();
  const consider = (file: string, scanned: Buffer | undefined): void => {
    let bytes: Buffer;
    try {
      bytes = scanned ?? reader.read(abs(ctx.roots, loc('project', file)));
    } catch (e) {
      if (targets.has(file)) corpus.warnings.push({ source: SOURCE_NAME, file, code: 'unreadable', message: `skipped: ${(e as Error).message}` });
      return;
    }
    const mentions = mayContain(bytes, [constant]);
    const starExports = mayStarExport(bytes);
    if (!mentions && !starExports) return;
    const decoded = decodeSource(SOURCE_NAME, file, bytes);
    if (!decoded.ok) {
      if (mentions && targets.has(file)) corpus.warnings.push(decoded.warning);
      return;
    }
    const candidate = new Candidate(file, decoded.text, mentions && mayDefine(decoded.text, constant), ctx.roots, budgets);
    if (mentions) corpus.mentioning.push(candidate);
    if (starExports) corpus.barrels.push(candidate);
  };
  ctx.progress?.(0, files.length, SOURCE_NAME);
  await scanFiles(
    { root: ctx.roots.project, files, needles: [constant, ...STAR_EXPORT_NEEDLES] },
    {
      hit: (i, bytes) => consider(files[i]!, bytes),
      progress: (upTo) => ctx.progress?.(upTo, files.length, SOURCE_NAME),
      meanwhile: loadTypeScript,
    },
  );
  return corpus;
}

/** The settings module, and whether it exports through CommonJS (a default import is then its exports). */
type Chosen = ({ module: string; commonJs: boolean } | { warning?: Warning; error?: PlanError }) & { infos?: Info[] };

function chooseSettingsModule(config: UserIdTsConfig, corpus: Corpus, files: readonly string[]): Chosen {
  if (config.module) {
    if (files.includes(config.module)) {
      const defined = modulesDefining(corpus.mentioning.filter((c) => c.file === config.module), config.constant);
      return { module: config.module, commonJs: defined[0]?.style === 'commonjs' };
    }
    return {
      error: {
        source: SOURCE_NAME,
        code: 'settings-module-missing',
        message: `userId.module ${config.module} is not a TypeScript/JavaScript file of this project (or it is ignored)`,
        paths: [config.module],
      },
    };
  }
  const found = modulesDefining(corpus.mentioning, config.constant);
  const defining = found.filter((d) => d.keyName === undefined);
  // A module whose constant is a key name is no settings module: it and its importers are left alone.
  const infos: Info[] = found.flatMap((d) => (d.keyName === undefined ? [] : [{
    source: SOURCE_NAME,
    file: d.file,
    code: 'key-name-constant',
    message: `${config.constant} = ${JSON.stringify(d.keyName)} is a key name (a mutation or action type, an event, i18n or storage key), not a user id: left as it is, and so are its importers`,
  }]));
  if (defining.length === 1) return { module: defining[0]!.file, commonJs: defining[0]!.style === 'commonjs', infos };
  if (defining.length > 1) {
    return {
      warning: {
        source: SOURCE_NAME,
        code: 'settings-module-ambiguous',
        message: `several modules define and export ${config.constant} (${defining.map((d) => d.file).join(', ')}); none was chosen, nothing is rewritten: set userId.module in the config`,
      },
      infos,
    };
  }
  if (corpus.mentioning.length === 0 || infos.length > 0) return { infos };
  return {
    warning: {
      source: SOURCE_NAME,
      code: 'settings-module-not-found',
      message: `${corpus.mentioning.length} file(s) mention ${config.constant} but no module defines and exports it; set userId.module in the config to migrate them`,
    },
  };
}

/**
 * Transforms every mentioning file, growing the set of providers (modules exporting the
 * constant) until no file adds one: importers of a barrel are then migrated like importers
 * of the settings module itself.
 */
function transformAll(corpus: Corpus, options: UserIdTsOptions, held: HeldResults): Map<Candidate, HeldResult> {
  const providers = new Set(options.providers);
  for (;;) {
    const results = new Map<Candidate, HeldResult>();
    const added = new Set(starBarrels(corpus.barrels, providers, providerResolver(providers, options.aliases)));
    for (const candidate of corpus.mentioning) {
      const result = candidate.transform({ ...options, providers: [...providers] });
      results.set(candidate, held.hold(result));
      if (result.exportsConstant && !providers.has(candidate.file)) added.add(candidate.file);
    }
    if (added.size === 0) return results;
    for (const file of added) providers.add(file);
  }
}

/**
 * Edited importers need the accessor from the providers they import from (and those providers'
 * own providers): the ones that still need edits but lie outside the paths, so that the plan
 * never leaves an import of an accessor nobody exports.
 */
function providersLeftOut(results: Map<Candidate, HeldResult>, targets: ReadonlySet<string>): string[] {
  const byFile = new Map([...results].map(([c, r]) => [c.file, r]));
  const queue = [...results].filter(([c, r]) => targets.has(c.file) && r.hasSplices).flatMap(([, r]) => r.usedProviders);
  const needed = new Set<string>();
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (needed.has(file)) continue;
    needed.add(file);
    queue.push(...(byFile.get(file)?.usedProviders ?? []));
  }
  return [...needed].filter((file) => !targets.has(file) && byFile.get(file)?.hasSplices === true).sort();
}

export const userIdTsSource: OperationSource = {
  name: SOURCE_NAME,
  category: 'code',
  async plan(ctx: PlanContext): Promise<SourceResult> {
    const config = resolveUserIdTsConfig(ctx);
    const files = (await ctx.files.list(SOURCE_EXTENSIONS)).filter((f) => !isDeclarationFile(f));
    const targets = new Set(withinPaths(files, ctx.paths));
    const corpus = await readCorpus(ctx, files, config.constant, targets);
    const warnings = [...corpus.warnings];
    const chosen = chooseSettingsModule(config, corpus, files);
    const infos: Info[] = [...(chosen.infos ?? [])];
    if (!('module' in chosen)) {
      if (chosen.warning) warnings.push(chosen.warning);
      return { operations: [], warnings, errors: chosen.error ? [chosen.error] : [], infos };
    }
    const { constant, accessor } = config;
    const { aliases, warning } = loadModuleAliases(ctx.roots.project);
    if (warning) warnings.push(warning);
    const options: UserIdTsOptions = {
      constant,
      accessor,
      settingsModule: chosen.module,
      providers: [chosen.module],
      ...(chosen.commonJs ? { commonJsModules: [chosen.module] } : {}),
      ...(infos.length > 0 ? { keyNameModules: infos.map((i) => i.file!) } : {}),
      ...(aliases ? { aliases } : {}),
    };
    const held = new HeldResults();
    try {
      const results = transformAll(corpus, options, held);
      for (const file of providersLeftOut(results, targets)) {
        targets.add(file);
        infos.push({ source: SOURCE_NAME, file, code: 'provider-outside-paths', message: `edited too, though outside the given paths: the edited files import ${accessor} from it` });
      }
      for (const [candidate, at] of results) {
        if (!targets.has(candidate.file)) continue;
        const result = held.read(at);
        if (result.parseError) warnings.push(result.parseError);
        warnings.push(...result.warnings);
        if (result.splices.length === 0) continue;
        // Into the plan's store at once: the plan keeps no edit (nor its text) in memory.
        ctx.emit(editOp(ctx.roots, { source: SOURCE_NAME }, loc('project', candidate.file), candidate.text, result.splices));
        results.delete(candidate);
      }
    } finally {
      held.close();
    }
    return { operations: [], warnings: sortWarnings(warnings), errors: [], infos };
  },
};
