/**
 * The sur-mesure order's actions as forms: each one the API route's schema and service (api/sur-mesure/routes-*.ts).
 * A route with a candidate or a trainee in its path takes it from a list of the order's own (the case view), checked
 * again by the service (assertCandidat / assertStagiaire). Finance's commitment (engager) stays in the API: the
 * console's case page is not finance's (the core keeps it away from cases).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { RECRUITING_PARTNER_KINDS } from '../../../../activities/sur-mesure/commande';
import { CONTRACT_KINDS } from '../../../../domain/sur-mesure/contrat';
import { SUR_MESURE } from '../../../../domain/sur-mesure/process';
import { referCandidate } from '../../../sur-mesure/candidats';
import { declareHiring, declareServiceFait, declareSixMonths } from '../../../sur-mesure/routes-embauche';
import { cancelCommande, coConstruct, qualifyCommande, recordDerogation, visaCommande } from '../../../sur-mesure/routes-instruction';
import { chooseCandidate, launchRecruitment, planMeeting, positionCandidate } from '../../../sur-mesure/routes-recrutement';
import {
  CandidatBody, CandidatParams, ChoixBody, CoConstructionBody, DerogationBody, EmbaucheBody, MotifBody, PositionnementBody, QualificationBody,
  RecrutementBody, ReunionBody, ServiceFaitBody, StagiaireParams, Suivi6MoisBody, VisaBody,
} from '../../../sur-mesure/schemas';
import {
  cents, Checkbox, Checkboxes, Input, int, list, OUI_NON, parisLocalToIso, Radios, Select, text, TextArea, yes, yesNo, type ConsoleAction, type FieldsProps,
  type Form,
} from './fields';

const kind = SUR_MESURE.kind;
const organisations = (em: EntityManager, kinds: readonly string[]) =>
  em.execute<{ id: string; name: string }[]>('select id, name from organisation where kind = any(?) order by name limit 200', [kinds]);

type Candidat = { candidatId: string; prenom?: string; nom?: string };
type Stagiaire = { stagiaireId: string; prenom?: string; nom?: string };
const candidatesOf = (view: FieldsProps['view']): Candidat[] => (view.candidats as Candidat[] | undefined) ?? [];
const traineesOf = (view: FieldsProps['view']): Stagiaire[] => (view.stagiaires as Stagiaire[] | undefined) ?? [];
const who = (c: { prenom?: string; nom?: string }, id: string): string => (c.nom ? `${c.prenom ?? ''} ${c.nom.toUpperCase()}` : id.slice(0, 8));

const CandidatSelect = ({ p }: { p: FieldsProps }) => (
  <Select p={p} name="candidatId" label="Candidat" options={candidatesOf(p.view).map((c) => [c.candidatId, who(c, c.candidatId)] as const)} />);
const StagiaireSelect = ({ p }: { p: FieldsProps }) => (
  <Select p={p} name="stagiaireId" label="Stagiaire" options={traineesOf(p.view).map((t) => [t.stagiaireId, who(t, t.stagiaireId)] as const)} />);

/** A route with an id in its path: the id and the route's own body, checked together. */
const withCandidat = <T extends z.ZodType>(body: T) => z.object({ candidatId: CandidatParams.shape.candidatId, body });
const withStagiaire = <T extends z.ZodType>(body: T) => z.object({ stagiaireId: StagiaireParams.shape.stagiaireId, body });

const CONTRACT_LABELS: Record<string, string> = { cdi: 'CDI', cdd: 'CDD', apprentissage: 'Contrat d’apprentissage', professionnalisation: 'Contrat de professionnalisation',
  interim: 'Intérim' };
const contractLabel = (k: string): string => CONTRACT_LABELS[k] ?? `Contrat aidé (${k.replace(/_/g, ' ')})`;
const RUPTURES = [['employeur', 'À l’initiative de l’employeur'], ['salarie', 'À l’initiative du salarié'], ['commun_accord', 'D’un commun accord'],
  ['terme', 'Arrivée à son terme']] as const;

/** The visa's steps are one route: each step a form of its own (the definition's action), the same body schema. */
const visa = (action: 'proposer' | 'valider' | 'voter' | 'renvoyer' | 'rejeter', roles: ConsoleAction['roles'], fromForm: (f: Form) => object,
  Fields: ConsoleAction['Fields']): ConsoleAction => ({
  process: kind, action, roles, schema: VisaBody, fromForm: (f) => ({ action, ...fromForm(f) }),
  send: (ctx, p, caseId, body: never) => visaCommande(ctx, p, caseId, body), Fields,
});
const Motif = (p: FieldsProps) => <TextArea p={p} name="motif" label="Motif" required />;

