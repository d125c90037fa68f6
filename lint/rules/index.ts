// Every lint rule, in the order of the README rule reference.
import type { LintRule } from '../types.js';
import { directDb } from './direct-db.js';
import { legacyUserPath } from './legacy-user-path.js';
import { managerClass } from './manager-class.js';
import { pollingTimeout } from './polling-timeout.js';
import { staticUserId } from './static-user-id.js';

export const lintRules: readonly LintRule<any>[] = [staticUserId, managerClass, directDb, pollingTimeout, legacyUserPath];

export function ruleById(id: string): LintRule<any> | undefined {
  return lintRules.find((r) => r.id === id);
}
