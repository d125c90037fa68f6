import { oldName } from './api';

export function run(n: number): number {
  const a = oldName(n);
  return a + oldName(oldName(1));
}
