/**
 * The bursary year on the time-skipping server: months pass in milliseconds. Real PostgreSQL (a database of
 * the suite's own, the barème of 2025-2026 copied to the future years the tests live in), real ledger, real
 * SMTP server, the CROUS's real endpoint. Each test lives in its own academic year, later than the previous
 * one (the server's clock only goes forward). Amounts are worked out by hand in the comments.
 */
import { createBourse } from '../api/bourse/create';
import { createAide } from '../api/bourse/aide-create';
import { buildPaymentFile } from '../activities/paiements/payment-file';
import { paymentReference } from '../domain/paiements/reference';
import type { DemandeBourse } from '../domain/bourse/demande';
import { accorderAvance, aideEtatQuery, deciderCommission, enregistrerEvaluation } from '../workflows/aide-urgence/messages';
import {
  accorderRemise, bourseEtatQuery, declarerSortieBourse, deciderBourse, demanderPieces, enregistrerPieces, justifierAbsence, signalerEvenement,
  type BourseDelays,
} from '../workflows/bourse/messages';
import { demandeBourse } from './support/bourse';
import { startBourseTimeSkipping, type BourseSystem } from './support/bourse-timeskipping';
import { eventually } from './support/journey';
import { expectReadModelInStep } from './support/read-model';
import { isTo } from './support/smtp';
import { saveHistory } from './support/timeskipping';

let sys: BourseSystem;
const AGENT = 'caseworker:agent-bourses';
const REFERENT = 'referent.bourses@normandie.test';
const delays: Partial<BourseDelays> = { handoffRetryInitial: '100 milliseconds', handoffRetryMaximum: '1 second' };
const institut = (): string => `institut:${sys.orgs.institut.id}`;
/** Échelon 3 of the 2025-2026 barème (copied): 3 828 € a year, 382,80 € a month (support/bourse.ts). */
const MENSUALITE = 382_80;

beforeAll(async () => {
  sys = await startBourseTimeSkipping('bourse_ts', ['2027-2028', '2028-2029', '2029-2030', '2030-2031', '2031-2032', '2032-2033']);
}, 120_000);
afterAll(() => sys?.stop());

async function open(overrides: Partial<DemandeBourse>): Promise<{ caseId: string; demande: DemandeBourse }> {
  const demande = demandeBourse(sys.orgs.institut.id, overrides);
  const { caseId } = await createBourse(sys.ctx, demande, { source: 'crous', crousId: sys.orgs.crous.id, actor: `crous:${sys.orgs.crous.id}`,
    referentEmail: REFERENT, delays });
  await eventually(() => sys.bourse(caseId).query(bourseEtatQuery), (s) => s.calcul !== null || s.calculErreur !== null);
  return { caseId, demande };
}

const award = (caseId: string) => sys.bourse(caseId).executeUpdate(deciderBourse, { args: [{ actor: AGENT, decision: { outcome: 'attribuee' } }] });
/** The case page (its read model) shows what the workflow holds. */
const inStep = (caseId: string) => expectReadModelInStep(sys.rows, sys.bourse(caseId), bourseEtatQuery, caseId);
const aideInStep = (caseId: string) => expectReadModelInStep(sys.rows, sys.aide(caseId), aideEtatQuery, caseId);
const bourseRows = (caseId: string) =>
  sys.rows(`select period, amount_cents::int as cents from payment where dossier_id = ? and kind = 'BOURSE' order by period`, [caseId]);
const months = (first: string, n: number): string[] => Array.from({ length: n }, (_, i) => {
  const index = Number(first.slice(0, 4)) * 12 + Number(first.slice(5)) - 1 + i;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
});

