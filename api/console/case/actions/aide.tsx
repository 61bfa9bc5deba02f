/** The emergency aid's actions as forms: the API route's schema and service (api/bourse/aide-routes.ts). */
import { AIDE_URGENCE, MOTIFS_REFUS_AIDE } from '../../../../domain/bourse/aide-urgence-process';
import { accorderAvance, deciderCommission } from '../../../../workflows/aide-urgence/messages';
import { actorOf } from '../../../auth';
import { act } from '../../../case/act';
import { recordEvaluation } from '../../../bourse/aide-routes';
import { AideDecisionBody, AvanceBody, EvaluationBody } from '../../../bourse/schemas';
import { cents, entries, Input, Radios, Select, text, TextArea, type ConsoleAction } from './fields';

export const AIDE_ACTIONS: readonly ConsoleAction[] = [
  {
    // The assessment's text stays in PostgreSQL, the proposal goes to the workflow (the API's recordEvaluation).
    process: AIDE_URGENCE.kind, action: 'enregistrerEvaluation', roles: ['caseworker'], schema: EvaluationBody,
    fromForm: (f) => ({ evaluation: text(f.evaluation), propositionCents: cents(f.propositionCents) }),
    send: (ctx, p, caseId, body: never) => recordEvaluation(ctx, p, caseId, body),
    Fields: (p) => (<>
      <TextArea p={p} name="evaluation" label="Évaluation sociale, rédigée sans nom (la commission la lit)" required />
      <Input p={p} name="propositionCents" label="Montant proposé, en euros (facultatif)" />
    </>),
  },
  {
    process: AIDE_URGENCE.kind, action: 'accorderAvance', roles: ['caseworker'], schema: AvanceBody,
    fromForm: (f) => ({ montantCents: cents(f.montantCents) }),
    send: (ctx, p, caseId, body: { montantCents: number }) => act(ctx, p, caseId, accorderAvance, { actor: actorOf(p), montantCents: body.montantCents }, AIDE_URGENCE.kind),
    Fields: (p) => <Input p={p} name="montantCents" label="Montant de l’avance, en euros (plafond : paramètre en vigueur)" required />,
  },
  {
    process: AIDE_URGENCE.kind, action: 'deciderCommission', roles: ['commission'], schema: AideDecisionBody,
    fromForm: (f) => ({ decision: f.outcome === 'refusee' ? { outcome: 'refusee', motif: text(f.motif) }
      : f.outcome === 'accordee' ? { outcome: 'accordee', montantCents: cents(f.montantCents) } : { outcome: text(f.outcome) } }),
    send: (ctx, p, caseId, body: { decision: never }) => act(ctx, p, caseId, deciderCommission, { actor: actorOf(p), decision: body.decision }, AIDE_URGENCE.kind),
    Fields: (p) => (<>
      <Radios p={p} name="outcome" legend="Décision de la commission" options={[['accordee', 'Accordée'], ['refusee', 'Refusée']]} />
      <Input p={p} name="montantCents" label="Montant accordé, en euros (si accordée)" />
      <Select p={p} name="motif" label="Motif du refus (si refusée)" options={entries(MOTIFS_REFUS_AIDE)} />
    </>),
  },
];
