import Database from 'better-sqlite3';

export function openPersona(id: string): Database.Database {
  // Each persona keeps its state next to its config.
  return new Database(`.continuum/users/${id}/data/longterm.db`);
}

export const personaLog = (id: string, day: string) => `./.continuum/users/${id}/logs/${day}.log`;
