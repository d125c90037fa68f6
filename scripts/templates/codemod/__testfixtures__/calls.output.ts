import { oldName } from './api';

export function run(n: number): number {
  const a = newName(n);
  return a + newName(newName(1));
}
