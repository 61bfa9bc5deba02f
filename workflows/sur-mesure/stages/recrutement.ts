/**
 * Recruitment: the caseworker asks partners of the Réseau pour l'Emploi to recruit (a handoff event each,
 * describing the posts), plans the information meeting; partners refer candidates; the provider records
 * each candidate's positionnement (and the psychomotor tests the programme requires); the company retains
 * or not. A retained candidate becomes a trainee journey linked to the order (./stagiaires.ts).
 */
import { setHandler } from '@temporalio/workflow';
import { actionNotAllowed, invalidArgument } from '../../../domain/case/failures';
import { smActs } from '../activities';
import type { SurMesureContext } from '../context';
import { lancerRecrutement, planifierReunion, positionnerCandidat, proposerCandidat, type CandidatState } from '../messages';
import { registerChoixHandler } from './selection';

export function candidatOf(ctx: SurMesureContext, candidatId: string): CandidatState {
  const candidat = ctx.state.candidats[candidatId];
  if (!candidat) throw invalidArgument(`candidat ${candidatId} inconnu pour cette commande`);
  return candidat;
}

export function registerRecrutementHandlers(ctx: SurMesureContext): void {
  const { state } = ctx;

  setHandler(lancerRecrutement, (args) => ctx.exclusive('lancerRecrutement', async () => {
    const nouveaux = [...new Set(args.partenaires)].filter((p) => !state.recrutement.partenaires.includes(p));
    await smActs.enregistrerPartenaires({ caseId: state.caseId, partenaires: nouveaux });
    state.recrutement.partenaires.push(...nouveaux);
    const entry = await ctx.record('recrutement_lance', args.actor, { detail: { partenaires: nouveaux.join(',') } });
    for (const organisationId of nouveaux) await ctx.handoff({ organisationId }, 'sur_mesure.recrutement', entry.at);
    await ctx.mail('recrutement_lance', 'entreprise', { partenaires: state.recrutement.partenaires.length }, ctx.mailKey('recrutement_lance', entry.seq));
    return state;
  }), {
    validator: (args) => {
      ctx.assertAllowed('lancerRecrutement');
      if (args.partenaires.every((p: string) => state.recrutement.partenaires.includes(p))) {
        throw actionNotAllowed('ces partenaires recrutent déjà pour cette commande');
      }
    },
  });

  setHandler(planifierReunion, (args) => ctx.exclusive('planifierReunion', async () => {
    await smActs.enregistrerReunion({ caseId: state.caseId, at: args.at, lieu: args.lieu });
    state.recrutement.reunion = { at: args.at, lieu: args.lieu };
    const entry = await ctx.record('reunion_planifiee', args.actor, { detail: { at: args.at } });
    for (const organisationId of state.recrutement.partenaires) await ctx.handoff({ organisationId }, 'sur_mesure.reunion_information', entry.at);
    for (const [candidatId, c] of Object.entries(state.candidats)) {
      if (c.choix) continue;
      await ctx.mail('reunion_information', `candidat:${candidatId}`, { candidatId, at: args.at, lieu: args.lieu }, ctx.mailKey(`reunion:${candidatId}`, entry.seq));
    }
    return state;
  }), {
    validator: (args) => {
      ctx.assertAllowed('planifierReunion');
      if (Number.isNaN(Date.parse(args.at)) || Date.parse(args.at) < Date.now()) throw invalidArgument('at : la réunion doit être à venir');
      if (!args.lieu.trim()) throw invalidArgument('lieu : obligatoire');
    },
  });

  setHandler(proposerCandidat, (args) => ctx.exclusive('proposerCandidat', async () => {
    state.candidats[args.candidatId] = { partenaireId: args.partenaireId, positionnement: null, choix: null, stagiaireId: null };
    const entry = await ctx.record('candidat_propose', args.actor, { detail: { candidat: args.candidatId, partenaire: args.partenaireId } });
    await ctx.mail('candidat_propose', `candidat:${args.candidatId}`, { candidatId: args.candidatId, reunion: state.recrutement.reunion },
      ctx.mailKey(`candidat_propose:${args.candidatId}`, entry.seq));
    return state;
  }), {
    validator: (args) => {
      ctx.assertAllowed('proposerCandidat');
      if (!state.recrutement.partenaires.includes(args.partenaireId)) throw actionNotAllowed('ce partenaire ne recrute pas pour cette commande');
      if (state.candidats[args.candidatId]) throw actionNotAllowed('ce candidat est déjà proposé');
    },
  });

  setHandler(positionnerCandidat, (args) => ctx.exclusive('positionnerCandidat', async () => {
    const candidat = candidatOf(ctx, args.candidatId);
    await smActs.enregistrerPositionnementCandidat({ candidatId: args.candidatId, positionnement: args.positionnement });
    candidat.positionnement = args.positionnement;
    await ctx.record('candidat_positionne', args.actor, { detail: { candidat: args.candidatId, avis: args.positionnement.avis,
      psychotechnique: args.positionnement.psychotechnique } });
    return state;
  }), {
    validator: (args) => {
      ctx.assertAllowed('positionnerCandidat');
      if (candidatOf(ctx, args.candidatId).choix) throw actionNotAllowed('l’entreprise a déjà fait son choix pour ce candidat');
      if (state.conception?.psychotechnique && !args.positionnement.psychotechnique) {
        throw invalidArgument('psychotechnique : le programme exige des tests psychotechniques (apte ou inapte)');
      }
    },
  });

  registerChoixHandler(ctx);
}
