/**
 * (b) Setup of the monthly pay run (not measured): N trainees in training, with their pay file, waiting for
 * the attendance statement of the last complete month.
 *
 * Creating them through the API (case, positionnement, decision, entry, pay file: ~6 calls each) would make
 * the setup longer than the run, so the rows go in with a few set-based INSERTs, and each `parcours` workflow
 * is started directly in the state a real case reaches after its entry (input `resume`, as a continue-as-new
 * does): en formation since the 1st of the month before last, barème decided (18–25 years old, full time),
 * the avance already settled, the next month to pay being the last complete one. Its delays are the product's
 * defaults except: `paymentDelay` 1 second (2 days in production: the organisme's correction window), and the
 * statement reminders pushed past the run (with the defaults, a month already over for 5 and 15 days would
 * send a reminder and an alert per case during the setup).
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { CONTRAT_TEXT_VERSION } from '../activities/parcours/dossier';
import { determineBareme, type BaremeDecision } from '../domain/remuneration';
import { DEFAULT_REMUNERATION_PARAMETERS } from '../domain/remuneration/parameters';
import { addMonths, lastDayOf, nextPeriod, periodOf } from '../domain/dates';
import type { parcours } from '../workflows';
import {
  etatQuery, parcoursWorkflowId, type FormationState, type HistoryEntry, type ParcoursDelays, type ParcoursInput, type ParcoursState,
  type SessionRef,
} from '../workflows/parcours/messages';
import { forEachBounded } from './util';

export const BENCH_DELAYS: Partial<ParcoursDelays> = {
  paymentDelay: '1 second',
  avanceDelayDays: 0,
  statementReminderDays: 45,
  statementAlertDays: 60,
};

/** The calendar of the run, from today: entry on the 1st of the month before last, pay of the last month. */
export function payRunCalendar(today = new Date().toISOString().slice(0, 10)) {
  const current = periodOf(today);
  const entryDate = `${periodOf(addMonths(`${current}-01`, -2))}-01`;
  const period = periodOf(addMonths(`${current}-01`, -1));
  const endDate = lastDayOf(periodOf(addMonths(entryDate, 9)));
  return { entryDate, period, endDate, following: nextPeriod(period) };
}

export interface BenchCase {
  caseId: string;
  organismeId: string;
  session: SessionRef;
}

export interface Seeded {
  franceTravailId: string;
  organismeIds: string[];
  cases: BenchCase[];
  decision: BaremeDecision;
  createdBy: string;
}

const BIRTH_DATE = '2005-03-15'; // 21 at entry: barème « jeune 18–25 ans »
const ORGANISMES = 20;

/** Every row a trainee in training has, for N trainees, in one transaction. */
export async function seedTrainees(orm: MikroORM, n: number, runId: string): Promise<Seeded> {
  const { entryDate, endDate } = payRunCalendar();
  const createdBy = `caseworker:bench-${runId}`;
  const profile = { priorWork: { monthsInLast12: 0, monthsInLast24: 0 }, situation: {}, rqth: false };
  const decision = determineBareme({ ...profile, birthDate: BIRTH_DATE, entryDate }, DEFAULT_REMUNERATION_PARAMETERS);
  // Deterministic ids (every table refers to the others by them), shaped as version-4 UUIDs: the API checks the format.
  const id = (kind: string, column: string): string =>
    `(select (substr(h, 1, 12) || '4' || substr(h, 14, 3) || '8' || substr(h, 18, 15))::uuid from md5('bench-${runId}-${kind}-' || ${column}) h)`;
  const em = orm.em.fork();
  await em.transactional(async (tx) => {
    const sql = (text: string, params: unknown[] = []) => tx.execute(text, params);
    await sql(`insert into organisation (id, kind, name, contact_email) select ${id('ft', '1')}, 'france_travail', 'France Travail (bench)', 'ft@bench.test'`);
    await sql(`insert into organisation (id, kind, name, contact_email)
      select ${id('organisme', 'k')}, 'organisme_formation', 'Organisme ' || k, 'organisme' || k || '@bench.test' from generate_series(1, ?) k`, [ORGANISMES]);
    await sql(`insert into formation_session (id, title, organisme_id, dispositif, bassin, start_date, end_date, total_hours, hours_per_week, seats)
      select ${id('session', 'k')}, 'Session ' || k, ${id('organisme', 'k')}, 'qualif',
        (array['caen', 'rouen', 'le-havre', 'cherbourg', 'alencon'])[1 + k % 5], ?::date, ?::date, 1200, 35, 100000
      from generate_series(1, ?) k`, [entryDate, endDate, ORGANISMES]);
    await sql(`insert into person (id, person_key, last_name, first_name, birth_date, gender, email, postal_code)
      select ${id('person', 'g')}, md5('bench-${runId}-key-' || g), 'Stagiaire' || g, 'Camille', ?::date, 'F', 'stagiaire' || g || '@bench.test', '14000'
      from generate_series(1, ?) g`, [BIRTH_DATE, n]);
    await sql(`insert into person_sensitive (person_id) select ${id('person', 'g')} from generate_series(1, ?) g`, [n]);
    await sql(`insert into dossier (id, person_id, process_kind, dedup_key, referent_email, created_by, stage, stage_seq, open, created_at, updated_at)
      select ${id('dossier', 'g')}, ${id('person', 'g')}, 'parcours', ${id('session', '(1 + (g - 1) % ?)')}::text, 'referent@bench.test', ?, 'en_formation', 3, true,
        now(), now()
      from generate_series(1, ?) g`, [ORGANISMES, createdBy, n]);
    await sql(`insert into parcours_dossier (dossier_id, session_id, entry_date)
      select id, dedup_key::uuid, ?::date from dossier where created_by = ?`, [entryDate, createdBy]);
    await sql(`insert into contrat_engagement (dossier_id, text_version, signed_at, entry_date, confirmed_by)
      select dossier_id, ?, now(), entry_date, 'organisme:bench' from parcours_dossier join dossier on id = dossier_id where created_by = ?`,
    [CONTRAT_TEXT_VERSION, createdBy]);
    await sql(`insert into bank_account (dossier_id, iban, recorded_by)
      select id, 'FR7630006000011234567890189', ? from dossier where created_by = ?`, [createdBy, createdBy]);
    await sql(`insert into remuneration_dossier (dossier_id, rythme, profile, bareme, recorded_by)
      select id, 'temps_plein', ?::jsonb, ?::jsonb, ? from dossier where created_by = ?`,
    [JSON.stringify(profile), JSON.stringify(decision), createdBy, createdBy]);
  });
  const rows = await em.execute(`select d.id, s.id as session_id, s.organisme_id, s.dispositif, s.bassin,
      to_char(s.start_date, 'YYYY-MM-DD') as start_date, to_char(s.end_date, 'YYYY-MM-DD') as end_date
    from dossier d join parcours_dossier pd on pd.dossier_id = d.id join formation_session s on s.id = pd.session_id
    where d.created_by = ? order by d.id`, [createdBy]);
  const cases = rows.map((r) => ({
    caseId: r.id as string,
    organismeId: r.organisme_id as string,
    session: { sessionId: r.session_id, organismeId: r.organisme_id, dispositif: r.dispositif, bassin: r.bassin, startDate: r.start_date, endDate: r.end_date },
  }));
  const [ft] = await em.execute(`select ${id('ft', '1')} as id`);
  return { franceTravailId: ft.id, organismeIds: [...new Set(cases.map((c) => c.organismeId))], cases, decision, createdBy };
}

