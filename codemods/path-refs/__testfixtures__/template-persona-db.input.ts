import Database from 'better-sqlite3';

export function openPersona(id: string): Database.Database {
  // Each persona keeps its state next to its config.
  return new Database(`.continuum/personas/${id}/state.sqlite`);
}

export const personaLog = (id: string, day: string) => `./.continuum/personas/${id}/logs/${day}.log`;
