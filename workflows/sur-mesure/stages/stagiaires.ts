/**
 * The order follows its trainees through the signals their journeys send when their stage changes
 * (workflows/case/linked.ts): entries (the first one starts the order's training stage), exits with their
 * kind, withdrawals before the first day. It copies no data: the journey's stage, kind and dates only.
 */
import { setHandler } from '@temporalio/workflow';
import { linkedCaseChanged, type LinkedCaseChange } from '../../case/linked';
import type { FinParcours } from '../../../domain/sur-mesure/stagiaires';
import type { SurMesureContext } from '../context';

export function registerStagiaireSignals(ctx: SurMesureContext): void {
  setHandler(linkedCaseChanged, (change) => ctx.locked(() => onTraineeChange(ctx, change)));
}

async function onTraineeChange(ctx: SurMesureContext, change: LinkedCaseChange): Promise<void> {
  const { state } = ctx;
  const t = state.stagiaires[change.caseId];
  if (!t || state.stage === 'clos') return;
  const { entry } = change;
  const detail = entry.detail ?? {};
  if (entry.stage === 'en_formation' && t.statut === 'admis') {
    t.statut = 'en_formation';
    t.entryDate = String(detail.entryDate ?? entry.at.slice(0, 10));
    await ctx.record('stagiaire_entre', entry.actor, { ...(state.stage === 'recrutement' ? { stage: 'formation' as const } : {}),
      detail: { stagiaire: change.caseId, entryDate: t.entryDate } });
  } else if (entry.stage === 'suivi' && t.statut === 'en_formation') {
    t.statut = 'sorti';
    t.fin = String(detail.kind) as FinParcours;
    t.exitDate = String(detail.exitDate ?? entry.at.slice(0, 10));
    await ctx.record('stagiaire_sorti', entry.actor, { detail: { stagiaire: change.caseId, fin: t.fin, exitDate: t.exitDate } });
  } else if (entry.stage === 'clos' && t.statut === 'admis') {
    t.statut = 'desiste';
    t.fin = 'desistement';
    t.exitDate = entry.at.slice(0, 10);
    await ctx.record('stagiaire_desiste', entry.actor, { detail: { stagiaire: change.caseId, motif: change.closure?.detail ?? null } });
  }
}
