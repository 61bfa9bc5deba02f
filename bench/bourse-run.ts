/**
 * (d) Bursary instalment run: N bursary holders (5,850 by default, Normandy's number in 2023; BENCH_BOURSE_N
 * or --bourse-n) whose instalment of this month falls due at the same instant, as on the 1st of a month.
 *
 * Setup (not measured): the rows of N awarded cases inserted with a few set-based INSERTs (persons, cases,
 * satellites, bank accounts, the ledger rows of the months already paid), then one `bourse` workflow per case
 * started in the state an awarded case has reached (input `resume`), with a start delay that makes every first
 * workflow task due at one instant T0, after the last start call: like N timers firing together.
 * Measured: from T0 to the last BOURSE ledger row of the month; each workflow checks double funding, issues
 * the instalment in the ledger and journals it. The figure: N / (last row − T0), next to the baseline.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { anneeOfDate, instalmentSchedule } from '../domain/bourse';
import { addMonthsToPeriod } from '../domain/dates';
import { paymentReference } from '../domain/paiements/reference';
import type { bourse } from '../workflows';
import { bourseWorkflowId, type BourseState } from '../workflows/bourse/messages';
import { forEachBounded, round, waitFor } from './util';

export interface BourseRunOptions {
  client: Client;
  orm: MikroORM;
  taskQueue: string;
  runId: string;
  n: number;
  concurrency: number;
  baselineWorkflowsPerSecond: number;
  /** How long one start call took in the baseline (ms): sets the instant every instalment falls due. */
  startMsPerWorkflow: number;
  log(message: string): void;
}

const ANNUEL_CENTS = 3_828_00; // échelon 3 of the 2025-2026 scale

/** This month is due; the schedule holds it (10 months within the academic year, from September at the earliest). */
function calendar(today = new Date().toISOString().slice(0, 10)) {
  const month = today.slice(0, 7);
  const annee = anneeOfDate(today);
  const september = `${annee.slice(0, 4)}-09`;
  const nineBefore = addMonthsToPeriod(month, -9);
  const first = nineBefore > september ? nineBefore : september;
  const schedule = instalmentSchedule(annee, ANNUEL_CENTS, { premierMois: first, nombreMois: 10 });
  return { annee, month, first, schedule };
}

type Calendar = ReturnType<typeof calendar>;

async function seed(orm: MikroORM, n: number, runId: string, cal: Calendar): Promise<{ caseIds: string[]; institutId: string; createdBy: string }> {
  const createdBy = `crous:bench-${runId}`;
  const id = (kind: string, column: string): string =>
    `(select (substr(h, 1, 12) || '4' || substr(h, 14, 3) || '8' || substr(h, 18, 15))::uuid from md5('bourse-${runId}-${kind}-' || ${column}) h)`;
  const em = orm.em.fork();
  await em.transactional(async (tx) => {
    const sql = (text: string, params: unknown[] = []) => tx.execute(text, params);
    await sql(`insert into organisation (id, kind, name, contact_email) values (${id('institut', '1')}, 'institut_formation_sanitaire_sociale',
      'IFSI (bench)', 'ifsi@bench.test'), (${id('crous', '1')}, 'crous', 'CROUS (bench)', 'crous@bench.test')`);
    await sql(`insert into person (id, person_key, last_name, first_name, birth_date, gender, email, postal_code)
      select ${id('person', 'g')}, md5('bourse-${runId}-key-' || g), 'Etudiant' || g, 'Camille', '2004-05-06', 'F', 'etudiant' || g || '@bench.test', '14000'
      from generate_series(1, ?) g`, [n]);
    await sql(`insert into dossier (id, person_id, process_kind, dedup_key, referent_email, created_by, stage, stage_seq, open, created_at, updated_at)
      select ${id('dossier', 'g')}, ${id('person', 'g')}, 'bourse', ?, 'referent@bench.test', ?, 'attribuee', 2, true, now(), now()
      from generate_series(1, ?) g`, [cal.annee, createdBy, n]);
    await sql(`insert into bourse_dossier (dossier_id, dse, annee, institut_id, crous_id, formation, premier_mois, nombre_mois, source, echelon,
        annuel_cents, mensualite_cents, decision, etat_versements)
      select ${id('dossier', 'g')}, 'B' || substr(md5('${runId}' || g), 1, 12), ?, ${id('institut', '1')}, ${id('crous', '1')}, 'infirmier', ?, 10, 'crous',
        '3', ?, ?, 'attribuee', 'en_cours' from generate_series(1, ?) g`, [cal.annee, cal.first, ANNUEL_CENTS, ANNUEL_CENTS / 10, n]);
    await sql(`insert into bank_account (dossier_id, iban, recorded_by)
      select id, 'FR7630006000011234567890189', ? from dossier where created_by = ?`, [createdBy, createdBy]);
  });
  const rows = await em.execute(`select id from dossier where created_by = ? order by id`, [createdBy]);
  const caseIds = rows.map((r) => r.id as string);
  // The months already paid, in the ledger under their real references (computed here: node:crypto).
  const paid = cal.schedule.versements.filter((v) => v.mois < cal.month);
  for (const v of paid) {
    const references = caseIds.map((c) => paymentReference(c, v.mois, 'BOURSE'));
    await em.execute(`insert into payment (reference, dossier_id, period, kind, amount_cents, breakdown)
      select r, d::uuid, ?, 'BOURSE', ?, '{}' from unnest(?::text[], ?::text[]) as x(r, d)`,
    [v.mois, v.montantCents, `{${references.join(',')}}`, `{${caseIds.join(',')}}`]); // array literals: knex would spread a JS array
  }
  const [{ id: institutId }] = await em.execute(`select ${id('institut', '1')} as id`);
  return { caseIds, institutId, createdBy };
}