test('a whole year: documents asked (reminder, then alert), award with the calendar mailed, 10 instalments at the start of each month, then closed', async () => {
  await sys.skipTo('2027-06-01T08:00:00.000Z');
  const { caseId, demande } = await open({ annee: '2027-2028', premierMois: '2027-09', nombreMois: 10 });
  expect((await sys.bourse(caseId).query(bourseEtatQuery)).calcul).toEqual({ echelon: '3', annuelCents: 3_828_00, mensualiteCents: MENSUALITE, verified: false });
  await inStep(caseId); // the échelon computed at the creation

  // Documents: a deadline 10 days on; the student is reminded on the day after it, the referent alerted 7 days later.
  await sys.bourse(caseId).executeUpdate(demanderPieces, { args: [{ actor: AGENT, pieces: ['avis_imposition', 'justificatif_points_de_charge'], delaiJours: 10 }] });
  const asked = await sys.smtp.waitFor((m) => isTo(demande.person.email)(m) && m.subject === 'Votre demande de bourse : des pièces manquent');
  expect(asked.text).toContain('Envoyez-les avant le 11 juin 2027.');
  await sys.skipTo('2027-06-12T12:00:00.000Z');
  await sys.smtp.waitFor((m) => isTo(demande.person.email)(m) && m.subject === 'Rappel : des pièces manquent pour votre bourse');
  expect(sys.smtp.to(REFERENT)).toHaveLength(0);
  await sys.skipTo('2027-06-19T12:00:00.000Z');
  const alert = await sys.smtp.waitFor((m) => isTo(REFERENT)(m) && (m.text ?? '').includes('pièces demandées'));
  expect(alert.subject).toContain('Dossier en attente');
  await inStep(caseId);
  // The documents correct the income: 18 000 € is under the échelon 4 ceiling for 3 points (19 758 €): 4 587 € a year.
  await sys.row(`update bourse_demande set revenu_brut_global_euros = 18000 where dossier_id = ?`, [caseId]);
  const received = await sys.bourse(caseId).executeUpdate(enregistrerPieces, { args: [{ actor: AGENT }] });
  expect(received).toMatchObject({ stage: 'instruction', calcul: { echelon: '4', annuelCents: 4_587_00 }, deadlines: [] });
  await sys.row(`update bourse_demande set revenu_brut_global_euros = 20000 where dossier_id = ?`, [caseId]);
  await sys.bourse(caseId).executeUpdate(enregistrerPieces, { args: [{ actor: AGENT }] });

  await sys.skipTo('2027-08-20T10:00:00.000Z');
  const awarded = await award(caseId);
  expect(awarded.stage).toBe('attribuee');
  expect(awarded.versements.map((v) => v.mois)).toEqual(months('2027-09', 10));
  const mail = await sys.smtp.waitFor((m) => isTo(demande.person.email)(m) && /vous recevez une bourse/.test(m.subject ?? ''));
  expect(mail.text).toContain('Votre échelon est 3. Le montant pour l’année est de 3\u00a0828,00\u00a0€.');
  expect(mail.text).toContain('- septembre 2027 : 382,80\u00a0€');
  expect(mail.text).toContain('- juin 2028 : 382,80\u00a0€');
  const event = await eventually(async () => sys.crous.received.find((r) => r.body.type === 'bourse.attribution' && r.body.data.dossierId === caseId), Boolean);
  expect(event).toMatchObject({ signatureValid: true, body: { data: { dse: demande.dse, decision: { resultat: 'attribuee', echelon: '3', montantAnnuelCents: 3_828_00 } } } });
  expect(JSON.stringify(event!.body)).not.toContain('20000'); // no income leaves for the CROUS
  await inStep(caseId);

  // Nothing before the first month; then one instalment at the start of each month.
  expect(await bourseRows(caseId)).toEqual([]);
  await sys.skipTo('2027-09-01T06:00:00.000Z');
  await eventually(() => bourseRows(caseId), (r) => r.length === 1);
  await sys.skipTo('2028-07-01T06:00:00.000Z');
  const paid = await eventually(() => bourseRows(caseId), (r) => r.length === 10);
  expect(paid).toEqual(months('2027-09', 10).map((period) => ({ period, cents: MENSUALITE })));
  const closed = await eventually(() => sys.bourse(caseId).query(bourseEtatQuery), (s) => s.stage === 'clos');
  expect(closed).toMatchObject({ closure: { reason: 'annee_terminee' }, etat: 'terminee' });
  await inStep(caseId);
  expect(await sys.row(`select stage, open, decision, etat_versements from dossier join bourse_dossier on dossier_id = id where id = ?`, [caseId]))
    .toEqual({ stage: 'clos', open: false, decision: 'attribuee', etat_versements: 'terminee' });
  saveHistory('bourse-annee', await sys.bourse(caseId).fetchHistory());
});

