// Rewrites the host paths of a docker compose file in place: each changed value is spliced at
// the YAML parser's source range in the quoting style it was written in, so comments, key
// order, indentation and every other value stay byte for byte. The result is parsed again and
// must equal the original with exactly the intended values changed.
import { isDeepStrictEqual } from 'node:util';
import { isMap, isScalar, isSeq, parseDocument, type Document, type Scalar } from 'yaml';
import type { Splice } from '../../plan/types.js';
import { applySplices } from '../../plan/text.js';

/** What a host path, as written in the file, becomes; undefined keeps it. */
export type MapHostPath = (written: string) => string | undefined;

export type ComposeRewrite =
  | { ok: true; splices: Splice[]; changes: { from: string; to: string; line: number }[] }
  | { ok: false; message: string; line?: number };

class ComposeError extends Error {
  constructor(message: string, readonly node: Scalar) {
    super(message);
  }
}

interface Change {
  node: Scalar;
  value: string;
}

const lineAt = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;

/** A host path that compose resolves against the compose file's directory. */
function isRelativeHostPath(p: string): boolean {
  return p !== '' && !p.startsWith('/') && !p.startsWith('~') && !p.includes('${') && !p.includes('://') && !/^[A-Za-z]:[\\/]/.test(p);
}

/** `./data:/data:ro` -> the host part, when the short volume syntax names a host path. */
function shortVolumeHost(spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined; // a named volume or an absolute/env path
  const colon = spec.indexOf(':');
  return colon === -1 ? undefined : spec.slice(0, colon);
}

function child(node: unknown, key: string): unknown {
  return isMap(node) ? node.get(key, true) : undefined;
}

function stringScalar(node: unknown): Scalar<string> | undefined {
  return isScalar(node) && typeof node.value === 'string' ? (node as Scalar<string>) : undefined;
}

/** Every scalar holding a host path, with a function turning the node's value into the new value. */
function hostPathNodes(doc: Document): { node: Scalar<string>; rewrite: (map: MapHostPath) => string | undefined }[] {
  const out: { node: Scalar<string>; rewrite: (map: MapHostPath) => string | undefined }[] = [];
  const plainPath = (node: unknown): void => {
    const s = stringScalar(node);
    if (s && isRelativeHostPath(s.value)) out.push({ node: s, rewrite: (map) => map(s.value) });
  };
  const pathOrList = (node: unknown, key?: string): void => {
    const items = isSeq(node) ? node.items : [node];
    for (const item of items) plainPath(key && isMap(item) ? child(item, key) : item);
  };
  const services = child(doc.contents, 'services');
  if (isMap(services)) {
    for (const pair of services.items) {
      const service = pair.value;
      const volumes = child(service, 'volumes');
      for (const v of isSeq(volumes) ? volumes.items : []) {
        const s = stringScalar(v);
        const host = s && shortVolumeHost(s.value);
        if (s && host !== undefined) {
          out.push({ node: s, rewrite: (map) => {
            const to = map(host);
            if (to?.includes(':')) throw new ComposeError(`host path ${to} contains ":", which the short volume syntax cannot hold`, s);
            return to === undefined ? undefined : to + s.value.slice(host.length);
          } });
        } else if (isMap(v) && (stringScalar(child(v, 'type'))?.value ?? 'bind') === 'bind') {
          plainPath(child(v, 'source'));
        }
      }
      pathOrList(child(service, 'env_file'), 'path');
      const build = child(service, 'build');
      plainPath(isMap(build) ? child(build, 'context') : build);
      plainPath(child(child(service, 'extends'), 'file'));
    }
  }
  for (const top of ['configs', 'secrets']) {
    const section = child(doc.contents, top);
    if (isMap(section)) for (const pair of section.items) plainPath(child(pair.value, 'file'));
  }
  const include = child(doc.contents, 'include');
  for (const item of isSeq(include) ? include.items : []) {
    if (isMap(item)) {
      pathOrList(child(item, 'path'));
      pathOrList(child(item, 'env_file'));
      plainPath(child(item, 'project_directory'));
    } else plainPath(item);
  }
  return out;
}

/** The value written in the node's own quoting style; undefined when that style cannot hold it. */
function render(node: Scalar, value: string): string | undefined {
  switch (node.type) {
    case 'QUOTE_DOUBLE':
      return JSON.stringify(value);
    case 'QUOTE_SINGLE':
      return `'${value.replace(/'/g, "''")}'`;
    case 'PLAIN': {
      const probe = parseDocument(`k: ${value}\n`);
      if (probe.errors.length === 0 && probe.toJS()?.k === value) return value;
      return JSON.stringify(value);
    }
    default:
      return undefined; // block scalars: too rare in compose files to rewrite safely
  }
}

export function rewriteComposeHostPaths(text: string, map: MapHostPath): ComposeRewrite {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    return { ok: false, message: e.message.split('\n')[0]!, line: e.linePos?.[0].line };
  }
  const changes: Change[] = [];
  for (const { node, rewrite } of hostPathNodes(doc)) {
    let value: string | undefined;
    try {
      value = rewrite(map);
    } catch (e) {
      if (!(e instanceof ComposeError)) throw e;
      return { ok: false, message: e.message, line: e.node.range ? lineAt(text, e.node.range[0]) : undefined };
    }
    if (value !== undefined && value !== node.value) changes.push({ node, value });
  }
  const splices: Splice[] = [];
  for (const c of changes) {
    const text2 = render(c.node, c.value);
    const range = c.node.range;
    if (text2 === undefined || !range) return { ok: false, message: `cannot rewrite ${c.node.type ?? 'this'} scalar in place`, line: range ? lineAt(text, range[0]) : undefined };
    splices.push({ start: range[0], end: range[1], text: text2 });
  }
  if (splices.length === 0) return { ok: true, splices, changes: [] };

  const reparsed = parseDocument(applySplices(text, splices));
  const report = changes.map((c) => ({ from: String(c.node.value), to: c.value, line: lineAt(text, c.node.range![0]) }));
  for (const c of changes) c.node.value = c.value;
  if (reparsed.errors.length > 0 || !isDeepStrictEqual(reparsed.toJS(), doc.toJS())) {
    return { ok: false, message: 'the rewritten file does not parse back to the intended values; left unchanged' };
  }
  return { ok: true, splices, changes: report };
}