/** Hours typed in the service fait form (decimal, "12,5") as the API's minutes. */
const minutesOf = (v: Form[string]): number | undefined => {
  const s = text(v)?.replace(',', '.');
  return s === undefined ? undefined : /^\d+(\.\d+)?$/.test(s) ? Math.round(Number(s) * 60) : Number.NaN;
};

export const SUR_MESURE_ACTIONS: readonly ConsoleAction[] = [
  {
    process: kind, action: 'qualifier', roles: ['caseworker'], schema: QualificationBody,
    fromForm: (f) => ({ ecartCompetences: text(f.ecartCompetences), organismeId: text(f.organismeId),
      certification: text(f.code) ? { code: text(f.code), niveau: int(f.niveau) } : undefined }),
    send: (ctx, p, caseId, body: never) => qualifyCommande(ctx, p, caseId, body),
    choices: async (em) => ({ organismes: (await organisations(em, ['organisme_formation'])).map((o) => ({ value: o.id, label: o.name })) }),
    Fields: (p) => (<>
      <TextArea p={p} name="ecartCompetences" label="Compétences à acquérir" required />
      <Select p={p} name="organismeId" label="Organisme de formation chargé de la co-construction" options={(p.choices.organismes ?? []).map((o) => [o.value, o.label] as const)} />
      <Input p={p} name="code" label="Certification visée, RNCP… ou RS… (facultatif)" />
      <Input p={p} name="niveau" type="number" min={3} max={8} label="Niveau de la certification (3 à 8, facultatif)" />
    </>),
  },
  {
    // The AFEST tutor's name stays in PostgreSQL (the API's coConstruct), the design goes to the workflow.
    process: kind, action: 'coConstruire', roles: ['organisme'], schema: CoConstructionBody,
    fromForm: (f) => ({ programme: text(f.programme), heuresCentre: int(f.heuresCentre), heuresEntreprise: int(f.heuresEntreprise),
      dateDebut: text(f.dateDebut), dateFin: text(f.dateFin), devisCents: cents(f.devisCents), psychotechnique: yes(f.psychotechnique),
      afest: yes(f.afest) ? { analyseActivite: yes(f.analyseActivite), tuteur: text(f.tuteur) ?? null, phasesReflexives: yes(f.phasesReflexives),
        evaluations: yes(f.evaluations) } : undefined }),
    send: (ctx, p, caseId, body: never) => coConstruct(ctx, p, caseId, body),
    Fields: (p) => (<>
      <TextArea p={p} name="programme" label="Programme" required />
      <Input p={p} name="heuresCentre" type="number" min={0} label="Heures en centre" required />
      <Input p={p} name="heuresEntreprise" type="number" min={0} label="Heures en entreprise" required />
      <Input p={p} name="dateDebut" type="date" label="Date de début" required />
      <Input p={p} name="dateFin" type="date" label="Date de fin" required />
      <Input p={p} name="devisCents" label="Devis, en euros" required />
      <Checkbox p={p} name="psychotechnique" label="Tests psychotechniques exigés (métiers de la conduite)" />
      <fieldset>
        <legend>Formation en situation de travail (AFEST), facultatif</legend>
        <Checkbox p={p} name="afest" label="Le programme comprend une AFEST" />
        <Checkbox p={p} name="analyseActivite" label="Analyse de l’activité faite" />
        <Checkbox p={p} name="phasesReflexives" label="Phases réflexives prévues" />
        <Checkbox p={p} name="evaluations" label="Évaluations prévues" />
        <Input p={p} name="tuteur" label="Nom du tuteur (facultatif)" maxLength={200} />
      </fieldset>
    </>),
  },
  {
    process: kind, action: 'enregistrerDerogation', roles: ['caseworker'], schema: DerogationBody,
    fromForm: (f) => ({ reference: text(f.reference) }),
    send: (ctx, p, caseId, body: never) => recordDerogation(ctx, p, caseId, body),
    Fields: (p) => <Input p={p} name="reference" label="Référence de la dérogation" required maxLength={100} />,
  },
  visa('proposer', ['caseworker'], (f) => ({ montantCents: cents(f.montantCents) }),
    (p) => <Input p={p} name="montantCents" label="Montant proposé, en euros" required />),
  visa('valider', ['chef_service'], () => ({}), () => <p>Vous validez la proposition de financement.</p>),
  visa('voter', ['chef_service'], (f) => ({ vote: text(f.vote), commission: { date: text(f.date), reference: text(f.reference) } }),
    (p) => (<>
      <Radios p={p} name="vote" legend="Vote de la commission" options={[['favorable', 'Favorable'], ['defavorable', 'Défavorable']]} />
      <Input p={p} name="date" type="date" label="Date de la commission" required />
      <Input p={p} name="reference" label="Référence de la délibération" required maxLength={100} />
    </>)),
  visa('renvoyer', ['chef_service'], (f) => ({ motif: text(f.motif) }), Motif),
  visa('rejeter', ['chef_service'], (f) => ({ motif: text(f.motif) }), Motif),
  {
    process: kind, action: 'lancerRecrutement', roles: ['caseworker'], schema: RecrutementBody,
    fromForm: (f) => ({ partenaires: list(f.partenaires) }),
    send: (ctx, p, caseId, body: never) => launchRecruitment(ctx, p, caseId, body),
    choices: async (em) => ({ partenaires: (await organisations(em, RECRUITING_PARTNER_KINDS)).map((o) => ({ value: o.id, label: o.name })) }),
    Fields: (p) => <Checkboxes p={p} name="partenaires" legend="Partenaires à qui demander de recruter" options={(p.choices.partenaires ?? []).map((o) => [o.value, o.label] as const)} />,
  },
  {
    process: kind, action: 'planifierReunion', roles: ['caseworker'], schema: ReunionBody,
    fromForm: (f) => ({ date: parisLocalToIso(f.date), lieu: text(f.lieu) }),
    send: (ctx, p, caseId, body: never) => planMeeting(ctx, p, caseId, body),
    Fields: (p) => (<>
      <Input p={p} name="date" type="datetime-local" label="Date et heure de la réunion (heure de Paris)" required />
      <Input p={p} name="lieu" label="Lieu" required maxLength={300} />
    </>),
  },
  {
    // The candidate's identity is written before the update and removed if the order refuses it (the API's referCandidate).
    process: kind, action: 'proposerCandidat', roles: ['partner'], schema: CandidatBody,
    fromForm: (f) => ({ reference: text(f.reference), person: { lastName: text(f.lastName), firstName: text(f.firstName), birthDate: text(f.birthDate),
      gender: text(f.gender), email: text(f.email), phone: text(f.phone), postalCode: text(f.postalCode) } }),
    send: (ctx, p, caseId, body: never) => referCandidate(ctx, p, caseId, body),
    Fields: (p) => (<>
      <Input p={p} name="reference" label="Référence de la prescription" required maxLength={100} />
      <Input p={p} name="lastName" label="Nom" required />
      <Input p={p} name="firstName" label="Prénom" required />
      <Input p={p} name="birthDate" type="date" label="Date de naissance" required />
      <Radios p={p} name="gender" legend="Sexe" options={[['F', 'Femme'], ['M', 'Homme'], ['X', 'Non précisé']]} />
      <Input p={p} name="email" type="email" label="Courriel" required />
      <Input p={p} name="phone" type="tel" label="Téléphone (facultatif)" />
      <Input p={p} name="postalCode" label="Code postal" required />
    </>),
  },
  {
    process: kind, action: 'positionnerCandidat', roles: ['organisme'], schema: withCandidat(PositionnementBody),
    fromForm: (f) => ({ candidatId: text(f.candidatId), body: { avis: text(f.avis), psychotechnique: text(f.psychotechnique) } }),
    send: (ctx, p, caseId, { candidatId, body }: { candidatId: string; body: never }) => positionCandidate(ctx, p, caseId, candidatId, body),
    Fields: (p) => (<>
      <CandidatSelect p={p} />
      <Select p={p} name="avis" label="Avis" options={[['favorable', 'Favorable'], ['reserve', 'Réservé'], ['defavorable', 'Défavorable']]} />
      <Select p={p} name="psychotechnique" label="Tests psychotechniques (si le programme les exige)" options={[['apte', 'Apte'], ['inapte', 'Inapte']]} />
    </>),
  },
  {
    process: kind, action: 'choisirCandidat', roles: ['entreprise'], schema: withCandidat(ChoixBody),
    fromForm: (f) => ({ candidatId: text(f.candidatId), body: { retenu: yesNo(f.retenu), poste: int(f.poste) } }),
    send: (ctx, p, caseId, { candidatId, body }: { candidatId: string; body: never }) => chooseCandidate(ctx, p, caseId, candidatId, body),
    Fields: (p) => {
      const postes = ((p.view.commande as { postes?: { rang: number; intitule: string }[] } | undefined)?.postes ?? []);
      return (<>
        <CandidatSelect p={p} />
        <Radios p={p} name="retenu" legend="Retenez-vous ce candidat ?" options={OUI_NON} />
        <Select p={p} name="poste" label="Poste (si retenu)" options={postes.map((x, i) => [String(i), x.intitule] as const)} />
      </>);
    },
  },
  {
    process: kind, action: 'declarerEmbauche', roles: ['entreprise', 'caseworker'], schema: withStagiaire(EmbaucheBody),
    fromForm: (f) => ({ stagiaireId: text(f.stagiaireId), body: f.embauche === 'non' ? { embauche: false, refusParLeStagiaire: yes(f.refusParLeStagiaire) }
      : { embauche: yesNo(f.embauche), contrat: { kind: text(f.kind), startDate: text(f.startDate),
        durationMonths: text(f.durationMonths) === undefined ? null : int(f.durationMonths), weeklyHours: int(f.weeklyHours) } } }),
    send: (ctx, p, caseId, { stagiaireId, body }: { stagiaireId: string; body: never }) => declareHiring(ctx, p, caseId, stagiaireId, body),
    Fields: (p) => (<>
      <StagiaireSelect p={p} />
      <Radios p={p} name="embauche" legend="Le stagiaire est-il embauché ?" options={OUI_NON} />
      <Select p={p} name="kind" label="Contrat (si embauché)" options={CONTRACT_KINDS.map((k) => [k, contractLabel(k)] as const)} />
      <Input p={p} name="startDate" type="date" label="Début du contrat (si embauché)" />
      <Input p={p} name="durationMonths" type="number" min={1} max={120} label="Durée en mois (vide : durée indéterminée)" />
      <Input p={p} name="weeklyHours" type="number" min={1} max={48} label="Heures par semaine (si embauché)" />
      <Checkbox p={p} name="refusParLeStagiaire" label="Non embauché : c’est le stagiaire qui a refusé le poste" />
    </>),
  },
  {
    process: kind, action: 'declarerSuivi6Mois', roles: ['entreprise', 'caseworker'], schema: withStagiaire(Suivi6MoisBody),
    fromForm: (f) => ({ stagiaireId: text(f.stagiaireId), body: { stillEmployed: text(f.stillEmployed),
      rupture: text(f.dateRupture) || text(f.initiative) ? { date: text(f.dateRupture), initiative: text(f.initiative) } : undefined } }),
    send: (ctx, p, caseId, { stagiaireId, body }: { stagiaireId: string; body: never }) => declareSixMonths(ctx, p, caseId, stagiaireId, body),
    fieldOf: (path) => (path.includes('rupture') && path[path.length - 1] === 'date' ? 'dateRupture' : undefined),
    Fields: (p) => (<>
      <StagiaireSelect p={p} />
      <Radios p={p} name="stillEmployed" legend="Le contrat continue-t-il 6 mois après l’embauche ?" options={OUI_NON} />
      <Input p={p} name="dateRupture" type="date" label="Date de la rupture (si le contrat a pris fin)" />
      <Select p={p} name="initiative" label="Initiative de la rupture" options={RUPTURES} />
    </>),
  },
  {
    // The provider's account goes in the core's bank_account with the update (the API's declareServiceFait).
    process: kind, action: 'declarerServiceFait', roles: ['organisme'], schema: ServiceFaitBody,
    fromForm: (f) => ({ iban: text(f.iban), bic: text(f.bic),
      stagiaires: Object.keys(f).filter((k) => /^stagiaire-\d+$/.test(k)).sort((a, b) => Number(a.slice(10)) - Number(b.slice(10)))
        .map((k) => ({ stagiaireId: text(f[k]), minutesRealisees: minutesOf(f[`heures-${k.slice(10)}`]) })) }),
    send: (ctx, p, caseId, body: never) => declareServiceFait(ctx, p, caseId, body),
    fieldOf: (path) => (path[0] === 'stagiaires' && typeof path[1] === 'number' ? `heures-${path[1]}` : undefined),
    Fields: (p) => (<>
      <Input p={p} name="iban" label="IBAN de l’organisme" required />
      <Input p={p} name="bic" label="BIC (facultatif)" />
      <fieldset>
        <legend>Heures réalisées par stagiaire</legend>
        {traineesOf(p.view).map((t, i) => (<>
          <input type="hidden" name={`stagiaire-${i}`} value={t.stagiaireId} />
          <Input p={p} name={`heures-${i}`} label={`Heures réalisées par ${who(t, t.stagiaireId)}`} required />
        </>))}
      </fieldset>
    </>),
  },
  {
    process: kind, action: 'annuler', roles: ['caseworker', 'chef_service'], schema: MotifBody,
    fromForm: (f) => ({ motif: text(f.motif) }),
    send: (ctx, p, caseId, body: never) => cancelCommande(ctx, p, caseId, body),
    Fields: Motif,
  },
];
