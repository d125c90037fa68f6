import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { applySplices } from '../../plan/text.js';
import { golden } from '../../tests/helpers/plan-cycle.js';
import { rewriteComposeHostPaths, type MapHostPath } from './compose.js';

const HERE = path.dirname(new URL(import.meta.url).pathname);
const FIXTURES = path.join(HERE, '__testfixtures__');

// What the migrator does: paths leaving the moved dir become absolute project paths.
const toProject: MapHostPath = (p) => (p.startsWith('../') ? `/srv/project/${p.slice(3)}` : undefined);

function rewrite(text: string, map: MapHostPath = toProject): string {
  const res = rewriteComposeHostPaths(text, map);
  if (!res.ok) throw new Error(res.message);
  return applySplices(text, res.splices);
}

describe('compose host paths', () => {
  it('rewrites every host path form in place, keeping comments, quoting and layout', () => {
    const input = fs.readFileSync(path.join(FIXTURES, 'compose-styles.input.yml'), 'utf8');
    const output = rewrite(input);
    expect(output).toBe(golden(path.join(FIXTURES, 'compose-styles.output.yml'), output));
    // Only the host paths differ: the same number of lines, every comment kept.
    const comments = (t: string) => t.split('\n').map((l) => l.replace(/^[^#]*/, '')).filter(Boolean);
    expect(comments(output)).toEqual(comments(input));
    expect(output.split('\n')).toHaveLength(input.split('\n').length);
    const after = parse(output, { merge: true });
    expect(after.services.api.volumes.slice(1, 4)).toEqual(['/srv/project/data:/data:rw', '/srv/project/double:/d', '/srv/project/single:/s:ro']);
    expect(after.services.api.volumes[5]).toBe('/var/run/docker.sock:/var/run/docker.sock');
    expect(after.services.api.restart).toBe('unless-stopped');
  });

  it('leaves a file without paths to change byte for byte', () => {
    const text = 'services:\n  a:\n    volumes:\n      - ./x:/x   # fine\n';
    expect(rewriteComposeHostPaths(text, toProject)).toEqual({ ok: true, splices: [], changes: [] });
  });

  it('switches to double quotes when a plain scalar cannot hold the new value', () => {
    const out = rewrite('services:\n  a:\n    env_file: ../e.env # c\n', () => '/has: colon # and hash');
    expect(out).toBe('services:\n  a:\n    env_file: "/has: colon # and hash" # c\n');
  });

  it('refuses a host path the short volume syntax cannot hold, naming the line', () => {
    const res = rewriteComposeHostPaths('services:\n  a:\n    volumes:\n      - ../d:/d\n', () => '/srv/odd:name/d');
    expect(res).toEqual({ ok: false, message: expect.stringContaining('contains ":"'), line: 4 });
  });

  it('handles CRLF files', () => {
    const out = rewrite('services:\r\n  a:\r\n    volumes:\r\n      - ../d:/d\r\n');
    expect(out).toBe('services:\r\n  a:\r\n    volumes:\r\n      - /srv/project/d:/d\r\n');
  });

  it('reports a parse error with its line and changes nothing', () => {
    const res = rewriteComposeHostPaths('services:\n  a:\n    volumes: [../x:/x\n', toProject);
    expect(res).toEqual(expect.objectContaining({ ok: false, line: expect.any(Number) }));
  });

  it('refuses block scalars rather than guess their layout', () => {
    const res = rewriteComposeHostPaths('services:\n  a:\n    env_file: >-\n      ../folded.env\n', toProject);
    expect(res.ok).toBe(false);
  });
});
