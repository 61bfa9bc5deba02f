/** Drives a case through part 1 (repérage → entrée) with the workflow's own updates. */
import { createCase } from '../../api/parcours/create-case';
import type { ParcoursDelays } from '../../workflows/parcours/messages';
import {
  confirmerEntree, deciderPositionnement, enregistrerPositionnement, etablirRemuneration, planifierPositionnement,
  type ProfilRemuneration,
} from '../../workflows/parcours/messages';
import { createSession, newPerson } from './fixtures';
import type { TimeSkippingSystem } from './timeskipping';

export const CASEWORKER = 'caseworker:agent-12';

export const FULL_TIME_PROFILE: ProfilRemuneration = { priorWork: { monthsInLast12: 0, monthsInLast24: 0 }, situation: {}, rqth: false };

export async function enterTraining(sys: TimeSkippingSystem, entryDate: string, delays: Partial<ParcoursDelays>,
  opts: { person?: ReturnType<typeof newPerson>; sessionDays?: number } = {}): Promise<string> {
  const session = await createSession(sys.orm, sys.catalogue.organisme, entryDate, opts.sessionDays);
  const { caseId } = await createCase(sys.ctx, { person: opts.person ?? newPerson(), sessionId: session.id, actor: CASEWORKER,
    referentEmail: 'referent@normandie.test', delays });
  const h = sys.handle(caseId);
  await h.executeUpdate(planifierPositionnement, { args: [{ actor: CASEWORKER, scheduledAt: `${entryDate}T09:00:00.000Z` }] });
  await h.executeUpdate(enregistrerPositionnement, { args: [{ actor: CASEWORKER, results: { scores: {}, avis: 'favorable' } }] });
  await h.executeUpdate(deciderPositionnement, { args: [{ actor: CASEWORKER, decision: { outcome: 'admis' } }] });
  await h.executeUpdate(confirmerEntree, { args: [{ actor: `organisme:${sys.catalogue.organisme.id}`, entryDate }] });
  return caseId;
}

/** The pay file as the API writes it (bank details in PostgreSQL), then the update. */
export async function establishPay(sys: TimeSkippingSystem, caseId: string, profile = FULL_TIME_PROFILE): Promise<void> {
  await sys.rows(`insert into bank_account (dossier_id, iban, recorded_by) values (?, ?, ?) on conflict (dossier_id) do nothing`,
    [caseId, 'FR7630006000011234567890189', CASEWORKER]);
  await sys.rows(`insert into remuneration_dossier (dossier_id, rythme, profile, recorded_by) values (?, ?, ?, ?)
    on conflict (dossier_id) do nothing`, [caseId, 'temps_plein', JSON.stringify(profile), CASEWORKER]);
  await sys.handle(caseId).executeUpdate(etablirRemuneration, { args: [{ actor: CASEWORKER, profile, rythme: 'temps_plein', indemniseARE: false }] });
}

/** Skips the test server's clock to an instant (time skipping: days pass in milliseconds). */
export async function skipTo(sys: TimeSkippingSystem, isoInstant: string): Promise<void> {
  const delta = Date.parse(isoInstant) - (await sys.env.currentTimeMs());
  if (delta > 0) await sys.env.sleep(delta);
}

/** Activities run in real time while the clock is stopped: wait for their effect. */
export async function eventually<T>(read: () => Promise<T>, accept: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`not reached in ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Skips to the next given day of the year (MM-DD, 08:00 UTC), so worked examples keep their calendar. */
export async function skipToNext(sys: TimeSkippingSystem, monthDay: string): Promise<string> {
  const now = await sys.env.currentTimeMs();
  let year = new Date(now).getUTCFullYear();
  while (Date.parse(`${year}-${monthDay}T08:00:00.000Z`) < now) year += 1;
  const day = `${year}-${monthDay}`;
  await skipTo(sys, `${day}T08:00:00.000Z`);
  return day;
}
