/** The bursary's actions as forms: each one the API route's schema and the same workflow update (api/bourse/routes.ts). */
import type { UpdateDefinition } from '@temporalio/common';
import { BOURSE, EVENEMENTS, MOTIFS_REFUS, PIECES } from '../../../../domain/bourse/process';
import {
  accorderRemise, declarerSortieBourse, deciderBourse, demanderPieces, justifierAbsence, signalerEvenement, type BourseState,
} from '../../../../workflows/bourse/messages';
import { actorOf, type Principal } from '../../../auth';
import { act } from '../../../case/act';
import type { ApiContext } from '../../../context';
import { recordPieces } from '../../../bourse/routes';
import { DecisionBody, EvenementBody, JustificatifBody, PiecesDemandeesBody, PiecesRecuesBody, RemiseBody, SortieBody } from '../../../bourse/schemas';
import { cents, Checkboxes, entries, Input, int, list, OUI_NON, Radios, Select, text, yesNo, type ConsoleAction } from './fields';

const capitalised = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const CHARGES = ['distanceKm', 'enfantsACharge', 'enfantsEnseignementSuperieur', 'prochesAides', 'handicapReconnuCdaph'] as const;

/** The update of a plain bursary route: its body and the caller as the actor, through `act`. */
const update = <A extends { actor: unknown }>(definition: UpdateDefinition<BourseState, [A]>) =>
  (ctx: ApiContext, p: Principal, caseId: string, body: Omit<A, 'actor'>) => act(ctx, p, caseId, definition, { ...body, actor: actorOf(p) } as A, BOURSE.kind);

export const BOURSE_ACTIONS: readonly ConsoleAction[] = [
  {
    process: BOURSE.kind, action: 'demanderPieces', roles: ['caseworker'], schema: PiecesDemandeesBody,
    fromForm: (f) => ({ pieces: list(f.pieces), delaiJours: int(f.delaiJours) }),
    send: update(demanderPieces),
    Fields: (p) => (<>
      <Checkboxes p={p} name="pieces" legend="Pièces demandées à l’étudiant" options={entries(PIECES).map(([k, l]) => [k, capitalised(l)] as const)} />
      <Input p={p} name="delaiJours" type="number" min={1} max={90} label="Délai en jours (15 par défaut)" />
    </>),
  },
  {
    // The corrected income and points de charge go on the application (the API's recordPieces), the échelon is recomputed.
    process: BOURSE.kind, action: 'enregistrerPieces', roles: ['caseworker'], schema: PiecesRecuesBody,
    fromForm: (f) => ({
      revenuBrutGlobalEuros: int(f.revenuBrutGlobalEuros),
      elementsDeCharge: CHARGES.some((k) => text(f[k]) !== undefined) ? {
        distanceKm: int(f.distanceKm), enfantsACharge: int(f.enfantsACharge), enfantsEnseignementSuperieur: int(f.enfantsEnseignementSuperieur),
        prochesAides: int(f.prochesAides), handicapReconnuCdaph: yesNo(f.handicapReconnuCdaph),
      } : undefined,
    }),
    send: (ctx, p, caseId, body: never) => recordPieces(ctx, p, caseId, body),
    Fields: (p) => (<>
      <Input p={p} name="revenuBrutGlobalEuros" type="number" min={0} label="Revenu brut global corrigé, en euros (facultatif)" />
      <fieldset>
        <legend>Points de charge corrigés (facultatif : tous, ou aucun)</legend>
        <Input p={p} name="distanceKm" type="number" min={0} label="Distance domicile – institut (km)" />
        <Input p={p} name="enfantsACharge" type="number" min={0} label="Enfants à charge" />
        <Input p={p} name="enfantsEnseignementSuperieur" type="number" min={0} label="Enfants dans l’enseignement supérieur" />
        <Input p={p} name="prochesAides" type="number" min={0} label="Proches aidés" />
        <Radios p={p} name="handicapReconnuCdaph" legend="Handicap reconnu par la CDAPH" options={OUI_NON} />
      </fieldset>
    </>),
  },
  {
    process: BOURSE.kind, action: 'decider', roles: ['caseworker'], schema: DecisionBody,
    fromForm: (f) => ({ decision: f.outcome === 'refusee' ? { outcome: 'refusee', motif: text(f.motif) } : { outcome: text(f.outcome) } }),
    send: update(deciderBourse),
    Fields: (p) => (<>
      <Radios p={p} name="outcome" legend="Décision" options={[['attribuee', 'Attribuer la bourse'], ['refusee', 'Refuser']]} />
      <Select p={p} name="motif" label="Motif du refus (si refus)" options={entries(MOTIFS_REFUS).map(([k, l]) => [k, capitalised(l)] as const)} />
    </>),
  },
  {
    process: BOURSE.kind, action: 'signalerEvenement', roles: ['institut', 'caseworker'], schema: EvenementBody,
    fromForm: (f) => ({ type: text(f.type), date: text(f.date) }),
    send: update(signalerEvenement),
    Fields: (p) => (<>
      <Radios p={p} name="type" legend="Événement" options={entries(EVENEMENTS).map(([k, l]) => [k, capitalised(l)] as const)} />
      <Input p={p} name="date" type="date" label="Jour de l’absence ou de la session manquée" required />
    </>),
  },
  {
    process: BOURSE.kind, action: 'justifier', roles: ['institut', 'caseworker'], schema: JustificatifBody,
    fromForm: (f) => ({ justifieLe: text(f.justifieLe) }),
    send: update(justifierAbsence),
    Fields: (p) => <Input p={p} name="justifieLe" type="date" label="Jour de réception du justificatif" required />,
  },
  {
    process: BOURSE.kind, action: 'declarerSortie', roles: ['institut', 'caseworker'], schema: SortieBody,
    fromForm: (f) => ({ date: text(f.date) }),
    send: update(declarerSortieBourse),
    Fields: (p) => <Input p={p} name="date" type="date" label="Jour de la sortie de formation" required />,
  },
  {
    process: BOURSE.kind, action: 'accorderRemise', roles: ['caseworker'], schema: RemiseBody,
    fromForm: (f) => ({ montantCents: cents(f.montantCents) }),
    send: update(accorderRemise),
    Fields: (p) => <Input p={p} name="montantCents" label="Montant remis, en euros (vide : tout l’indu)" />,
  },
];
