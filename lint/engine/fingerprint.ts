// Line-independent finding identity for baselines and SARIF partialFingerprints: a hash of the
// normalised source line and matched text, plus an occurrence index among identical findings of
// the file, so that edits above a finding keep its fingerprint.
import { createHash } from 'node:crypto';

function normalise(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

export function contentHash(ruleId: string, lineText: string, matchedText: string): string {
  return createHash('sha256')
    .update(`${ruleId}\n${normalise(lineText)}\n${normalise(matchedText)}`)
    .digest('hex')
    .slice(0, 16);
}

/** Appends `:n` where n counts earlier findings (in file order) with the same hash. */
export function withOccurrence<T extends { hash: string }>(items: readonly T[]): Array<T & { fingerprint: string }> {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const n = seen.get(item.hash) ?? 0;
    seen.set(item.hash, n + 1);
    return { ...item, fingerprint: `${item.hash}:${n}` };
  });
}
