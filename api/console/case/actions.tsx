/**
 * The actions of a case as forms. Each one is the API route's own: the same body schema (so the same checks and
 * French messages), the same workflow update sent through the same `act` (api/case/act.ts: access check, stage
 * check by the workflow, 409 with the definition's message). A form only turns its fields into the API's body.
 */
import type { VNode } from 'preact';
import type { ZodType } from 'zod';
import { PARCOURS } from '../../../domain/parcours/stages';
import { REFUSAL_REASONS } from '../../../domain/parcours/positionnement';
import { EXIT_KINDS } from '../../../domain/parcours/sortie';
import {
  accorderAide, confirmerEntree, declarerSortie, deciderPositionnement, enregistrerPositionnement, planifierPositionnement, retirer,
} from '../../../workflows/parcours/messages';
import { actorOf, type Principal, type Role } from '../../auth';
import { act } from '../../case/act';
import type { ApiContext } from '../../context';
import { AideBody, establishPayFile, RemunerationBody, SortieBody } from '../../parcours/formation-routes';
import { DecisionBody, EntreeBody, PlanifierBody, ResultatsBody, RetraitBody } from '../../parcours/schemas';

type Form = Record<string, string | undefined>;

export interface ConsoleAction {
  process: string;
  /** The action's name in the process definition (its label comes from there). */
  action: string;
  roles: readonly Role[];
  schema: ZodType;
  fromForm(form: Form): unknown;
  send(ctx: ApiContext, principal: Principal, caseId: string, body: never): Promise<unknown>;
  Fields(props: { id: (field: string) => string; values: Form }): VNode;
}

const text = (v: string | undefined): string | undefined => (v === undefined || v.trim() === '' ? undefined : v.trim());
const int = (v: string | undefined): number | undefined => (text(v) === undefined ? undefined : Number(v));

