/**
 * Qualification of the need (caseworker, with the provider chosen), co-construction (the provider's
 * design: each version is checked against the eligibility rules at once), a recorded derogation of length,
 * and the cancellation of an order that will not go on.
 */
import { setHandler } from '@temporalio/workflow';
import { actionNotAllowed, invalidArgument } from '../../../domain/case/failures';
import { isIsoDate } from '../../../domain/dates';
import { isCertificationLevel } from '../../../domain/sur-mesure/codes';
import { startVisa } from '../../../domain/sur-mesure/visa';
import type { SurMesureContext } from '../context';
import { smActs } from '../activities';
import { annuler, coConstruire, enregistrerDerogation, qualifier, type Conception } from '../messages';

export function registerInstructionHandlers(ctx: SurMesureContext): void {
  const { state } = ctx;

  setHandler(qualifier, (args) => ctx.exclusive('qualifier', async () => {
    await smActs.enregistrerQualification({ caseId: state.caseId, organismeId: args.organismeId, ecartCompetences: args.ecartCompetences,
      certificationCode: args.certificationCode, certificationLevel: args.certificationLevel });
    state.qualification = { organismeId: args.organismeId, certificationCode: args.certificationCode, certificationLevel: args.certificationLevel };
    const entry = await ctx.record('qualification', args.actor, { stage: 'co_construction',
      detail: { organisme: args.organismeId, certification: args.certificationCode, niveau: args.certificationLevel } });
    await ctx.mail('co_construction_demandee', 'organisme', {}, ctx.mailKey('co_construction', entry.seq));
    return state;
  }), {
    validator: (args) => {
      ctx.assertAllowed('qualifier');
      if (args.certificationLevel !== null && !isCertificationLevel(args.certificationLevel)) throw invalidArgument('certification.level : niveau 3 à 8');
    },
  });

  setHandler(coConstruire, (args) => ctx.exclusive('coConstruire', async () => {
    assertDesignOpen(ctx);
    state.eligibilite = await smActs.evaluerEligibilite({ caseId: state.caseId, conception: args.conception,
      certificationLevel: state.qualification?.certificationLevel ?? null, derogation: state.derogation });
    state.conception = args.conception;
    state.visa ??= startVisa(ctx.params().commission_threshold_cents);
    await ctx.record('co_construction', args.actor, { stage: 'instruction',
      detail: { devisCents: args.conception.devisCents, eligible: state.eligibilite.eligible, reglesEchouees: state.eligibilite.failed.length } });
    return state;
  }), {
    validator: (args) => {
      ctx.assertAllowed('coConstruire');
      assertDesignOpen(ctx);
      const problem = designProblem(args.conception);
      if (problem) throw invalidArgument(problem);
    },
  });

  setHandler(enregistrerDerogation, (args) => ctx.exclusive('enregistrerDerogation', async () => {
    assertDesignOpen(ctx);
    state.eligibilite = await smActs.evaluerEligibilite({ caseId: state.caseId, conception: state.conception!,
      certificationLevel: state.qualification?.certificationLevel ?? null, derogation: args.reference });
    await smActs.enregistrerDerogation({ caseId: state.caseId, reference: args.reference });
    state.derogation = args.reference;
    await ctx.record('derogation', args.actor, { detail: { reference: args.reference, eligible: state.eligibilite.eligible } });
    return state;
  }), {
    validator: (args) => {
      ctx.assertAllowed('enregistrerDerogation');
      assertDesignOpen(ctx);
      if (!state.conception) throw actionNotAllowed('la co-construction doit précéder la dérogation');
      if (!args.reference.trim()) throw invalidArgument('reference : référence de la décision de dérogation attendue');
    },
  });

  setHandler(annuler, (args) => ctx.exclusive('annuler', async () => {
    const entry = await ctx.record('annulation', args.actor, { stage: 'clos', closure: { reason: 'annule', detail: args.motif } });
    await ctx.mail('commande_annulee', 'entreprise', { motif: args.motif }, ctx.mailKey('annulation', entry.seq));
    return state;
  }), {
    validator: (args) => {
      ctx.assertAllowed('annuler');
      if (!args.motif.trim()) throw invalidArgument('motif : obligatoire');
    },
  });
}

/** The design may change until the funding is proposed (again after a send-back to the proposer). */
function assertDesignOpen({ state }: SurMesureContext): void {
  if (state.visa && state.visa.awaiting !== 'proposition') {
    throw actionNotAllowed('le financement est déjà proposé : la co-construction ne peut plus changer');
  }
}

function designProblem(c: Conception): string | null {
  if (!isIsoDate(c.dateDebut) || !isIsoDate(c.dateFin)) return 'dateDebut, dateFin : dates AAAA-MM-JJ attendues';
  if (c.dateFin < c.dateDebut) return 'dateFin : la fin de la formation précède son début';
  for (const field of ['heuresCentre', 'heuresEntreprise'] as const) {
    if (!Number.isSafeInteger(c[field]) || c[field] < 0) return `${field} : nombre entier d'heures positif attendu`;
  }
  if (c.heuresCentre + c.heuresEntreprise === 0) return 'heuresCentre : la formation doit compter des heures';
  if (!Number.isSafeInteger(c.devisCents) || c.devisCents <= 0) return 'devisCents : montant du devis en centimes attendu';
  return null;
}
