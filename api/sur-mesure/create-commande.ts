/**
 * Need (besoin): a company (or a caseworker for it) opens an order. As the case core's `openCase` does for
 * a person's case, one transaction writes the company (identified by its SIRET), the contact person, the
 * case, its satellite and its posts, and the workflow starts before it commits: a failure leaves nothing.
 * The company's breaches on earlier orders come back with the answer (and weigh in the eligibility).
 */
import { createHmac, randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import type { z } from 'zod';
import { manquementsAffiches } from '../../activities/sur-mesure/commande';
import { Dossier, Organisation, Person, SurMesureCommande, SurMesurePoste } from '../../db/entities';
import { dayOf } from '../../domain/dates';
import { checkNaf, type ManquementAnterieur } from '../../domain/sur-mesure';
import { surMesure } from '../../workflows';
import { surMesureWorkflowId, type SurMesureDelays, type SurMesureInput } from '../../workflows/sur-mesure/messages';
import type { Principal } from '../auth';
import { startCaseWorkflow } from '../case/start';
import type { ApiContext } from '../context';
import { forbidden, HttpError } from '../errors';
import type { ContactSchema, CreateCommandeBody } from './schemas';

export interface CreateCommandeCommand {
  body: z.infer<typeof CreateCommandeBody>;
  principal: Principal;
  actor: string;
  /** Tests shorten the delays; production uses the defaults (partner deliveries: PARCOURS_DELAYS). */
  delays?: Partial<SurMesureDelays>;
  /** The day of the need; tests on the time-skipping server give the server's day. */
  today?: string;
}

const fieldError = (path: string, message: string): HttpError => new HttpError(400, 'requête invalide', { fields: [{ path, message }] });

const normalise = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]/g, '');

/** A contact is known by name and mail (no birth date): its pseudonymous key says so, apart from trainees'. */
export function contactKey(secret: string, c: z.infer<typeof ContactSchema>): string {
  return createHmac('sha256', secret).update(`contact|${normalise(c.lastName)}|${normalise(c.firstName)}|${c.email.trim().toLowerCase()}`).digest('hex');
}

/** The company: the caller's own organisation, or the one of the SIRET (created when a caseworker names a new one). */
async function companyOf(em: EntityManager, cmd: CreateCommandeCommand): Promise<Organisation> {
  const { body, principal } = cmd;
  if (principal.role === 'entreprise') {
    const org = await em.findOne(Organisation, { id: principal.org });
    if (!org || org.kind !== 'entreprise') throw forbidden('votre organisation n’est pas une entreprise');
    if (org.siret && org.siret !== body.siret) throw fieldError('siret', 'ce SIRET n’est pas celui de votre établissement');
    org.siret = body.siret;
    return org;
  }
  const known = await em.findOne(Organisation, { siret: body.siret });
  if (known) {
    if (known.kind !== 'entreprise') throw fieldError('siret', 'ce SIRET est celui d’une organisation qui n’est pas une entreprise');
    return known;
  }
  if (!body.raisonSociale) throw fieldError('raisonSociale', 'entreprise inconnue : raison sociale obligatoire');
  return em.create(Organisation, { id: randomUUID(), kind: 'entreprise', name: body.raisonSociale, contactEmail: body.contact.email,
    webhookUrl: null, webhookSecret: null, siret: body.siret });
}

async function contactOf(em: EntityManager, secret: string, contact: z.infer<typeof ContactSchema>): Promise<Person> {
  const key = contactKey(secret, contact);
  return (await em.findOne(Person, { personKey: key })) ?? em.create(Person, {
    id: randomUUID(), personKey: key, lastName: contact.lastName, firstName: contact.firstName, email: contact.email, phone: contact.phone ?? null,
    birthDate: null, gender: null, postalCode: null,
  });
}

export async function createCommande(ctx: ApiContext, cmd: CreateCommandeCommand): Promise<{ caseId: string; manquementsAnterieurs: ManquementAnterieur[] }> {
  try {
    return await ctx.orm.em.fork().transactional((em) => insertAndStart(ctx, em as EntityManager, cmd));
  } catch (err) {
    if (err instanceof UniqueConstraintViolationException) throw new HttpError(409, 'ce SIRET est déjà enregistré pour une autre organisation');
    throw err;
  }
}

async function insertAndStart(ctx: ApiContext, em: EntityManager, cmd: CreateCommandeCommand) {
  const { body } = cmd;
  const entreprise = await companyOf(em, cmd);
  const dossier = em.create(Dossier, {
    id: randomUUID(), person: await contactOf(em, ctx.config.PERSON_KEY_SECRET, body.contact), processKind: 'sur_mesure', dedupKey: null,
    referentEmail: body.referentEmail ?? ctx.config.ALERT_MAILBOX, createdBy: cmd.actor,
  });
  const orderDate = cmd.today ?? dayOf(Date.now());
  const naf = checkNaf(body.nafCode);
  const nafSection = naf.ok ? naf.value.section : '';
  em.create(SurMesureCommande, { dossier, entreprise, nafCode: body.nafCode, nafSection, siteAdresse: body.site.adresse,
    siteCodePostal: body.site.codePostal, bassin: body.site.bassin, orderDate, postesTotal: body.postes.reduce((n, p) => n + p.nombre, 0) });
  await em.flush(); // the posts reference the order's row, which the ORM sees as the case's
  body.postes.forEach((p, rang) => em.create(SurMesurePoste, { commande: dossier, rang, intitule: p.intitule, romeCode: p.romeCode, nombre: p.nombre,
    contratType: p.contrat.kind, dureeMois: p.contrat.durationMonths, heuresHebdo: p.contrat.weeklyHours, dateEmbauchePrevue: p.contrat.plannedHiringDate,
    tuteur: p.tuteur?.trim() || null }));
  await em.flush();
  const manquementsAnterieurs = await manquementsAffiches(em, entreprise.id, orderDate);
  const input: SurMesureInput = {
    caseId: dossier.id, entrepriseId: entreprise.id, nafSection, bassin: body.site.bassin, orderDate, createdBy: cmd.actor,
    postes: body.postes.map((p) => ({ romeCode: p.romeCode, count: p.nombre, contrat: { ...p.contrat, kind: p.contrat.kind as never },
      tuteurDesigne: Boolean(p.tuteur?.trim()) })),
    delays: { ...handoffSettings(ctx), ...cmd.delays },
    parcoursDelays: ctx.config.PARCOURS_DELAYS,
  };
  await startCaseWorkflow(ctx, surMesure, surMesureWorkflowId(dossier.id), 'sur_mesure', input);
  return { caseId: dossier.id, manquementsAnterieurs };
}

/** Partner deliveries follow the deployment's settings for every process (PARCOURS_DELAYS). */
function handoffSettings(ctx: ApiContext): Partial<SurMesureDelays> {
  const { handoffAlertAfter, handoffRetryInitial, handoffRetryMaximum } = ctx.config.PARCOURS_DELAYS;
  return Object.fromEntries(Object.entries({ handoffAlertAfter, handoffRetryInitial, handoffRetryMaximum }).filter(([, v]) => v !== undefined));
}
