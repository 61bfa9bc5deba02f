/**
 * Fault injection for the crash tests (test/bourse.crash.test.ts): when SPRFP_FAULT_CRASH_AFTER_PAYMENT names
 * a file that does not exist yet, the worker process dies (SIGKILL) right after a payment is committed and
 * before the activity reports, once. The same variable as the trainee pay's hook (one switch, one marker).
 * Never set in production.
 */
import { existsSync, writeFileSync } from 'node:fs';

export function crashAfterPaymentWriteIfAsked(): void {
  const marker = process.env.SPRFP_FAULT_CRASH_AFTER_PAYMENT;
  if (!marker || existsSync(marker)) return;
  writeFileSync(marker, String(process.pid));
  process.kill(process.pid, 'SIGKILL');
}
