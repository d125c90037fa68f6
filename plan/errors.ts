/** Bad arguments, unknown plan ids, unreadable config: the user must change the command (exit 2). */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The tool refused to act to protect the user's data: stale plan, held lock, changed file (exit 1). */
export class SafetyError extends Error {
  override name = 'SafetyError';
  constructor(message: string, readonly details: string[] = []) {
    super(message);
  }
}

/** SIGINT or SIGTERM stopped the run between two steps; the journal says how far it got (exit 130). */
export class InterruptedError extends Error {
  override name = 'InterruptedError';
}
