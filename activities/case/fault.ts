/**
 * Fault injection for the crash tests (test/*crash*.test.ts): when the named environment variable names a file
 * that does not exist yet, the worker process dies (SIGKILL) right after a write is committed and before the
 * activity reports, once (the file is the marker). Never set in production.
 *   SPRFP_FAULT_CRASH_AFTER_PAYMENT     a monthly pay or a bursary instalment
 *   SPRFP_FAULT_CRASH_AFTER_PRESTATION  a sur-mesure provider's payment
 *   SPRFP_FAULT_CRASH_AFTER_STATEMENT   an attendance statement (inside the provider's update)
 */
import { existsSync, writeFileSync } from 'node:fs';

export type FaultSwitch = 'SPRFP_FAULT_CRASH_AFTER_PAYMENT' | 'SPRFP_FAULT_CRASH_AFTER_PRESTATION' | 'SPRFP_FAULT_CRASH_AFTER_STATEMENT';

export function crashAfterWriteIfAsked(fault: FaultSwitch): void {
  const marker = process.env[fault];
  if (!marker || existsSync(marker)) return;
  writeFileSync(marker, String(process.pid));
  process.kill(process.pid, 'SIGKILL');
}
