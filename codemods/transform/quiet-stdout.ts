// A transform's `console.log` (Storybook's logger, a debugging line) must not land in the middle
// of `plan --json`: while transforms run in this thread, stdout writes go to stderr. Worker
// threads get the same through their piped stdout (pool.ts).
export async function withStdoutOnStderr<T>(run: () => Promise<T>): Promise<T> {
  const own = Object.prototype.hasOwnProperty.call(process.stdout, 'write');
  const write = process.stdout.write;
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
  try {
    return await run();
  } finally {
    if (own) process.stdout.write = write;
    else delete (process.stdout as { write?: unknown }).write;
  }
}