test('an absence, then its justification within the delay: the held instalment is paid at once and the bursary goes on', async () => {
  await sys.skipTo('2028-08-20T10:00:00.000Z');
  const { caseId, demande } = await open({ annee: '2028-2029', premierMois: '2028-09', nombreMois: 10 });
  await award(caseId);
  await sys.skipTo('2028-11-26T10:00:00.000Z');
  await eventually(() => bourseRows(caseId), (r) => r.length === 3); // September to November
  // Absence on 25 November: held from November (already paid, kept); 15 days to justify: until 10 December.
  const suspended = await sys.bourse(caseId).executeUpdate(signalerEvenement, { args: [{ actor: institut(), type: 'absence_non_justifiee', date: '2028-11-25' }] });
  expect(suspended).toMatchObject({ stage: 'suspendue', etat: 'suspendue', evenement: { dateLimite: '2028-12-10' } });
  const told = await sys.smtp.waitFor((m) => isTo(demande.person.email)(m) && m.subject === 'Votre bourse est suspendue');
  expect(told.text).toContain('avant le 10 décembre 2028');
  await sys.skipTo('2028-12-05T10:00:00.000Z');
  expect((await bourseRows(caseId)).map((r) => r.period)).toEqual(['2028-09', '2028-10', '2028-11']); // December held
  expect((await sys.bourse(caseId).query(bourseEtatQuery)).deadlines).toEqual([{ kind: 'justification', dueAt: '2028-12-11T00:00:00.000Z', status: 'pending' }]);
  await inStep(caseId); // the justification's deadline on the page, and on the case row for the work queue
  expect(await sys.row(`select echeance_kind, (extract(epoch from echeance_at) * 1000)::bigint::text as ms from dossier where id = ?`, [caseId]))
    .toEqual({ echeance_kind: 'justification', ms: String(Date.parse('2028-12-11T00:00:00.000Z')) });

  const resumed = await sys.bourse(caseId).executeUpdate(justifierAbsence, { args: [{ actor: institut(), justifieLe: '2028-12-05' }] });
  expect(resumed).toMatchObject({ stage: 'attribuee', etat: 'en_cours', evenement: null, deadlines: [] });
  expect((await bourseRows(caseId)).map((r) => r.period)).toEqual(['2028-09', '2028-10', '2028-11', '2028-12']);
  const mail = await sys.smtp.waitFor((m) => isTo(demande.person.email)(m) && m.subject === 'Votre bourse reprend');
  expect(mail.text).toContain('- décembre 2028 : 382,80\u00a0€');
  await inStep(caseId);
  expect(await sys.row(`select echeance_kind from dossier where id = ?`, [caseId])).toEqual({ echeance_kind: null });
  await sys.skipTo('2029-01-01T06:00:00.000Z');
  await eventually(() => bourseRows(caseId), (r) => r.length === 5);
  saveHistory('bourse-justification', await sys.bourse(caseId).fetchHistory());
});