/** The state of an awarded case whose earlier months were paid, waiting for this month's instalment. */
function awardedState(caseId: string, institutId: string, createdBy: string, cal: Calendar): BourseState {
  const at = `${cal.annee.slice(0, 4)}-07-01T09:00:00.000Z`;
  const verses = Object.fromEntries(cal.schedule.versements.filter((v) => v.mois < cal.month)
    .map((v) => [v.mois, { reference: paymentReference(caseId, v.mois, 'BOURSE'), montantCents: v.montantCents }]));
  return {
    caseId, stage: 'attribuee', closure: null, deadlines: [], annee: cal.annee, institutId, formation: 'infirmier',
    history: [
      { seq: 1, stage: 'instruction', action: 'creation', actor: createdBy, at, detail: { annee: cal.annee, source: 'crous' } },
      { seq: 2, stage: 'attribuee', action: 'attribution', actor: 'caseworker:bench', at, detail: { echelon: '3', annuelCents: ANNUEL_CENTS } },
    ],
    moisFormation: cal.schedule.versements.map((v) => v.mois), calcul: { echelon: '3', annuelCents: ANNUEL_CENTS, mensualiteCents: ANNUEL_CENTS / 10, verified: true },
    calculErreur: null, pieces: null, decision: { outcome: 'attribuee', motif: null, at }, versements: cal.schedule.versements, etat: 'en_cours',
    verses, annules: [], refusCumul: {}, cumulConflit: null, evenement: null, indus: {}, remiseCents: 0, incidents: [],
  };
}

export async function runBourseInstalments(o: BourseRunOptions): Promise<Record<string, number | string>> {
  const cal = calendar();
  let t = Date.now();
  const { caseIds, institutId, createdBy } = await seed(o.orm, o.n, o.runId, cal);
  o.log(`(d) setup: ${o.n} bursary holders inserted in ${round((Date.now() - t) / 1000)} s; instalment of ${cal.month}`);
  // Every first task at T0, after the last start call: the baseline's start rate, with half as much again and 10 s.
  const t0 = Date.now() + 10_000 + Math.round(1.5 * o.n * o.startMsPerWorkflow);
  let late = 0;
  t = Date.now();
  await forEachBounded(caseIds, o.concurrency * 2, async (caseId) => {
    const delayMs = t0 - Date.now();
    if (delayMs <= 0) late += 1;
    await o.client.workflow.start<typeof bourse>('bourse', {
      workflowId: bourseWorkflowId(caseId), taskQueue: o.taskQueue, ...(delayMs > 0 ? { startDelay: delayMs } : {}),
      args: [{ caseId, annee: cal.annee, institutId, formation: 'infirmier', moisFormation: cal.schedule.versements.map((v) => v.mois), source: 'crous',
        createdBy, resume: awardedState(caseId, institutId, createdBy, cal) }],
    });
  });
  const startSeconds = (Date.now() - t) / 1000;
  o.log(`(d) ${o.n} workflows started in ${round(startSeconds)} s (${late} after T0); waiting for T0 and the instalments…`);
  await new Promise((resolve) => setTimeout(resolve, Math.max(t0 - Date.now(), 0))); // nothing can progress before T0
  let last = { count: 0, lastAt: NaN };
  await waitFor('bursary instalments', async () => {
    const [row] = await o.orm.em.fork().execute(`select count(*)::int as count, max(p.issued_at) as last_at from payment p
      join dossier d on d.id = p.dossier_id where p.kind = 'BOURSE' and p.period = ? and d.created_by = ?`, [cal.month, createdBy]);
    last = { count: row.count, lastAt: row.last_at ? new Date(row.last_at).getTime() : NaN };
    return { done: last.count >= o.n, progress: last.count };
  }, { everyMs: 500 });
  const seconds = (last.lastAt - t0) / 1000;
  const perSecond = o.n / seconds;
  o.log(`(d) ${o.n} instalments in the ledger ${round(seconds, 2)} s after T0: ${round(perSecond, 2)} instalments/s `
    + `(baseline ${round(o.baselineWorkflowsPerSecond, 2)} workflows/s, ratio ${round(perSecond / o.baselineWorkflowsPerSecond, 3)})`);
  return {
    bourse_n: o.n, bourse_month: cal.month, bourse_start_seconds: round(startSeconds, 2), bourse_started_late: late,
    bourse_run_seconds: round(seconds, 2), instalments_per_s: round(perSecond, 2), instalments_ratio: round(perSecond / o.baselineWorkflowsPerSecond, 3),
  };
}