/** A `datetime-local` value (Paris wall-clock time) as ISO 8601 with its offset; anything else is left to the schema. */
export function parisLocalToIso(local: string | undefined): string | undefined {
  if (!local || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return text(local);
  const guess = new Date(`${local}:00Z`);
  const name = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Paris', timeZoneName: 'longOffset' })
    .formatToParts(guess).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  return `${local}:00${name === 'GMT' ? '+00:00' : name.slice(3)}`;
}

const Field = ({ id, label, children, hint }: { id: string; label: string; children: VNode; hint?: string }) => (
  <div class="champ"><label for={id}>{label}</label>{hint && <p class="aide" id={`${id}-aide`}>{hint}</p>}{children}</div>
);

const EXIT_LABELS: Record<(typeof EXIT_KINDS)[number], string> = { terminee: 'Formation terminée', emploi: 'Sortie vers l’emploi', abandon: 'Abandon', exclusion: 'Exclusion' };

const AID_LABELS = { equipement: 'Équipement', mobilite_transport: 'Mobilité : transport', mobilite_hebergement: 'Mobilité : hébergement',
  mobilite_restauration: 'Mobilité : restauration' } as const;

export const CONSOLE_ACTIONS: readonly ConsoleAction[] = [
  {
    process: PARCOURS.kind, action: 'planifierPositionnement', roles: ['caseworker'], schema: PlanifierBody,
    fromForm: (f) => ({ scheduledAt: parisLocalToIso(f.scheduledAt) }),
    send: (ctx, p, caseId, body: { scheduledAt: string }) => act(ctx, p, caseId, planifierPositionnement, { actor: actorOf(p), scheduledAt: body.scheduledAt }, PARCOURS.kind),
    Fields: ({ id, values }) => (
      <Field id={id('scheduledAt')} label="Date et heure du rendez-vous (heure de Paris)">
        <input type="datetime-local" id={id('scheduledAt')} name="scheduledAt" value={values.scheduledAt ?? ''} required />
      </Field>),
  },
  {
    process: PARCOURS.kind, action: 'enregistrerPositionnement', roles: ['caseworker'], schema: ResultatsBody,
    fromForm: (f) => ({ results: { avis: text(f.avis), commentaire: text(f.commentaire),
      scores: Object.fromEntries(['francais', 'calcul'].flatMap((k) => (int(f[k]) === undefined ? [] : [[k, int(f[k])]]))) } }),
    send: (ctx, p, caseId, body: { results: never }) => act(ctx, p, caseId, enregistrerPositionnement, { actor: actorOf(p), results: body.results }, PARCOURS.kind),
    Fields: ({ id, values }) => (<>
      <Field id={id('avis')} label="Avis">
        <select id={id('avis')} name="avis">
          <option value="">— choisir —</option>
          {[['favorable', 'Favorable'], ['reserve', 'Réservé'], ['defavorable', 'Défavorable']].map(([v, l]) => <option value={v} selected={values.avis === v}>{l}</option>)}
        </select>
      </Field>
      <Field id={id('francais')} label="Score en français (0 à 100, facultatif)"><input type="number" id={id('francais')} name="francais" min={0} max={100} value={values.francais ?? ''} /></Field>
      <Field id={id('calcul')} label="Score en calcul (0 à 100, facultatif)"><input type="number" id={id('calcul')} name="calcul" min={0} max={100} value={values.calcul ?? ''} /></Field>
      <Field id={id('commentaire')} label="Commentaire (facultatif)"><textarea id={id('commentaire')} name="commentaire" rows={2}>{values.commentaire ?? ''}</textarea></Field>
    </>),
  },
  {
    process: PARCOURS.kind, action: 'deciderPositionnement', roles: ['caseworker'], schema: DecisionBody,
    fromForm: (f) => ({ decision: f.outcome === 'refuse' ? { outcome: 'refuse', reason: text(f.reason), commentaire: text(f.commentaire) }
      : f.outcome === 'reoriente' ? { outcome: 'reoriente', dispositif: text(f.dispositif), commentaire: text(f.commentaire) }
        : { outcome: text(f.outcome) } }),
    send: (ctx, p, caseId, body: { decision: never }) => act(ctx, p, caseId, deciderPositionnement, { actor: actorOf(p), decision: body.decision }, PARCOURS.kind),
    Fields: ({ id, values }) => (<>
      <fieldset id={id('outcome')}>
        <legend>Décision</legend>
        {[['admis', 'Admis'], ['reoriente', 'Réorienté vers un autre dispositif'], ['refuse', 'Refusé']].map(([v, l]) => (
          <div><input type="radio" id={id(`outcome-${v}`)} name="outcome" value={v} checked={values.outcome === v} />
            <label for={id(`outcome-${v}`)} style="display:inline">{l}</label></div>))}
      </fieldset>
      <Field id={id('reason')} label="Motif du refus (si refusé)">
        <select id={id('reason')} name="reason"><option value="">— choisir —</option>
          {Object.entries(REFUSAL_REASONS).map(([v, l]) => <option value={v} selected={values.reason === v}>{l}</option>)}</select>
      </Field>
      <Field id={id('dispositif')} label="Dispositif visé (si réorienté)"><input id={id('dispositif')} name="dispositif" value={values.dispositif ?? ''} /></Field>
      <Field id={id('commentaire')} label="Commentaire (facultatif)"><textarea id={id('commentaire')} name="commentaire" rows={2}>{values.commentaire ?? ''}</textarea></Field>
    </>),
  },
  {
    process: PARCOURS.kind, action: 'confirmerEntree', roles: ['organisme'], schema: EntreeBody,
    fromForm: (f) => ({ entryDate: text(f.entryDate) }),
    send: (ctx, p, caseId, body: { entryDate: string }) => act(ctx, p, caseId, confirmerEntree, { actor: actorOf(p), entryDate: body.entryDate }, PARCOURS.kind),
    Fields: ({ id, values }) => (
      <Field id={id('entryDate')} label="Date d’entrée"><input type="date" id={id('entryDate')} name="entryDate" value={values.entryDate ?? ''} required /></Field>),
  },
  {
    // The pay file: bank details stay in PostgreSQL, the profile goes to the workflow (the API's establishPayFile).
    process: PARCOURS.kind, action: 'etablirRemuneration', roles: ['caseworker'], schema: RemunerationBody,
    fromForm: (f) => ({ iban: text(f.iban), rythme: text(f.rythme), indemniseARE: f.indemniseARE === 'oui',
      profile: { priorWork: { monthsInLast12: int(f.monthsInLast12) ?? 0, monthsInLast24: int(f.monthsInLast24) ?? 0 }, rqth: f.rqth === 'oui' } }),
    send: (ctx, p, caseId, body: never) => establishPayFile(ctx, p, caseId, body),
    Fields: ({ id, values }) => (<>
      <Field id={id('iban')} label="IBAN du ou de la stagiaire"><input id={id('iban')} name="iban" value={values.iban ?? ''} autocomplete="off" required /></Field>
      <Field id={id('rythme')} label="Rythme">
        <select id={id('rythme')} name="rythme"><option value="temps_plein" selected={values.rythme !== 'temps_partiel'}>Temps plein</option>
          <option value="temps_partiel" selected={values.rythme === 'temps_partiel'}>Temps partiel</option></select>
      </Field>
      <Field id={id('monthsInLast12')} label="Mois travaillés sur les 12 derniers mois"><input type="number" min={0} max={12} id={id('monthsInLast12')} name="monthsInLast12" value={values.monthsInLast12 ?? '0'} /></Field>
      <Field id={id('monthsInLast24')} label="Mois travaillés sur les 24 derniers mois"><input type="number" min={0} max={24} id={id('monthsInLast24')} name="monthsInLast24" value={values.monthsInLast24 ?? '0'} /></Field>
      <div class="champ"><input type="checkbox" id={id('rqth')} name="rqth" value="oui" checked={values.rqth === 'oui'} /> <label for={id('rqth')} style="display:inline">RQTH</label></div>
      <div class="champ"><input type="checkbox" id={id('indemniseARE')} name="indemniseARE" value="oui" checked={values.indemniseARE === 'oui'} /> <label for={id('indemniseARE')} style="display:inline">Indemnisé·e par France Travail (AREF)</label></div>
    </>),
  },
  {
    process: PARCOURS.kind, action: 'accorderAide', roles: ['caseworker'], schema: AideBody,
    fromForm: (f) => ({ kind: text(f.kind), quantity: int(f.quantity) ?? 1 }),
    send: (ctx, p, caseId, body: { kind: never; quantity: number }) => act(ctx, p, caseId, accorderAide, { actor: actorOf(p), ...body }, PARCOURS.kind),
    Fields: ({ id, values }) => (<>
      <Field id={id('kind')} label="Aide">
        <select id={id('kind')} name="kind"><option value="">— choisir —</option>
          {Object.entries(AID_LABELS).map(([k, l]) => <option value={k} selected={values.kind === k}>{l}</option>)}</select>
      </Field>
      <Field id={id('quantity')} label="Quantité (nuits, repas ou mois selon l’aide ; 1 pour l’équipement)"><input type="number" min={1} id={id('quantity')} name="quantity" value={values.quantity ?? '1'} /></Field>
    </>),
  },
  {
    process: PARCOURS.kind, action: 'declarerSortie', roles: ['organisme', 'caseworker'], schema: SortieBody,
    fromForm: (f) => ({ kind: text(f.kind), exitDate: text(f.exitDate) }),
    send: (ctx, p, caseId, body: { kind: never; exitDate: string }) => act(ctx, p, caseId, declarerSortie, { actor: actorOf(p), ...body }, PARCOURS.kind),
    Fields: ({ id, values }) => (<>
      <Field id={id('kind')} label="Nature de la sortie">
        <select id={id('kind')} name="kind"><option value="">— choisir —</option>
          {EXIT_KINDS.map((k) => <option value={k} selected={values.kind === k}>{EXIT_LABELS[k]}</option>)}</select>
      </Field>
      <Field id={id('exitDate')} label="Date de sortie"><input type="date" id={id('exitDate')} name="exitDate" value={values.exitDate ?? ''} required /></Field>
    </>),
  },
  {
    process: PARCOURS.kind, action: 'retirer', roles: ['caseworker', 'partner'], schema: RetraitBody,
    fromForm: (f) => ({ motif: text(f.motif) }),
    send: (ctx, p, caseId, body: { motif: string }) => act(ctx, p, caseId, retirer, { actor: actorOf(p), motif: body.motif }, PARCOURS.kind),
    Fields: ({ id, values }) => (
      <Field id={id('motif')} label="Motif du désistement"><input id={id('motif')} name="motif" value={values.motif ?? ''} required maxLength={500} /></Field>),
  },
];

export const consoleActionOf = (process: string, action: string): ConsoleAction | undefined =>
  CONSOLE_ACTIONS.find((a) => a.process === process && a.action === action);

/** The id of a form field, from the path of a schema's issue (`decision.reason` → `deciderPositionnement-reason`). */
export const fieldIdOf = (action: string, path: readonly PropertyKey[]): string => `${action}-${String(path[path.length - 1] ?? 'formulaire')}`;
