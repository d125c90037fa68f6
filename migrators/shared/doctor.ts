/** One line of `migrate-users doctor`: what is wrong (or fine) with the migrated layout. */
export interface DoctorFinding {
  check: string;
  severity: 'error' | 'warn' | 'ok';
  message: string;
  path?: string;
}
