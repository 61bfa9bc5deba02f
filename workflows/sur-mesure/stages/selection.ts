/**
 * The company's choice of a candidate the provider positioned favourably. A retained candidate becomes a
 * trainee journey linked to the order: its rows are written with a case id the order fixes, then the order
 * starts the journey as a child it abandons on closing (the journey lives its own life, with its pay) and
 * which tells the order of each change of stage. A drop-out may be replaced until the replacement deadline.
 */
import { ParentClosePolicy, setHandler, startChild, uuid4, workflowInfo } from '@temporalio/workflow';
import { actionNotAllowed, invalidArgument } from '../../../domain/case/failures';
import { replacementDeadline } from '../../../domain/sur-mesure/recrutement';
import { placesLibres, selectionProblem } from '../../../domain/sur-mesure/stagiaires';
import { parcours } from '../../parcours/parcours.workflow';
import { parcoursWorkflowId } from '../../parcours/messages';
import { SA_PROCESS } from '../../search-attributes';
import { smActs } from '../activities';
import type { SurMesureContext } from '../context';
import { choisirCandidat, type ChoisirCandidat } from '../messages';
import { candidatOf } from './recrutement';

export function registerChoixHandler(ctx: SurMesureContext): void {
  const { state } = ctx;
  setHandler(choisirCandidat, (args) => ctx.exclusive('choisirCandidat', async () => {
    validateChoice(ctx, args);
    const candidat = candidatOf(ctx, args.candidatId);
    if (!args.retenu) {
      await smActs.enregistrerChoixCandidat({ candidatId: args.candidatId, choix: 'non_retenu', poste: null });
      candidat.choix = 'non_retenu';
      const entry = await ctx.record('candidat_non_retenu', args.actor, { detail: { candidat: args.candidatId } });
      await ctx.mail('candidat_non_retenu', `candidat:${args.candidatId}`, { candidatId: args.candidatId }, ctx.mailKey(`non_retenu:${args.candidatId}`, entry.seq));
      return state;
    }
    const stagiaireId = await openTraineeJourney(ctx, args);
    const entry = await ctx.record('candidat_retenu', args.actor, { detail: { candidat: args.candidatId, stagiaire: stagiaireId, poste: args.poste } });
    await ctx.mail('candidat_retenu', `candidat:${args.candidatId}`, { candidatId: args.candidatId }, ctx.mailKey(`retenu:${args.candidatId}`, entry.seq));
    return state;
  }), { validator: (args) => validateChoice(ctx, args) });
}

function validateChoice(ctx: SurMesureContext, args: ChoisirCandidat): void {
  const { state } = ctx;
  ctx.assertAllowed('choisirCandidat');
  const candidat = candidatOf(ctx, args.candidatId);
  if (candidat.choix) throw actionNotAllowed('l’entreprise a déjà fait son choix pour ce candidat');
  if (!args.retenu) return;
  const problem = selectionProblem(candidat.positionnement, state.conception?.psychotechnique ?? false);
  if (problem) throw actionNotAllowed(problem);
  const libres = placesLibres(state.commande.postes, Object.values(state.stagiaires));
  if (!Number.isInteger(args.poste) || args.poste < 0 || args.poste >= libres.length) throw invalidArgument('poste : rang d’un poste de la commande attendu');
  if (libres[args.poste] <= 0) throw actionNotAllowed('tous les postes de ce type sont pourvus');
  if (state.stage === 'formation') {
    const deadline = replacementDeadline(state.conception!.dateDebut, ctx.params());
    if (ctx.today() > deadline) throw actionNotAllowed(`un remplacement n’est plus possible après le ${deadline}`);
  }
}

/** Rows first (idempotent, keyed by the id fixed here), then the child workflow. */
async function openTraineeJourney(ctx: SurMesureContext, args: ChoisirCandidat): Promise<string> {
  const { state } = ctx;
  const stagiaireId = uuid4();
  const at = new Date().toISOString();
  const opened = await smActs.ouvrirParcoursLie({ commandeId: state.caseId, candidatId: args.candidatId, parcoursCaseId: stagiaireId,
    poste: args.poste, actor: args.actor, at });
  const candidat = candidatOf(ctx, args.candidatId);
  candidat.choix = 'retenu';
  candidat.stagiaireId = stagiaireId;
  state.stagiaires[stagiaireId] = { poste: args.poste, statut: 'admis', fin: null, candidatId: args.candidatId, entryDate: null, exitDate: null,
    embauche: null, suivi6m: null };
  await startChild(parcours, {
    workflowId: parcoursWorkflowId(stagiaireId),
    parentClosePolicy: ParentClosePolicy.ABANDON,
    typedSearchAttributes: [{ key: SA_PROCESS, value: 'parcours' }],
    args: [{
      caseId: stagiaireId, session: opened.session, prescripteur: opened.prescripteur, createdBy: args.actor, delays: ctx.input.parcoursDelays,
      notify: { workflowId: workflowInfo().workflowId }, admission: { actor: args.actor, detail: { commande: state.caseId } },
    }],
  });
  return stagiaireId;
}
