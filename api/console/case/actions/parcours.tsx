/** The trainee journey's actions as forms: each one the API route's schema, body and workflow update (api/parcours/). */
import type { UpdateDefinition } from '@temporalio/common';
import { z } from 'zod';
import { PARCOURS } from '../../../../domain/parcours/stages';
import { REFUSAL_REASONS } from '../../../../domain/parcours/positionnement';
import { CERTIFICATIONS, EXIT_KINDS, FOLLOW_UP_OUTCOMES } from '../../../../domain/parcours/sortie';
import {
  accorderAide, confirmerEntree, declarerSortie, deciderPositionnement, enregistrerPositionnement, enregistrerSuivi, planifierPositionnement,
  reprendre, retirer, suspendre, type ParcoursState,
} from '../../../../workflows/parcours/messages';
import { actorOf, type Principal } from '../../../auth';
import { act } from '../../../case/act';
import type { ApiContext } from '../../../context';
import { AideBody, establishPayFile, MotifBody, RemunerationBody, SortieBody, SuiviBody } from '../../../parcours/formation-routes';
import { DecisionBody, EntreeBody, PlanifierBody, ResultatsBody, RetraitBody } from '../../../parcours/schemas';
import { Checkbox, Field, Input, int, parisLocalToIso, Radios, Select, text, TextArea, type ConsoleAction } from './fields';

const EXIT_LABELS: Record<(typeof EXIT_KINDS)[number], string> = { terminee: 'Formation terminée', emploi: 'Sortie vers l’emploi', abandon: 'Abandon', exclusion: 'Exclusion' };
const CERTIFICATION_LABELS: Record<(typeof CERTIFICATIONS)[number], string> = { totale: 'Certification totale', partielle: 'Certification partielle', aucune: 'Aucune certification' };
const AID_LABELS = { equipement: 'Équipement', mobilite_transport: 'Mobilité : transport', mobilite_hebergement: 'Mobilité : hébergement',
  mobilite_restauration: 'Mobilité : restauration' } as const;
const FOLLOW_UP_LABELS: Record<(typeof FOLLOW_UP_OUTCOMES)[number], string> = { emploi_1mois: 'En emploi depuis au moins un mois',
  contrat_aide: 'En contrat aidé', creation_entreprise: 'Création d’entreprise', formation: 'En formation', aucune: 'Aucune de ces situations' };

/** POST /cases/:caseId/reprise takes no body: the form sends nothing but its CSRF token. */
const RepriseBody = z.object({}).strict();

/** The update every plain parcours route sends: the route's body and the caller as the actor, through `act`. */
const update = <A extends { actor: unknown }>(definition: UpdateDefinition<ParcoursState, [A]>) =>
  (ctx: ApiContext, p: Principal, caseId: string, body: Omit<A, 'actor'>) => act(ctx, p, caseId, definition, { ...body, actor: actorOf(p) } as A, PARCOURS.kind);

