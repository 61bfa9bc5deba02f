/**
 * Transaction-level advisory locks of the ledger (released at commit or rollback).
 *
 * - The parameters lock: a pay activity holds it SHARED while it loads the parameter rows and writes what it
 *   computed from them; approving a new row holds it EXCLUSIVE. So an approval waits for the payments being
 *   written, and a payment started after it sees the new row: a row can never slip under a month being paid
 *   with the old one (the approval refuses a row dated in a month already paid).
 * - The case lock: one money change of a case at a time (a monthly payment withholding from an indu, a
 *   caseworker's remise of the same indu, a correction...), each reading what the previous one wrote.
 * Always the parameters lock first, then the case lock: no deadlock.
 */
import type { EntityManager } from '@mikro-orm/postgresql';

const PARAMETERS_KEY = 'sprfp/parametres-remuneration';

export const lockParametersShared = (tx: EntityManager): Promise<unknown> =>
  tx.execute(`select pg_advisory_xact_lock_shared(hashtext(?))`, [PARAMETERS_KEY]);

export const lockParametersExclusive = (tx: EntityManager): Promise<unknown> =>
  tx.execute(`select pg_advisory_xact_lock(hashtext(?))`, [PARAMETERS_KEY]);

export const lockCaseLedger = (tx: EntityManager, caseId: string): Promise<unknown> =>
  tx.execute(`select pg_advisory_xact_lock(hashtext(?))`, [`sprfp/ledger/${caseId.toLowerCase()}`]);