/** The state of a case some weeks after its entry, pay file established, waiting for last month's statement. */
export function enFormationState(c: BenchCase, decision: BaremeDecision, createdBy: string): ParcoursState {
  const { entryDate, period } = payRunCalendar();
  const at = (date: string): string => `${date}T09:00:00.000Z`;
  const history: HistoryEntry[] = [
    { seq: 1, stage: 'reperage', action: 'creation', actor: createdBy, at: at(addMonths(entryDate, -1)), detail: { sessionId: c.session.sessionId } },
    { seq: 2, stage: 'en_formation', action: 'entree_confirmee', actor: `organisme:${c.organismeId}`, at: at(entryDate),
      detail: { entryDate, contrat: 'signe' } },
    { seq: 3, stage: 'en_formation', action: 'remuneration_etablie', actor: createdBy, at: at(entryDate),
      detail: { category: decision.category, rythme: 'temps_plein', indemniseARE: false } },
  ];
  const formation: FormationState = {
    entryDate, endDate: c.session.endDate, remuneration: { decision, rythme: 'temps_plein' }, indemniseARE: false,
    avance: { reference: 'bench', amountCents: 0, remainingCents: 0 }, statements: {}, paid: {}, nextPeriod: period,
    monthsPaidThisRun: 0, suspendedSince: null, aids: [], sortie: null, suivi: {},
  };
  return {
    caseId: c.caseId, stage: 'en_formation', session: c.session, prescripteur: null,
    positionnement: { scheduledAt: null, resultsRecorded: true }, closure: null, formation, history, deadlines: [],
  };
}

/** Starts every case's workflow; returns the start calls' duration in seconds. */
export async function startParcours(client: Client, taskQueue: string, seeded: Seeded, concurrency: number): Promise<number> {
  const t0 = Date.now();
  await forEachBounded(seeded.cases, concurrency, async (c) => {
    const input: ParcoursInput = {
      caseId: c.caseId, session: c.session, prescripteur: null, createdBy: seeded.createdBy, delays: BENCH_DELAYS,
      resume: enFormationState(c, seeded.decision, seeded.createdBy),
    };
    await client.workflow.start<typeof parcours>('parcours', { workflowId: parcoursWorkflowId(c.caseId), taskQueue, args: [input] });
  });
  return (Date.now() - t0) / 1000;
}

/** True once the case's workflow has run its first tasks and waits for the statement of `period`. */
export async function waitsForStatement(client: Client, caseId: string, period: string): Promise<boolean> {
  const state = await client.workflow.getHandle(parcoursWorkflowId(caseId)).query(etatQuery);
  return state.formation?.nextPeriod === period && state.deadlines[0]?.kind === 'etat_presence';
}
