/**
 * Sur-mesure orders on the time-skipping test server: months pass in milliseconds. Real worker and
 * activities, real PostgreSQL, a real SMTP server and France Travail's real endpoint. Orders are opened and
 * candidates referred with the API's own services; people's other actions are the workflows' updates.
 */
import type { Organisation } from '../db/entities';
import { addDaysToDate, dayOf } from '../domain/dates';
import type { Principal } from '../api/auth';
import { referCandidate } from '../api/sur-mesure/candidats';
import { createCommande } from '../api/sur-mesure/create-commande';
import { confirmerEntree, declarerSortie, etatQuery, parcoursWorkflowId } from '../workflows/parcours/messages';
import {
  choisirCandidat, coConstruire, declarerEmbauche, declarerServiceFait, declarerSuivi6Mois, etatCommandeQuery, lancerRecrutement,
  planifierReunion, positionnerCandidat, qualifier, surMesureWorkflowId, viser, type SurMesureDelays, type SurMesureState, type Viser,
} from '../workflows/sur-mesure/messages';
import { newPerson } from './support/fixtures';
import { eventually, skipTo } from './support/journey';
import { expectReadModelInStep } from './support/read-model';
import { isTo } from './support/smtp';
import { besoin, conception, createEntreprise, orderDates, type OrderDates } from './support/sur-mesure';
import { saveHistory, startTimeSkippingSystem, type TimeSkippingSystem } from './support/timeskipping';

let sys: TimeSkippingSystem;
const CASEWORKER = 'caseworker:agent-sm';
const CHEF = 'chef_service:chef-1';
const FINANCE = 'finance:fin-1';
const delays: Partial<SurMesureDelays> = { handoffRetryInitial: '100 milliseconds', handoffRetryMaximum: '1 second' };

beforeAll(async () => {
  sys = await startTimeSkippingSystem('sur-mesure-ts');
});
afterAll(() => sys?.stop());

const order = (caseId: string) => sys.ctx.client.workflow.getHandle(surMesureWorkflowId(caseId));
const trainee = (caseId: string) => sys.ctx.client.workflow.getHandle(parcoursWorkflowId(caseId));
const today = async (): Promise<string> => dayOf(await sys.env.currentTimeMs());
const provider = (): string => `organisme:${sys.catalogue.organisme.id}`;
const company = (org: Organisation): Principal => ({ sub: 'rh-1', role: 'entreprise', org: org.id });
const visa = (caseId: string, actor: string, role: Viser['role'], action: Viser['action']) =>
  order(caseId).executeUpdate(viser, { args: [{ actor, role, action }] });

/** Need → qualification → co-construction → visa (no commission) → recruitment launched with FT and the ML. */
async function toRecruitment(org: Organisation, d: OrderDates, opts: { single?: boolean } = {}): Promise<string> {
  const { caseId } = await createCommande(sys.ctx, { body: { ...besoin(org, d, opts), referentEmail: 'referent.sm@normandie.test' },
    principal: company(org), actor: `entreprise:${org.id}`, delays, today: await today() });
  const h = order(caseId);
  await h.executeUpdate(qualifier, { args: [{ actor: CASEWORKER, organismeId: sys.catalogue.organisme.id, ecartCompetences: 'Soudage TIG et MIG',
    certificationCode: 'RNCP35341', certificationLevel: 3 }] });
  const state = await h.executeUpdate(coConstruire, { args: [{ actor: provider(), conception: conception(d) }] });
  expect(state.eligibilite).toMatchObject({ eligible: true, failed: [] });
  await visa(caseId, CASEWORKER, 'instructeur', { kind: 'proposer', amountCents: 30_000_00 });
  await visa(caseId, CHEF, 'chef_service', { kind: 'valider' });
  await visa(caseId, FINANCE, 'finances', { kind: 'engager', engagementReference: 'EJ-2026-0042' });
  await h.executeUpdate(lancerRecrutement, { args: [{ actor: CASEWORKER, partenaires: [sys.catalogue.franceTravail.id, sys.catalogue.missionLocale.id] }] });
  return caseId;
}