export const PARCOURS_ACTIONS: readonly ConsoleAction[] = [
  {
    process: PARCOURS.kind, action: 'planifierPositionnement', roles: ['caseworker'], schema: PlanifierBody,
    fromForm: (f) => ({ scheduledAt: parisLocalToIso(f.scheduledAt) }),
    send: update(planifierPositionnement),
    Fields: (p) => <Input p={p} name="scheduledAt" type="datetime-local" label="Date et heure du rendez-vous (heure de Paris)" required />,
  },
  {
    process: PARCOURS.kind, action: 'enregistrerPositionnement', roles: ['caseworker'], schema: ResultatsBody,
    fromForm: (f) => ({ results: { avis: text(f.avis), commentaire: text(f.commentaire),
      scores: Object.fromEntries(['francais', 'calcul'].flatMap((k) => (int(f[k]) === undefined ? [] : [[k, int(f[k])]]))) } }),
    send: update(enregistrerPositionnement),
    Fields: (p) => (<>
      <Select p={p} name="avis" label="Avis" options={[['favorable', 'Favorable'], ['reserve', 'Réservé'], ['defavorable', 'Défavorable']]} />
      <Input p={p} name="francais" type="number" min={0} max={100} label="Score en français (0 à 100, facultatif)" />
      <Input p={p} name="calcul" type="number" min={0} max={100} label="Score en calcul (0 à 100, facultatif)" />
      <TextArea p={p} name="commentaire" label="Commentaire (facultatif)" />
    </>),
  },
  {
    process: PARCOURS.kind, action: 'deciderPositionnement', roles: ['caseworker'], schema: DecisionBody,
    fromForm: (f) => ({ decision: f.outcome === 'refuse' ? { outcome: 'refuse', reason: text(f.reason), commentaire: text(f.commentaire) }
      : f.outcome === 'reoriente' ? { outcome: 'reoriente', dispositif: text(f.dispositif), commentaire: text(f.commentaire) }
        : { outcome: text(f.outcome) } }),
    send: update(deciderPositionnement),
    Fields: (p) => (<>
      <Radios p={p} name="outcome" legend="Décision" options={[['admis', 'Admis'], ['reoriente', 'Réorienté vers un autre dispositif'], ['refuse', 'Refusé']]} />
      <Select p={p} name="reason" label="Motif du refus (si refusé)" options={Object.entries(REFUSAL_REASONS)} />
      <Input p={p} name="dispositif" label="Dispositif visé (si réorienté)" />
      <TextArea p={p} name="commentaire" label="Commentaire (facultatif)" />
    </>),
  },
  {
    process: PARCOURS.kind, action: 'confirmerEntree', roles: ['organisme'], schema: EntreeBody,
    fromForm: (f) => ({ entryDate: text(f.entryDate) }),
    send: update(confirmerEntree),
    Fields: (p) => <Input p={p} name="entryDate" type="date" label="Date d’entrée" required />,
  },
  {
    // The pay file: bank details stay in PostgreSQL, the profile goes to the workflow (the API's establishPayFile).
    process: PARCOURS.kind, action: 'etablirRemuneration', roles: ['caseworker'], schema: RemunerationBody,
    fromForm: (f) => ({ iban: text(f.iban), rythme: text(f.rythme), indemniseARE: f.indemniseARE === 'oui',
      profile: { priorWork: { monthsInLast12: int(f.monthsInLast12) ?? 0, monthsInLast24: int(f.monthsInLast24) ?? 0 }, rqth: f.rqth === 'oui' } }),
    send: (ctx, p, caseId, body: never) => establishPayFile(ctx, p, caseId, body),
    Fields: (p) => (<>
      <Field id={p.id('iban')} label="IBAN du ou de la stagiaire"><input id={p.id('iban')} name="iban" value={text(p.values.iban) ?? ''} autocomplete="off" required /></Field>
      <Field id={p.id('rythme')} label="Rythme">
        <select id={p.id('rythme')} name="rythme"><option value="temps_plein" selected={p.values.rythme !== 'temps_partiel'}>Temps plein</option>
          <option value="temps_partiel" selected={p.values.rythme === 'temps_partiel'}>Temps partiel</option></select>
      </Field>
      <Input p={p} name="monthsInLast12" type="number" min={0} max={12} label="Mois travaillés sur les 12 derniers mois" />
      <Input p={p} name="monthsInLast24" type="number" min={0} max={24} label="Mois travaillés sur les 24 derniers mois" />
      <Checkbox p={p} name="rqth" label="RQTH" />
      <Checkbox p={p} name="indemniseARE" label="Indemnisé·e par France Travail (AREF)" />
    </>),
  },
  {
    process: PARCOURS.kind, action: 'accorderAide', roles: ['caseworker'], schema: AideBody,
    fromForm: (f) => ({ kind: text(f.kind), quantity: int(f.quantity) ?? 1 }),
    send: update(accorderAide),
    Fields: (p) => (<>
      <Select p={p} name="kind" label="Aide" options={Object.entries(AID_LABELS)} />
      <Input p={p} name="quantity" type="number" min={1} label="Quantité (nuits, repas ou mois selon l’aide ; 1 pour l’équipement)" />
    </>),
  },
  {
    process: PARCOURS.kind, action: 'suspendre', roles: ['caseworker', 'organisme'], schema: MotifBody,
    fromForm: (f) => ({ motif: text(f.motif) }),
    send: update(suspendre),
    Fields: (p) => <Input p={p} name="motif" label="Motif de la suspension (interruption justifiée)" required maxLength={500} />,
  },
  {
    process: PARCOURS.kind, action: 'reprendre', roles: ['caseworker', 'organisme'], schema: RepriseBody,
    fromForm: () => ({}),
    send: update(reprendre),
    Fields: () => <p>La formation reprend à la date de ce jour.</p>,
  },
  {
    process: PARCOURS.kind, action: 'declarerSortie', roles: ['organisme', 'caseworker'], schema: SortieBody,
    fromForm: (f) => ({ kind: text(f.kind), exitDate: text(f.exitDate), certification: text(f.certification) }),
    send: update(declarerSortie),
    Fields: (p) => (<>
      <Select p={p} name="kind" label="Nature de la sortie" options={EXIT_KINDS.map((k) => [k, EXIT_LABELS[k]] as const)} />
      <Input p={p} name="exitDate" type="date" label="Date de sortie" required />
      <Select p={p} name="certification" label="Certification obtenue (facultatif)" options={CERTIFICATIONS.map((k) => [k, CERTIFICATION_LABELS[k]] as const)} />
    </>),
  },
  {
    process: PARCOURS.kind, action: 'enregistrerSuivi', roles: ['caseworker', 'partner'], schema: SuiviBody,
    fromForm: (f) => ({ step: text(f.step), outcome: text(f.outcome) }),
    send: update(enregistrerSuivi),
    Fields: (p) => (<>
      <Radios p={p} name="step" legend="Échéance du suivi" options={[['3m', 'À 3 mois'], ['6m', 'À 6 mois']]} />
      <Select p={p} name="outcome" label="Situation de la personne" options={FOLLOW_UP_OUTCOMES.map((o) => [o, FOLLOW_UP_LABELS[o]] as const)} />
    </>),
  },
  {
    process: PARCOURS.kind, action: 'retirer', roles: ['caseworker', 'partner'], schema: RetraitBody,
    fromForm: (f) => ({ motif: text(f.motif) }),
    send: update(retirer),
    Fields: (p) => <Input p={p} name="motif" label="Motif du désistement" required maxLength={500} />,
  },
];