test('an absence never justified: the bursary stops, the month paid after it is an overpayment with a repayment order, then a remission', async () => {
  await sys.skipTo('2029-08-20T10:00:00.000Z');
  const { caseId, demande } = await open({ annee: '2029-2030', premierMois: '2029-09', nombreMois: 10 });
  await award(caseId);
  // Reported late: on 3 December, for 25 November; December was paid on the 1st.
  await sys.skipTo('2029-12-03T10:00:00.000Z');
  await eventually(() => bourseRows(caseId), (r) => r.length === 4);
  await sys.bourse(caseId).executeUpdate(signalerEvenement, { args: [{ actor: institut(), type: 'premiere_session_manquee', date: '2029-11-25' }] });
  await sys.skipTo('2029-12-11T01:00:00.000Z'); // the delay ended with 10 December
  const stopped = await eventually(() => sys.bourse(caseId).query(bourseEtatQuery), (s) => s.stage === 'indu');
  expect(stopped).toMatchObject({ etat: 'arretee', indus: { '2029-12': { montantCents: MENSUALITE } } });
  expect(stopped.annules).toEqual(months('2030-01', 6));
  await inStep(caseId);
  const indu = await sys.row(`select o.period, o.amount_cents::int as cents, o.status, r.method from overpayment o
    join overpayment_recovery r on r.overpayment_reference = o.reference where o.dossier_id = ?`, [caseId]);
  expect(indu).toEqual({ period: '2029-12', cents: MENSUALITE, status: 'a_recouvrer', method: 'ordre_de_reversement' });
  const mail = await sys.smtp.waitFor((m) => isTo(demande.person.email)(m) && m.subject === 'Votre bourse est arrêtée');
  expect(mail.text).toContain('absence à la première session d’examen du 25 novembre 2029');
  expect(mail.text).toContain('Vous avez reçu 382,80\u00a0€ de trop');
  await eventually(async () => sys.crous.received.find((r) => r.body.type === 'bourse.arret' && r.body.data.dossierId === caseId), Boolean)
    .then((e) => expect(e!.body.data).toMatchObject({ induCents: MENSUALITE, versements: { etat: 'arretee', depuis: '2029-11-25' } }));

  // A remission of 100 € on social grounds: 282,80 € are still claimed.
  const remitted = await sys.bourse(caseId).executeUpdate(accorderRemise, { args: [{ actor: AGENT, montantCents: 100_00 }] });
  expect(remitted).toMatchObject({ stage: 'clos', remiseCents: 100_00, closure: { reason: 'arretee', detail: 'remise' } });
  await inStep(caseId);
  expect(await sys.row(`select amount_cents::int as cents from bourse_remise where dossier_id = ?`, [caseId])).toEqual({ cents: 100_00 });
  await sys.skipTo('2030-02-02T10:00:00.000Z');
  expect((await bourseRows(caseId)).map((r) => r.period)).toEqual(months('2029-09', 4)); // nothing after the stop
});

test('a drop-out in month 4, declared after the next instalment: nothing after December, January undue, closed at the end of the year', async () => {
  await sys.skipTo('2030-08-20T10:00:00.000Z');
  const { caseId, demande } = await open({ annee: '2030-2031', premierMois: '2030-09', nombreMois: 10 });
  await award(caseId);
  await sys.skipTo('2031-01-05T10:00:00.000Z');
  await eventually(() => bourseRows(caseId), (r) => r.length === 5);
  const out = await sys.bourse(caseId).executeUpdate(declarerSortieBourse, { args: [{ actor: institut(), date: '2030-12-15' }] });
  expect(out).toMatchObject({ stage: 'indu', etat: 'sortie', indus: { '2031-01': { montantCents: MENSUALITE } } });
  expect(out.annules).toEqual(months('2031-02', 5));
  const mail = await sys.smtp.waitFor((m) => isTo(demande.person.email)(m) && m.subject === 'Fin de votre bourse');
  expect(mail.text).toContain('Vous ne recevrez pas de versement après décembre 2030.');
  expect(mail.text).toContain('- janvier 2031 : 382,80\u00a0€');
  await sys.skipTo('2031-09-01T06:00:00.000Z'); // no remission asked: the case closes after the academic year
  const closed = await eventually(() => sys.bourse(caseId).query(bourseEtatQuery), (s) => s.stage === 'clos');
  expect(closed.closure).toEqual({ reason: 'sortie' });
  await inStep(caseId);
  expect((await bourseRows(caseId)).map((r) => r.period)).toEqual(months('2030-09', 5));
  expect(await sys.row(`select etat_versements, to_char(evenement_date, 'YYYY-MM-DD') as date from bourse_dossier where dossier_id = ?`, [caseId]))
    .toEqual({ etat_versements: 'sortie', date: '2030-12-15' });
});

