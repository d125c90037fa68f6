// The cheapest test a codemod can run on a file: a byte search before any decoding or parsing.
// Most files of a large project never mention the constant, and these are never parsed.

/** True when any of `needles` (ASCII identifiers or paths) occurs in the raw bytes. */
export function mayContain(bytes: Uint8Array, needles: readonly string[]): boolean {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return needles.some((n) => n.length > 0 && buf.includes(n));
}
