// The CLI: parses arguments, calls the library, maps errors to exit codes. Nothing else.
import { createRequire } from 'node:module';
import type * as CommanderModule from 'commander';
import { InterruptedError, SafetyError, UsageError } from '../plan/errors.js';
import { describeError, isSystemError } from '../plan/fs-errors.js';
import { TOOL_VERSION } from '../plan/version.js';

// Commander is CommonJS: require() spares the ESM wrapper and the scan for its named exports.
const { Command, CommanderError } = createRequire(import.meta.url)('commander') as typeof CommanderModule;
type Command = CommanderModule.Command;

export const EXIT = { ok: 0, findings: 1, usage: 2, interrupted: 130 } as const;

type Register = (program: Command) => void;

/**
 * Each command's module, loaded only when it runs: a command imports what it drives (`plan`
 * the codemods, `apply` the executors, `lint` its rules), and a run pays for loading one.
 * In the order `--help` lists them.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  plan: async () => (await import('./commands/plan.js')).registerPlanCommand,
  apply: async () => (await import('./commands/apply.js')).registerApplyCommand,
  rollback: async () => (await import('./commands/rollback.js')).registerRollbackCommand,
  list: async () => (await import('./commands/list.js')).registerListCommand,
  plans: async () => (await import('./commands/plans.js')).registerPlansCommand,
  lint: async () => (await import('./commands/lint.js')).registerLintCommand,
  doctor: async () => (await import('./commands/doctor.js')).registerDoctorCommand,
};

/** The program's options that take a value (`--root <dir>`): the word after them is not the command. */
function valueOptions(program: Command): Set<string> {
  return new Set(program.options.filter((o) => o.required || o.optional).flatMap((o) => [o.long, o.short].filter((f): f is string => f !== undefined)));
}

/**
 * The command `argv` runs (`help plan` asks for plan's help), when it names one; undefined for
 * anything else (`--help`, `--version`, a mistyped command), which gets every command, as
 * its help and suggestions list them all.
 */
function commandNamed(argv: readonly string[], takesValue: ReadonlySet<string>): string | undefined {
  const words: string[] = [];
  for (let i = 0; i < argv.length && words.length < 2; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (takesValue.has(arg)) i++;
    else if (!arg.startsWith('-')) words.push(arg);
  }
  const name = words[0] === 'help' ? words[1] : words[0];
  return name !== undefined && Object.hasOwn(COMMANDS, name) ? name : undefined;
}

async function buildProgram(argv: readonly string[]): Promise<Command> {
  const program = new Command('migrate-users')
    .version(TOOL_VERSION)
    .description('Move a static USER_ID to a lazy accessor and per-user data to one home, as one reviewable, reversible plan.')
    .option('--root <dir>', 'project root; also where .migrate-users/ keeps plans (default: the nearest folder up from here with .git, .migrate-users, migrate-users.config.json, package.json or pyproject.toml)')
    .option('--config <file>', 'config file (default: migrate-users.config.json at the root, optional)')
    .option('--json', 'machine-readable output on stdout')
    .option('--quiet', 'only errors on stderr')
    .option('--debug', 'print stack traces')
    .option('--no-color', 'no colours (also NO_COLOR)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .addHelpText(
      'after',
      `
Workflow:
  $ migrate-users plan                        # find every change, save a plan, print its id
  $ migrate-users apply --dry-run <plan-id>   # review the diff and the moves; changes nothing
  $ migrate-users apply <plan-id>             # apply crash-safely
  $ migrate-users rollback <plan-id>          # restore the tree byte for byte
  $ migrate-users list                        # plans and their state
  $ migrate-users plans rm --older-than 30d   # remove old plans never applied or rolled back
  $ migrate-users doctor                      # check the migrated layout
  $ migrate-users lint                        # the CI step: report the anti-patterns

Exit codes: 0 ok, 1 findings / would change / refused for safety, 2 usage or internal error, 130 stopped by Ctrl-C.`,
    );
  const named = commandNamed(argv, valueOptions(program));
  for (const load of named ? [COMMANDS[named]!] : Object.values(COMMANDS)) (await load())(program);
  const overrideAll = (cmd: Command): void => {
    cmd.exitOverride().showHelpAfterError('(run with --help for usage)');
    cmd.commands.forEach(overrideAll);
  };
  program.commands.forEach(overrideAll);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    const program = await buildProgram(argv);
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are requests, not failures; commander already printed the message.
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
      return EXIT.usage;
    }
    const err = e as Error;
    if (debug) process.stderr.write(`${err.stack ?? err.message}\n`);
    if (err instanceof SafetyError) {
      process.stderr.write(`migrate-users: ${err.message}\n`);
      if (err.details.length > 1) for (const d of err.details) process.stderr.write(`  ${d}\n`);
      return EXIT.findings;
    }
    if (err instanceof InterruptedError) {
      process.stderr.write(`migrate-users: ${err.message}\n`);
      return EXIT.interrupted;
    }
    if (isSystemError(err)) {
      process.stderr.write(`migrate-users: ${describeError(err)}; fix that and run the command again${debug ? '' : ' (--debug shows where it happened)'}\n`);
      return EXIT.usage;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`migrate-users: ${err.message}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`migrate-users: internal error: ${err.message}${debug ? '' : ' (run with --debug for a stack trace)'}\n`);
    return EXIT.usage;
  }
}