test('emergency aids: the commission grants one on a Friday, paid within 5 working days (Armistice skipped); an urgent advance alone, alerted on its last day', async () => {
  await sys.skipTo('2031-11-03T10:00:00.000Z');
  const { caseId: bourseId, demande } = await open({ annee: '2031-2032', premierMois: '2031-09', nombreMois: 10 });
  const aideA = (await createAide(sys.ctx, bourseId, { montantDemandeCents: 1_500_00, situation: 'loyer impayé', avance: false, actor: AGENT })).caseId;
  await sys.aide(aideA).executeUpdate(enregistrerEvaluation, { args: [{ actor: AGENT, propositionCents: 1_200_00 }] });
  // Above the limit of one aid (3 071 €): refused, with the rule in French.
  await expect(sys.aide(aideA).executeUpdate(deciderCommission, { args: [{ actor: 'commission:membre-1', decision: { outcome: 'accordee', montantCents: 3_100_00 } }] }))
    .rejects.toMatchObject({ cause: { message: expect.stringContaining('dépasse le maximum d\'une aide (3\u00a0071,00\u00a0€)') } });
  await aideInStep(aideA); // the failed check shows on the page

  // Friday 7 November 2031: Mon 10, (Tue 11: Armistice), Wed 12, Thu 13, Fri 14, Mon 17 → paid by 17 November.
  await sys.skipTo('2031-11-07T10:00:00.000Z');
  const granted = await sys.aide(aideA).executeUpdate(deciderCommission, { args: [{ actor: 'commission:membre-1', decision: { outcome: 'accordee', montantCents: 1_200_00 } }] });
  expect(granted).toMatchObject({ stage: 'accordee', versement: { montantCents: 1_200_00, dateLimite: '2031-11-17' }, controle: { conforme: true } });
  expect(await sys.row(`select period, kind, amount_cents::int as cents from payment where dossier_id = ?`, [aideA]))
    .toEqual({ period: '2031-11', kind: 'AIDE_URGENCE', cents: 1_200_00 });
  const mail = await sys.smtp.waitFor((m) => isTo(demande.person.email)(m) && m.subject === 'Votre aide d’urgence est accordée');
  expect(mail.text).toContain('au plus tard le 17 novembre 2031');
  await eventually(() => sys.aide(aideA).query(aideEtatQuery), (s) => s.deadlines.length === 1);
  await aideInStep(aideA); // the payment's deadline
  // Finance builds its file on Wednesday 12 for Friday 14; the aid's daily check sees it the next morning.
  await sys.skipTo('2031-11-12T10:00:00.000Z');
  const file = await buildPaymentFile(sys.orm.em.fork() as never, { executionDate: '2031-11-14', createdAt: '2031-11-12T11:00:00',
    debtor: { name: 'Région Normandie', iban: 'FR7630006000011234567890189' } });
  expect(file!.references).toContain(granted.versement!.reference);
  await sys.skipTo('2031-11-13T07:00:00.000Z');
  const paid = await eventually(() => sys.aide(aideA).query(aideEtatQuery), (s) => s.stage === 'clos');
  expect(paid.history.at(-1)).toMatchObject({ action: 'versement_transmis', detail: { fichier: file!.id, executionDate: '2031-11-14', dansLeDelai: true } });
  expect(sys.smtp.to(REFERENT).filter((m) => (m.text ?? '').includes('aide d’urgence'))).toHaveLength(0);
  await aideInStep(aideA);

  // An urgent advance without the commission: at most 500 €. Granted on Tuesday 18: due by Tuesday 25 November.
  await sys.skipTo('2031-11-18T10:00:00.000Z');
  const aideB = (await createAide(sys.ctx, bourseId, { montantDemandeCents: 400_00, situation: 'plus de quoi manger', avance: true, actor: AGENT })).caseId;
  await expect(sys.aide(aideB).executeUpdate(accorderAvance, { args: [{ actor: AGENT, montantCents: 600_00 }] }))
    .rejects.toMatchObject({ cause: { message: expect.stringContaining('sans passage en commission est limitée à 500,00\u00a0€') } });
  const advance = await sys.aide(aideB).executeUpdate(accorderAvance, { args: [{ actor: AGENT, montantCents: 400_00 }] });
  expect(advance).toMatchObject({ decision: { par: 'avance', montantCents: 400_00 }, versement: { dateLimite: '2031-11-25' } });
  await sys.skipTo('2031-11-25T07:00:00.000Z'); // still in no file on its last day: the referent is alerted
  const alert = await sys.smtp.waitFor((m) => isTo(REFERENT)(m) && (m.text ?? '').includes('au plus tard le 2031-11-25'));
  expect(alert.subject).toContain('Dossier en attente');
  expect((await sys.aide(aideB).query(aideEtatQuery)).deadlines).toEqual([{ kind: 'versement', dueAt: '2031-11-25T06:00:00.000Z', status: 'alerted' }]);
  await aideInStep(aideB);
  await buildPaymentFile(sys.orm.em.fork() as never, { executionDate: '2031-11-26', createdAt: '2031-11-25T11:00:00',
    debtor: { name: 'Région Normandie', iban: 'FR7630006000011234567890189' } });
  await sys.skipTo('2031-11-26T07:00:00.000Z');
  const late = await eventually(() => sys.aide(aideB).query(aideEtatQuery), (s) => s.stage === 'clos');
  expect(late.history.at(-1)).toMatchObject({ action: 'versement_transmis', detail: { dansLeDelai: false } });
  await aideInStep(aideB);
  saveHistory('aide-urgence-commission', await sys.aide(aideA).fetchHistory());
});

