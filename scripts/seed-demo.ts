/**
 * Demonstration cases for `npm start`, made through the API as people would make them, once (a second start
 * finds them and adds nothing): three trainees admitted to the session that began three months ago, entered on
 * its first day, with their pay file. A new user can then certify their past months as the training provider
 * (`POST /cases/{id}/etats-presence`), see each month paid after the correction window, and build the payment
 * file as finance (README, "A journey to a payment").
 */
import { issueToken } from '../api/auth';
import type { Config } from '../platform/config';
import { DEMO_SESSION_ID, SEED_PROVIDERS } from './seed-dev';

const TRAINEES = [
  { lastName: 'Lefèvre', firstName: 'Inès', birthDate: '2002-03-14', gender: 'F', email: 'ines.lefevre@exemple.test', postalCode: '14000' },
  { lastName: 'Moreau', firstName: 'Karim', birthDate: '1990-11-02', gender: 'M', email: 'karim.moreau@exemple.test', postalCode: '14120' },
  { lastName: 'Petit', firstName: 'Sacha', birthDate: '1999-07-21', gender: 'X', email: 'sacha.petit@exemple.test', postalCode: '14200' },
];
/** A French IBAN with valid check digits: development only. */
const DEMO_IBAN = 'FR7630006000011234567890189';

export async function seedDemo(baseUrl: string, config: Config): Promise<number> {
  const caseworker = await issueToken(config.AUTH_JWT_SECRET, { sub: 'agent-demo', role: 'caseworker', email: 'claire.martin@normandie.fr', name: 'Claire Martin' });
  const afpa = await issueToken(config.AUTH_JWT_SECRET, { sub: 'afpa-demo', role: 'organisme', org: SEED_PROVIDERS[0].id });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers of our own API, read by field
  const call = async (token: string, method: string, path: string, body?: unknown): Promise<any> => {
    const res = await fetch(`${baseUrl}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body) });
    const json = await res.json().catch(() => null);
    if (!res.ok) throw new Error(`demo seed: ${method} ${path} answered ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const existing = await call(caseworker, 'GET', `/cases?sessionId=${DEMO_SESSION_ID}`);
  if (existing.total > 0) return 0;
  const { items } = await call(caseworker, 'GET', '/sessions');
  const session = items.find((s: { id: string }) => s.id === DEMO_SESSION_ID);
  for (const person of TRAINEES) {
    const { caseId } = await call(caseworker, 'POST', '/cases', { person, sessionId: DEMO_SESSION_ID });
    await call(caseworker, 'POST', `/cases/${caseId}/positionnement`, { scheduledAt: `${session.startDate}T09:00:00+01:00` });
    await call(caseworker, 'POST', `/cases/${caseId}/positionnement/resultats`, { results: { scores: { francais: 70 }, avis: 'favorable' } });
    await call(caseworker, 'POST', `/cases/${caseId}/decision`, { decision: { outcome: 'admis' } });
    await call(afpa, 'POST', `/cases/${caseId}/entree`, { entryDate: session.startDate });
    await call(caseworker, 'POST', `/cases/${caseId}/remuneration`, { iban: DEMO_IBAN, rythme: 'temps_plein',
      profile: { priorWork: { monthsInLast12: 0, monthsInLast24: 0 }, situation: {}, rqth: false } });
  }
  return TRAINEES.length;
}
