/**
 * The hiring check, per trainee, at the end of training: did the company hire as committed? Then the check
 * 6 months after the hiring. Pure; the parameters are the values in force on the order's date (the rules
 * under which the company committed).
 *
 * A breach (manquement) of the company is recorded when it did not hire, or hired on terms below its
 * commitment. What a breach does to the company's next need is the breach policy's business (eligibilite.ts).
 */
import { CONTRACT_LABELS, isContratAide, type ContratDeclare, type ContratPropose } from './contrat';
import { addDays, anniversary, type IsoDate } from './dates';
import type { SurMesureParameters } from './parametres';

export type HiringOutcome = 'embauche_conforme' | 'embauche_autres_conditions' | 'non_embauche_entreprise' | 'non_embauche_stagiaire';

/** How the trainee left the training (echec: did not pass the training's final assessment). */
export type SortieStagiaire = 'formation_terminee' | 'abandon' | 'echec' | 'exclusion';

export type DeclarationEmbauche =
  | { embauche: true; contrat: ContratDeclare }
  | { embauche: false; refusParLeStagiaire: boolean };

export interface HiringCheckInput {
  committed: ContratPropose;
  sortie: SortieStagiaire;
  declaration: DeclarationEmbauche;
}

export interface HiringCheck {
  outcome: HiringOutcome;
  /** Plain-French reasons; empty for a hiring as committed. */
  reasons: string[];
  manquement: boolean;
}

type HiringParameters = Pick<SurMesureParameters, 'allowed_contract_kinds' | 'min_contract_months' | 'hiring_start_tolerance_days'>;

function kindDifference(committed: ContratPropose, declared: ContratDeclare, p: HiringParameters): string[] {
  const label = CONTRACT_LABELS[declared.kind];
  if (!p.allowed_contract_kinds.includes(declared.kind)) {
    return [isContratAide(declared.kind) ? `${label} : les contrats aidés par l'État sont exclus du dispositif` : `${label} : type de contrat non prévu par le dispositif`];
  }
  // An open-ended CDI is at least as good as any committed contract.
  return declared.kind === committed.kind || declared.kind === 'cdi' ? [] : [`${label} au lieu d'un ${CONTRACT_LABELS[committed.kind]}`];
}

function durationDifference(committed: ContratPropose, declared: ContratDeclare, p: HiringParameters): string[] {
  const d = declared.durationMonths;
  if (d === null) return [];
  if (d < p.min_contract_months) return [`contrat de ${d} mois, moins que le minimum de ${p.min_contract_months} mois`];
  if (committed.durationMonths === null) {
    // A different kind of contract is already reported; only the same kind concluded for a fixed term is added.
    return declared.kind === committed.kind ? [`contrat de ${d} mois au lieu d'un contrat à durée indéterminée`] : [];
  }
  return d < committed.durationMonths ? [`contrat de ${d} mois au lieu de ${committed.durationMonths} mois`] : [];
}

function differences(committed: ContratPropose, declared: ContratDeclare, p: HiringParameters): string[] {
  const latest = addDays(committed.plannedHiringDate, p.hiring_start_tolerance_days);
  return [
    ...kindDifference(committed, declared, p),
    ...durationDifference(committed, declared, p),
    ...(declared.weeklyHours < committed.weeklyHours ? [`${declared.weeklyHours} heures par semaine au lieu de ${committed.weeklyHours}`] : []),
    ...(declared.startDate > latest
      ? [`embauche le ${declared.startDate}, plus de ${p.hiring_start_tolerance_days} jours après la date prévue (${committed.plannedHiringDate})`] : []),
  ];
}

const TRAINEE_EXITS: Readonly<Record<Exclude<SortieStagiaire, 'formation_terminee'>, string>> = {
  abandon: 'le stagiaire a abandonné la formation',
  echec: "le stagiaire n'a pas réussi la formation",
  exclusion: 'le stagiaire a été exclu de la formation',
};