test('no double funding: refused at the award for a month of trainee pay already paid, and before an instalment for a month paid since', async () => {
  await sys.skipTo('2032-08-01T10:00:00.000Z');
  const a = await open({ annee: '2032-2033', premierMois: '2032-09', nombreMois: 10 });
  const b = await open({ annee: '2032-2033', premierMois: '2032-09', nombreMois: 10 });
  /** Trainee pay of the Région (a parcours of the same person) for a month, in the ledger. */
  const traineePay = async (bourseCaseId: string, period: string): Promise<void> => {
    const { person_id: personId } = await sys.row(`select person_id from dossier where id = ?`, [bourseCaseId]);
    const { id } = await sys.row(`insert into dossier (id, person_id, process_kind, stage, stage_seq, open, referent_email, created_by, created_at, updated_at)
      values (gen_random_uuid(), ?, 'parcours', 'en_formation', 1, true, ?, 'test', now(), now()) returning id`, [personId, REFERENT]);
    await sys.rows(`insert into payment (reference, dossier_id, period, kind, amount_cents, breakdown) values (?, ?, ?, 'MENSUEL', 68500, '{}')`,
      [paymentReference(id, period, 'MENSUEL'), id, period]);
  };
  await traineePay(a.caseId, '2032-09');
  await award(b.caseId);
  await traineePay(b.caseId, '2032-11');

  // A: September 2032 was paid as trainee pay: the award is refused, the reason on the case.
  await sys.skipTo('2032-10-05T10:00:00.000Z');
  await expect(award(a.caseId)).rejects.toMatchObject({ cause: { type: 'DoubleFunding', message: expect.stringContaining('Mois concerné : septembre 2032.') } });
  const refused = await sys.bourse(a.caseId).query(bourseEtatQuery);
  expect(refused).toMatchObject({ stage: 'instruction', cumulConflit: { mois: ['2032-09'] } });
  expect(refused.history.at(-1)).toMatchObject({ action: 'attribution_refusee_cumul', detail: { mois: '2032-09' } });
  expect(await bourseRows(a.caseId)).toEqual([]);
  await inStep(a.caseId);

  // B was awarded before its student started a paid training in November: that instalment is refused, December paid.
  await sys.skipTo('2032-11-02T10:00:00.000Z');
  const state = await eventually(() => sys.bourse(b.caseId).query(bourseEtatQuery), (s) => Boolean(s.refusCumul['2032-11']));
  expect(state.refusCumul['2032-11']).toContain('Mois concerné : novembre 2032.');
  await sys.smtp.waitFor((m) => isTo(b.demande.person.email)(m) && m.subject === 'Pas de bourse pour novembre 2032');
  await sys.skipTo('2032-12-02T10:00:00.000Z');
  const paid = await eventually(() => bourseRows(b.caseId), (r) => r.length === 3);
  expect(paid.map((r) => r.period)).toEqual(['2032-09', '2032-10', '2032-12']);
  await inStep(b.caseId);

  // A is refused for that reason. Last: the time-skipping server stops skipping once a workflow ends right after
  // starting a (abandoned) child, here the handoff to the CROUS; the dev server and production have no such limit.
  await sys.bourse(a.caseId).executeUpdate(deciderBourse, { args: [{ actor: AGENT, decision: { outcome: 'refusee', motif: 'cumul_remuneration' } }] });
  await sys.smtp.waitFor((m) => isTo(a.demande.person.email)(m) && (m.text ?? '').includes('une rémunération de stagiaire de la Région est déjà versée'));
});