/** A partner refers a new person; the provider positions them favourably. */
async function candidate(caseId: string, partner: Organisation): Promise<{ candidatId: string; person: ReturnType<typeof newPerson> }> {
  const person = newPerson();
  const { candidatId } = await referCandidate(sys.ctx, { sub: 'conseiller', role: 'partner', org: partner.id }, caseId,
    { reference: `REF-${person.lastName}`, person, sensitive: { rqth: false, rsa: false, sousMainDeJustice: false, illettrisme: false } });
  await order(caseId).executeUpdate(positionnerCandidat, { args: [{ actor: provider(), candidatId, positionnement: { avis: 'favorable', psychotechnique: null } }] });
  return { candidatId, person };
}

/** The company retains the candidate: returns the trainee journey opened for them. */
async function retain(caseId: string, org: Organisation, candidatId: string, poste: number): Promise<string> {
  const state = await order(caseId).executeUpdate(choisirCandidat, { args: [{ actor: `entreprise:${org.id}`, candidatId, retenu: true, poste }] });
  return state.candidats[candidatId].stagiaireId!;
}

const enter = (id: string, entryDate: string) => trainee(id).executeUpdate(confirmerEntree, { args: [{ actor: provider(), entryDate }] });
const leave = (id: string, kind: 'terminee' | 'abandon', exitDate: string) =>
  trainee(id).executeUpdate(declarerSortie, { args: [{ actor: provider(), kind, exitDate }] });
const orderState = (caseId: string) => order(caseId).query(etatCommandeQuery);
/** The order's page (its read model) shows what the workflow holds. */
const inStep = (caseId: string) => expectReadModelInStep(sys.rows, order(caseId), etatCommandeQuery, caseId);
const at8 = (day: string): string => `${day}T09:00:00.000Z`;

