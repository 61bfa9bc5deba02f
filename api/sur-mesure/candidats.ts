/**
 * A partner refers a candidate to an order it recruits for. The candidate's identity (and sensitive data,
 * for the pay of the trainee journey to come) is written and committed first, so the workflow's mail to
 * the candidate finds it; if the order refuses the candidate, what was written is removed again.
 */
import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import type { z } from 'zod';
import { Person, PersonSensitive, SurMesureCandidat, SurMesureStagiaire } from '../../db/entities';
import { actionNotAllowedMessage, isActionAllowed } from '../../domain/case/process';
import { personKey } from '../../domain/personne/person-key';
import { SUR_MESURE } from '../../domain/sur-mesure/process';
import { etatCommandeQuery, proposerCandidat, surMesureWorkflowId } from '../../workflows/sur-mesure/messages';
import { actorOf, type Principal } from '../auth';
import type { ApiContext } from '../context';
import { forbidden, HttpError, notFound } from '../errors';
import { commandeFor, updateCommande } from './access';
import type { CandidatBody } from './schemas';

interface Written { candidatId: string; personCreated: string | null }

async function write(ctx: ApiContext, caseId: string, partenaireId: string, body: z.infer<typeof CandidatBody>): Promise<Written> {
  return ctx.orm.em.fork().transactional(async (em) => {
    const key = personKey(ctx.config.PERSON_KEY_SECRET, body.person);
    let person = await em.findOne(Person, { personKey: key });
    const personCreated = person ? null : randomUUID();
    if (!person) {
      person = em.create(Person, { id: personCreated!, personKey: key, ...body.person, phone: body.person.phone ?? null });
      em.create(PersonSensitive, { person, rqth: false, rsa: false, sousMainDeJustice: false, illettrisme: false, ...body.sensitive });
    }
    const same = await em.findOne(SurMesureCandidat, { commande: caseId, $or: [{ person: person.id }, { partenaire: partenaireId, reference: body.reference }] });
    if (same) throw new HttpError(409, 'ce candidat (ou cette référence de prescription) est déjà proposé pour cette commande', { candidatId: same.id });
    const candidatId = randomUUID();
    em.create(SurMesureCandidat, { id: candidatId, commande: caseId, person, partenaire: partenaireId, reference: body.reference });
    await em.flush();
    return { candidatId, personCreated };
  });
}

async function undo(ctx: ApiContext, { candidatId, personCreated }: Written): Promise<void> {
  await ctx.orm.em.fork().transactional(async (em) => {
    await em.nativeDelete(SurMesureCandidat, { id: candidatId });
    if (personCreated) {
      await em.nativeDelete(PersonSensitive, { person: personCreated });
      await em.nativeDelete(Person, { id: personCreated });
    }
  });
}

export async function referCandidate(ctx: ApiContext, principal: Principal, caseId: string, body: z.infer<typeof CandidatBody>) {
  if (principal.role !== 'partner') throw forbidden();
  await commandeFor(ctx, principal, caseId);
  const { stage } = await ctx.client.workflow.getHandle(surMesureWorkflowId(caseId)).query(etatCommandeQuery);
  if (!isActionAllowed(SUR_MESURE, 'proposerCandidat', stage)) throw new HttpError(409, actionNotAllowedMessage(SUR_MESURE, 'proposerCandidat', stage));
  let written: Written;
  try {
    written = await write(ctx, caseId, principal.org, body);
  } catch (err) {
    if (err instanceof UniqueConstraintViolationException) throw new HttpError(409, 'ce candidat vient d’être proposé (doublon)');
    throw err;
  }
  try {
    const state = await updateCommande(ctx, caseId, proposerCandidat, { actor: actorOf(principal), candidatId: written.candidatId, partenaireId: principal.org });
    return { candidatId: written.candidatId, stage: state.stage };
  } catch (err) {
    await undo(ctx, written);
    throw err;
  }
}

/** 404 unless the candidate (or trainee) of the path belongs to the order of the path. */
export async function assertCandidat(ctx: ApiContext, caseId: string, candidatId: string): Promise<void> {
  if (!(await (ctx.orm.em.fork() as EntityManager).count(SurMesureCandidat, { id: candidatId, commande: caseId }))) throw notFound('candidat');
}

export async function assertStagiaire(ctx: ApiContext, caseId: string, stagiaireId: string): Promise<void> {
  if (!(await (ctx.orm.em.fork() as EntityManager).count(SurMesureStagiaire, { parcoursDossier: stagiaireId, commande: caseId }))) throw notFound('stagiaire');
}