export function classifyHiring(input: HiringCheckInput, p: HiringParameters): HiringCheck {
  const { declaration, sortie } = input;
  if (declaration.embauche) {
    const reasons = differences(input.committed, declaration.contrat, p);
    return { outcome: reasons.length === 0 ? 'embauche_conforme' : 'embauche_autres_conditions', reasons, manquement: reasons.length > 0 };
  }
  // Not hired: the trainee's exit explains it first, the trainee's refusal next, the company otherwise.
  if (sortie !== 'formation_terminee') return { outcome: 'non_embauche_stagiaire', reasons: [TRAINEE_EXITS[sortie]], manquement: false };
  if (declaration.refusParLeStagiaire) return { outcome: 'non_embauche_stagiaire', reasons: ['le stagiaire a refusé le contrat proposé'], manquement: false };
  return { outcome: 'non_embauche_entreprise', reasons: ["l'entreprise n'a pas embauché le stagiaire"], manquement: true };
}

/** When the company must have declared the hiring, and when it is reminded (past reminders before the end dropped). */
export function hiringDeclarationSchedule(
  trainingEnd: IsoDate,
  p: Pick<SurMesureParameters, 'hiring_declaration_days_after_end' | 'hiring_reminder_days_before_due'>,
): { dueDate: IsoDate; reminders: IsoDate[] } {
  const dueDate = addDays(trainingEnd, p.hiring_declaration_days_after_end);
  const reminders = [...new Set(p.hiring_reminder_days_before_due)]
    .map((days) => addDays(dueDate, -days))
    .filter((date) => date > trainingEnd)
    .sort();
  return { dueDate, reminders };
}

export type StillEmployed = 'oui' | 'non' | 'inconnu';

/** Who ended the contract: the employer (dismissal, end of trial period), the employee, both, or its term. */
export type RuptureInitiative = 'employeur' | 'salarie' | 'commun_accord' | 'terme';

export interface SixMonthInput {
  hiringStart: IsoDate;
  stillEmployed: StillEmployed;
  /** When stillEmployed is 'non' and the end is known. */
  rupture?: { date: IsoDate; initiative: RuptureInitiative } | null;
}

export interface SixMonthCheck {
  dueDate: IsoDate;
  stillEmployed: StillEmployed;
  reason: string;
  manquement: boolean;
}

const RUPTURE_LABELS: Readonly<Record<RuptureInitiative, string>> = {
  employeur: "à l'initiative de l'employeur",
  salarie: "à l'initiative du salarié",
  commun_accord: "d'un commun accord",
  terme: 'arrivée du terme',
};

/** Six months (a parameter) after the hiring started: the commitment was a contract of at least that long. */
export const sixMonthCheckDate = (hiringStart: IsoDate, p: Pick<SurMesureParameters, 'six_month_check_months'>): IsoDate =>
  anniversary(hiringStart, p.six_month_check_months);

/**
 * Only an end at the employer's initiative before the due date is a breach: the employee leaving is not
 * the company's doing, and a term reached early was already a breach at the hiring check.
 */
export function classifySixMonthCheck(input: SixMonthInput, p: Pick<SurMesureParameters, 'six_month_check_months'>): SixMonthCheck {
  const dueDate = sixMonthCheckDate(input.hiringStart, p);
  const base = { dueDate, stillEmployed: input.stillEmployed };
  if (input.stillEmployed === 'oui') return { ...base, reason: 'le contrat est toujours en cours', manquement: false };
  if (input.stillEmployed === 'inconnu') return { ...base, reason: "situation inconnue : l'entreprise doit être relancée", manquement: false };
  const r = input.rupture;
  if (!r) return { ...base, reason: 'contrat terminé, date et motif non renseignés', manquement: false };
  const manquement = r.initiative === 'employeur' && r.date < dueDate;
  return { ...base, reason: `contrat terminé le ${r.date} (${RUPTURE_LABELS[r.initiative]})`, manquement };
}