test('3 posts from the need to the 6-month check: two hired as committed, a drop-out replaced, the provider paid pro rata', async () => {
  const org = await createEntreprise(sys.orm);
  const d = orderDates(await today());
  const caseId = await toRecruitment(org, d);
  await inStep(caseId);
  const contactMail = (await sys.row(`select p.email from dossier d join person p on p.id = d.person_id where d.id = ?`, [caseId])).email;
  await sys.smtp.waitFor((m) => isTo(contactMail)(m) && m.subject === 'La Région finance votre formation sur-mesure');

  // France Travail's endpoint receives the posts (signed, versioned), without any name.
  const offer = await eventually(async () => sys.franceTravail.received.find((r) => r.body.type === 'sur_mesure.recrutement' && r.body.data.commandeId === caseId),
    Boolean);
  expect(offer!.signatureValid).toBe(true);
  expect(offer!.body.data).toMatchObject({ postes: [{ romeCode: 'H2913', nombre: 2 }, { romeCode: 'H2902', nombre: 1 }], site: { bassin: 'caen' } });
  expect(JSON.stringify(offer!.body)).not.toContain('Dubois');

  await order(caseId).executeUpdate(planifierReunion, { args: [{ actor: CASEWORKER, at: at8(addDaysToDate(await today(), 10)), lieu: 'AFPA Caen, salle 2' }] });
  const [a, b, c, r] = [await candidate(caseId, sys.catalogue.franceTravail), await candidate(caseId, sys.catalogue.missionLocale),
    await candidate(caseId, sys.catalogue.franceTravail), await candidate(caseId, sys.catalogue.missionLocale)];
  await sys.smtp.waitFor((m) => isTo(a.person.email)(m) && /réunion d'information a lieu/.test(m.text ?? ''));
  const [ta, tb, tc] = [await retain(caseId, org, a.candidatId, 0), await retain(caseId, org, b.candidatId, 0), await retain(caseId, org, c.candidatId, 1)];
  // The posts are filled: a fourth candidate cannot be retained now.
  await expect(order(caseId).executeUpdate(choisirCandidat, { args: [{ actor: `entreprise:${org.id}`, candidatId: r.candidatId, retenu: true, poste: 1 }] }))
    .rejects.toMatchObject({ cause: { type: 'ActionNotAllowed' } });
  // Each retained candidate is a trainee journey, admitted, on the order's session, referred by its partner.
  expect(await trainee(ta).query(etatQuery)).toMatchObject({ stage: 'admis', prescripteur: { id: sys.catalogue.franceTravail.id } });
  await sys.smtp.waitFor((m) => isTo(a.person.email)(m) && m.subject === 'Bonne nouvelle : vous êtes retenu pour la formation');

  // First day: the provider confirms the entries; the order follows (its training starts).
  await skipTo(sys, at8(d.debut));
  for (const id of [ta, tb, tc]) await enter(id, d.debut);
  await eventually(() => orderState(caseId), (s) => s.stage === 'formation' && Object.values(s.stagiaires).every((t) => t.statut === 'en_formation'));
  await inStep(caseId);

  // Day 5: the boilermaker drops out; the 4th candidate replaces them (deadline: start + 15 days).
  const dropOut = addDaysToDate(d.debut, 5);
  await skipTo(sys, at8(dropOut));
  await leave(tc, 'abandon', dropOut);
  await eventually(() => orderState(caseId), (s) => s.stagiaires[tc].fin === 'abandon');
  const td = await retain(caseId, org, r.candidatId, 1);
  await enter(td, dropOut);

  // End of training: three complete it; the order moves to the hiring check.
  await skipTo(sys, at8(d.fin));
  for (const id of [ta, tb, td]) await leave(id, 'terminee', d.fin);
  await eventually(() => orderState(caseId), (s) => s.stage === 'embauche');
  // The drop-out's outcome is known at once.
  expect((await eventually(() => orderState(caseId), (s) => Boolean(s.stagiaires[tc].embauche))).stagiaires[tc].embauche)
    .toMatchObject({ outcome: 'non_embauche_stagiaire', manquement: false });
  const waiting = await eventually(() => orderState(caseId), (s) => s.deadlines.length === 4); // three hiring declarations, the service fait
  await inStep(caseId);
  // The case row (the work queue's sort) shows the earliest of them.
  const first = waiting.deadlines.reduce((a, b) => (b.dueAt < a.dueAt ? b : a));
  expect(await sys.row(`select (extract(epoch from echeance_at) * 1000)::bigint::text as ms, echeance_kind from dossier where id = ?`, [caseId]))
    .toEqual({ ms: String(Date.parse(first.dueAt)), echeance_kind: first.kind.split(':')[0] });

  const hire = (id: string, contrat: object) => order(caseId).executeUpdate(declarerEmbauche,
    { args: [{ actor: `entreprise:${org.id}`, stagiaireId: id, declaration: { embauche: true, contrat: { startDate: d.embauche, weeklyHours: 35, ...contrat } as never } }] });
  await hire(ta, { kind: 'cdi', durationMonths: null });
  await hire(tb, { kind: 'cdi', durationMonths: null });
  // The replacement gets a 4-month CDD instead of the 12 months committed: a breach, told to the company.
  const afterD = await hire(td, { kind: 'cdd', durationMonths: 4 });
  expect(afterD.stagiaires[td].embauche).toMatchObject({ outcome: 'embauche_autres_conditions', manquement: true });
  expect(afterD.stagiaires[ta].embauche).toMatchObject({ outcome: 'embauche_conforme', manquement: false });
  await eventually(() => orderState(caseId), (s) => s.deadlines.length === 4); // the service fait and the three 6-month checks
  await inStep(caseId);
  await sys.smtp.waitFor((m) => isTo(contactMail)(m) && /Engagement d'embauche non tenu/.test(m.subject ?? ''));
  expect(await sys.rows(`select outcome from sur_mesure_manquement where commande_id = ?`, [caseId])).toEqual([{ outcome: 'embauche_autres_conditions' }]);

  // Service fait: 540 h planned per trainee, 30 000 € committed for 3 seats (10 000 € a seat). The drop-out
  // had 35 h (648,15 €), the replacement 505 h (9 351,85 €): together one seat. Total 30 000,00 €.
  const minutes = { [ta]: 540 * 60, [tb]: 540 * 60, [tc]: 35 * 60, [td]: 505 * 60 };
  const paid = await order(caseId).executeUpdate(declarerServiceFait, { args: [{ actor: provider(),
    stagiaires: Object.entries(minutes).map(([stagiaireId, deliveredMinutes]) => ({ stagiaireId, deliveredMinutes })) }] });
  expect(paid.serviceFait).toMatchObject({ totalCents: 30_000_00 });
  const [row] = await sys.rows(`select kind, amount_cents::int as cents, breakdown from payment where dossier_id = ?`, [caseId]);
  expect(row).toMatchObject({ kind: 'PRESTATION', cents: 30_000_00 });
  expect(Object.fromEntries(row.breakdown.lines.map((l: { id: string; cents: number }) => [l.id, l.cents])))
    .toEqual({ [ta]: 10_000_00, [tb]: 10_000_00, [tc]: 648_15, [td]: 9_351_85 });
  await sys.smtp.waitFor((m) => isTo(sys.catalogue.organisme.contactEmail)(m) && /Paiement de votre formation/.test(m.subject ?? ''));
  await inStep(caseId);

  // Six months after the hiring: the company is asked, answers; the CDD ended at its term (no breach).
  const sixMonths = (await orderState(caseId)).stagiaires[ta].suivi6m!.dueDate;
  await skipTo(sys, at8(addDaysToDate(sixMonths, 1)));
  await sys.smtp.waitFor((m) => isTo(contactMail)(m) && /le contrat continue-t-il/.test(m.subject ?? ''));
  const answer = (id: string, stillEmployed: 'oui' | 'non', rupture: object | null = null) => order(caseId).executeUpdate(declarerSuivi6Mois,
    { args: [{ actor: `entreprise:${org.id}`, stagiaireId: id, stillEmployed, rupture: rupture as never }] });
  await answer(ta, 'oui');
  await inStep(caseId);
  await answer(tb, 'oui');
  await answer(td, 'non', { date: addDaysToDate(d.embauche, 120), initiative: 'terme' });
  const closed: SurMesureState = await order(caseId).result();
  expect(closed).toMatchObject({ stage: 'clos', closure: { reason: 'engagement_non_tenu' } });
  expect(closed.closure!.detail).toContain('2 stagiaire(s) sur 4 embauché(s) comme prévu');
  expect(closed.history.map((h) => h.action)).toEqual(expect.arrayContaining(['creation', 'qualification', 'co_construction', 'visa_proposer',
    'visa_valider', 'visa_engager', 'recrutement_lance', 'candidat_retenu', 'stagiaire_entre', 'stagiaire_sorti', 'formation_terminee',
    'embauche_controlee', 'service_fait', 'suivi_6_mois', 'cloture']));
  expect(await sys.row(`select stage, open, closed_reason from dossier where id = ?`, [caseId])).toEqual({ stage: 'clos', open: false, closed_reason: 'engagement_non_tenu' });
  await inStep(caseId);
  expect(await sys.row(`select echeance_at, echeance_kind, s.complete from dossier d join case_snapshot s on s.dossier_id = d.id where id = ?`, [caseId]))
    .toEqual({ echeance_at: null, echeance_kind: null, complete: true });

  saveHistory('sur-mesure-order', await order(caseId).fetchHistory());
  saveHistory('parcours-linked', await trainee(ta).fetchHistory());
});

test('a company that never declares the hiring: reminders, an alert, the outcome and a breach shown on its next need', async () => {
  const org = await createEntreprise(sys.orm);
  const d = orderDates(await today(), 5, 100);
  const caseId = await toRecruitment(org, d, { single: true });
  const contactMail = (await sys.row(`select p.email from dossier d join person p on p.id = d.person_id where d.id = ?`, [caseId])).email;
  const { candidatId } = await candidate(caseId, sys.catalogue.franceTravail);
  const id = await retain(caseId, org, candidatId, 0);
  await skipTo(sys, at8(d.debut));
  await enter(id, d.debut);
  await skipTo(sys, at8(d.fin));
  await leave(id, 'terminee', d.fin);
  const due = addDaysToDate(d.fin, 30);
  expect((await eventually(() => orderState(caseId), (s) => s.stage === 'embauche' && s.deadlines.length === 2)).deadlines).toEqual([
    expect.objectContaining({ kind: `embauche:${id}`, dueAt: `${addDaysToDate(due, 1)}T08:00:00.000Z`, status: 'pending' }),
    expect.objectContaining({ kind: 'service_fait', status: 'pending' }),
  ]);
  await inStep(caseId);

  // Reminders 10 and 3 days before the due date, then the alert the morning after it.
  await skipTo(sys, at8(addDaysToDate(due, 2)));
  const reminders = await eventually(async () => sys.smtp.to(contactMail).filter((m) => /merci de la déclarer/.test(m.subject ?? '')), (l) => l.length === 2);
  expect(reminders[0].text).toContain('avant le');
  await sys.smtp.waitFor((m) => isTo('referent.sm@normandie.test')(m) && (m.text ?? '').includes(`déclaration de l'embauche du stagiaire ${id}`));
  const state = await eventually(() => orderState(caseId), (s) => Boolean(s.stagiaires[id].embauche));
  expect(state.stagiaires[id].embauche).toMatchObject({ outcome: 'non_embauche_entreprise', manquement: true, declaredBy: 'system' });
  await sys.smtp.waitFor((m) => isTo(contactMail)(m) && /non déclarée/.test(m.subject ?? ''));
  await inStep(caseId);
  // Too late to declare now: the outcome is recorded.
  await expect(order(caseId).executeUpdate(declarerEmbauche, { args: [{ actor: `entreprise:${org.id}`, stagiaireId: id,
    declaration: { embauche: false, refusParLeStagiaire: true } }] })).rejects.toMatchObject({ cause: { type: 'ActionNotAllowed' } });

  // The company's next need shows the breach, and the new order's eligibility warns the caseworker.
  const next = await createCommande(sys.ctx, { body: besoin(org, orderDates(await today())), principal: company(org), actor: `entreprise:${org.id}`,
    delays, today: await today() });
  expect(next.manquementsAnterieurs).toEqual([{ date: addDaysToDate(due, 1), reference: caseId, outcome: 'non_embauche_entreprise' }]);
  await order(next.caseId).executeUpdate(qualifier, { args: [{ actor: CASEWORKER, organismeId: sys.catalogue.organisme.id, ecartCompetences: 'Soudage',
    certificationCode: null, certificationLevel: null }] });
  const designed = await order(next.caseId).executeUpdate(coConstruire, { args: [{ actor: provider(), conception: conception(orderDates(await today())) }] });
  expect(designed.eligibilite).toMatchObject({ eligible: true, warnings: [expect.objectContaining({ rule: 'manquement_anterieur' })] });
  expect(designed.eligibilite!.warnings[0].message).toContain(caseId);
  await inStep(next.caseId);
});

test('visa: an ineligible order cannot be funded; above the threshold the commission level sends back to the head of service', async () => {
  const org = await createEntreprise(sys.orm);
  const d = orderDates(await today());
  const { caseId } = await createCommande(sys.ctx, { body: { ...besoin(org, d), referentEmail: 'referent.visa@normandie.test' },
    principal: { sub: 'agent', role: 'caseworker' }, actor: CASEWORKER, delays, today: await today() });
  const h = order(caseId);
  await h.executeUpdate(qualifier, { args: [{ actor: CASEWORKER, organismeId: sys.catalogue.organisme.id, ecartCompetences: 'Soudage',
    certificationCode: null, certificationLevel: null }] });
  // 100 h in the centre: ineligible, every failed rule in plain French; the caseworker cannot propose it.
  const poor = await h.executeUpdate(coConstruire, { args: [{ actor: provider(), conception: { ...conception(d, 150_000_00), heuresCentre: 100 } }] });
  expect(poor.eligibilite).toMatchObject({ eligible: false, failed: [expect.objectContaining({ rule: 'heures_centre_minimum' })] });
  await expect(visa(caseId, CASEWORKER, 'instructeur', { kind: 'proposer', amountCents: 150_000_00 }))
    .rejects.toMatchObject({ cause: { type: 'ActionNotAllowed', message: expect.stringContaining('au moins 140 heures') } });
  await inStep(caseId);

  await h.executeUpdate(coConstruire, { args: [{ actor: provider(), conception: conception(d, 150_000_00) }] });
  await visa(caseId, CASEWORKER, 'instructeur', { kind: 'proposer', amountCents: 150_000_00 });
  // The proposer cannot validate his own proposition; the head of service does.
  await expect(visa(caseId, CASEWORKER, 'chef_service', { kind: 'valider' })).rejects.toMatchObject({ cause: { type: 'ActionNotAllowed' } });
  await visa(caseId, CHEF, 'chef_service', { kind: 'valider' });
  // Above 100 000 €: finance cannot commit before the commission.
  await expect(visa(caseId, FINANCE, 'finances', { kind: 'engager', engagementReference: 'EJ-1' }))
    .rejects.toMatchObject({ cause: { type: 'ActionNotAllowed', message: expect.stringContaining('la commission doit voter') } });
  // Second level: sent back to the head of service, with its reason.
  const back = await visa(caseId, CHEF, 'chef_service', { kind: 'renvoyer', reason: 'Le devis doit détailler le coût des heures en entreprise.' });
  expect(back.visa).toMatchObject({ awaiting: 'validation_service' });
  expect(back.history.at(-1)).toMatchObject({ action: 'visa_renvoyer', actor: CHEF,
    detail: { niveau: 'validation_commission', motif: 'Le devis doit détailler le coût des heures en entreprise.', renvoyeA: CHEF } });
  const sentBack = await sys.smtp.waitFor((m) => isTo('referent.visa@normandie.test')(m) && /renvoyée/.test(m.subject ?? ''));
  await inStep(caseId);
  expect(sentBack.text).toContain('Le devis doit détailler');

  await visa(caseId, CHEF, 'chef_service', { kind: 'valider' });
  await visa(caseId, CHEF, 'chef_service', { kind: 'voter', vote: 'favorable', commission: { date: await today(), reference: 'CP-2026-11-17' } });
  const engaged = await visa(caseId, FINANCE, 'finances', { kind: 'engager', engagementReference: 'EJ-2026-0100' });
  expect(engaged.stage).toBe('recrutement');
  expect(engaged.visa!.steps.map((s) => [s.level, s.kind, s.by.id])).toEqual([
    ['proposition', 'proposer', CASEWORKER], ['validation_service', 'valider', CHEF], ['validation_commission', 'renvoyer', CHEF],
    ['validation_service', 'valider', CHEF], ['validation_commission', 'voter', CHEF], ['engage', 'engager', FINANCE],
  ]);
  // Every step names its actor and its day, in the case's journal too.
  const visaEntries = engaged.history.filter((e) => e.action.startsWith('visa_'));
  expect(visaEntries).toHaveLength(6);
  expect(visaEntries.every((e) => e.actor && /^\d{4}-\d{2}-\d{2}T/.test(e.at))).toBe(true);
  expect(await sys.row(`select engagement_reference, engagement_cents::int as cents, session_id is not null as session from sur_mesure_commande where dossier_id = ?`,
    [caseId])).toEqual({ engagement_reference: 'EJ-2026-0100', cents: 150_000_00, session: true });
  await inStep(caseId);
});
