import { describe, expect, it } from 'vitest';
import type { Relocation } from '../../plan/types.js';
import { mayNameMovedFile, relocatePath, type PathPiece } from './relocate.js';

const project = (path: string) => ({ root: 'project' as const, path });
const home = (path: string) => ({ root: 'home' as const, path });
const continuum: Relocation[] = [
  { source: 'continuum-users', type: 'dir', from: project('.continuum/personas'), to: project('.continuum/users') },
  { source: 'continuum-users', type: 'dir', from: project('.continuum/personas/{userId}'), to: project('.continuum/users/{userId}') },
  { source: 'continuum-users', type: 'file', from: project('.continuum/personas/{userId}/state.sqlite'), to: project('.continuum/users/{userId}/data/longterm.db') },
  { source: 'continuum-users', type: 'file', from: project('.continuum/personas/{userId}/memory/longterm.db'), to: project('.continuum/users/{userId}/data/longterm.db') },
];
const persag: Relocation[] = [
  { source: 'persag-home', type: 'file', from: project('env.userid'), to: home('.persag/env.userid') },
  { source: 'persag-home', type: 'dir', from: project('lightrag_server'), to: home('.persag/lightrag_server') },
];
const t = (text: string): PathPiece => ({ text });
const d = (dynamic: number): PathPiece => ({ dynamic });

describe('relocatePath', () => {
  it('maps a legacy database under a run-time user id to the migrated name, keeping the id', () => {
    const r = relocatePath([t('.continuum/personas/'), d(0), t('/state.sqlite')], continuum, 'root');
    expect(r).toMatchObject({ kind: 'rewrite', before: [], after: [t('.continuum/users/'), d(0), t('/data/longterm.db')] });
  });

  it('maps a persona dir and keeps what follows it', () => {
    const r = relocatePath([t('./.continuum/personas/'), d(3), t('/config/settings.json')], continuum, 'root');
    expect(r).toMatchObject({ kind: 'rewrite', after: [t('.continuum/users/'), d(3), t('/config/settings.json')] });
  });

  it('maps join-style pieces with a literal id and a trailing slash', () => {
    const r = relocatePath([t('.continuum'), t('/'), t('personas'), t('/'), t('ab12'), t('/'), t('memory/longterm.db')], continuum, 'root');
    expect(r).toMatchObject({ kind: 'rewrite', after: [t('.continuum/users/ab12/data/longterm.db')] });
    expect(relocatePath([t('.continuum/personas/')], continuum, 'root')).toMatchObject({ after: [t('.continuum/users/')] });
  });

  it('reports a run-time file name under a persona dir whose databases move elsewhere', () => {
    const r = relocatePath([t('.continuum/personas/'), d(0), t('/'), d(1)], continuum, 'root');
    expect(r).toMatchObject({ kind: 'ambiguous' });
  });

  it('follows a floating base to a location that moves to another root', () => {
    const r = relocatePath([d(0), t('/lightrag_server/docker-compose.yml')], persag, 'floating');
    expect(r).toMatchObject({ kind: 'rewrite', before: [d(0), t('/')], after: [t('.persag/lightrag_server/docker-compose.yml')] });
    expect(r && r.relocation.to.root).toBe('home');
  });

  it('leaves paths that name nothing that moves', () => {
    expect(relocatePath([t('.continuum/users/'), d(0)], continuum, 'root')).toBeUndefined();
    expect(relocatePath([t('src/env.userid.ts')], persag, 'root')).toBeUndefined();
    expect(relocatePath([d(0), t('/'), d(1)], continuum, 'root')).toBeUndefined();
    expect(relocatePath([t('lightrag_server_backup')], persag, 'floating')).toBeUndefined();
    // A floating match needs the location's own first segment, not a look-alike inside a name.
    expect(relocatePath([d(0), t('/old-lightrag_server')], persag, 'floating')).toBeUndefined();
  });

  it('does not take a dot-file for a user id', () => {
    expect(relocatePath([t('.continuum/personas/.DS_Store')], continuum, 'root')).toMatchObject({ kind: 'rewrite', after: [t('.continuum/users/.DS_Store')] });
  });

  it('reports a glob or a name built at run time that may spell a moved dir under an unknown base', () => {
    expect(relocatePath([d(0), t('/lightrag_'), d(1)], persag, 'floating')).toMatchObject({ kind: 'ambiguous' });
    expect(relocatePath([d(0), t('/'), d(1)], persag, 'floating')).toBeUndefined();
  });

  it('leaves a floating path that already points into the new location', () => {
    expect(relocatePath([d(0), t('/.persag/lightrag_server/data')], persag, 'floating')).toBeUndefined();
    expect(relocatePath([d(0), t('/other/lightrag_server/data')], persag, 'floating')).toMatchObject({ kind: 'rewrite' });
  });

  it('keeps a leading ./ of a root-relative path', () => {
    expect(relocatePath([t('./.continuum/personas/'), d(0)], continuum, 'root')).toMatchObject({ before: [t('./')], after: [t('.continuum/users/'), d(0)] });
  });
});

describe('mayNameMovedFile', () => {
  it('flags a moved file name under a base that cannot be followed', () => {
    expect(mayNameMovedFile([d(0), t('/state.sqlite')], continuum)?.to.path).toBe('.continuum/users/{userId}/data/longterm.db');
    expect(mayNameMovedFile([d(0), t('/memory/longterm.db')], continuum)).toBeDefined();
    expect(mayNameMovedFile([t('state.sqlite')], continuum)).toBeDefined();
  });

  it('spares the new layout, files placed under a literal dir, and other names', () => {
    expect(mayNameMovedFile([d(0), t('/data/longterm.db')], continuum)).toBeUndefined();
    expect(mayNameMovedFile([t('cache/state.sqlite')], continuum)).toBeUndefined();
    expect(mayNameMovedFile([d(0), t('/state.sqlite.bak')], continuum)).toBeUndefined();
    expect(mayNameMovedFile([d(0), t('/lightrag_server')], persag)).toBeUndefined();
  });
});
