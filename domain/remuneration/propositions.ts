/**
 * New parameter rows go through four eyes: a finance user proposes a dated row, ANOTHER finance user approves
 * it (or anyone of finance rejects it, with a reason; the proposer may withdraw their own). Only an approved
 * row is inserted in its table. This file is the pure part: the checks and the state of a proposal.
 *
 * Checks on the row (again at approval: months may have been paid in between):
 * - effectiveFrom is a real date, and a 1st of the month (except aids, granted on any day): a month's amount
 *   is the row in force on its first paid day, so a row starting mid-month would change only some trainees'
 *   month;
 * - it is after every month already paid: a row must not change what was paid (a correction of a paid month
 *   is a recalculation with complements and indus, not a parameter change);
 * - amounts are whole cents > 0 (bounds: min ≤ max), the avance share a whole percent 1–100;
 * - source is given and verified is a boolean: finance says where the figure comes from.
 * Actors are 'role:id' strings as in the audit log (api/auth.ts actorOf); finance is 'finance:<id>'.
 */
import { assertIsoDate, InvalidDateError } from '../dates';
import { ParameterProposalError, type ParameterProposalErrorCode } from './errors';
import type { AidKind, AidUnit, IsoDate, RateCategory } from './parameters';

interface RowBase {
  effectiveFrom: IsoDate;
  source: string;
  verified: boolean;
}

/** The proposed row, by table (names of the SQL tables). */
export type ProposedRow =
  | (RowBase & { table: 'remuneration_rate'; category: RateCategory; monthlyCents: number })
  | (RowBase & { table: 'rqth_salary_bounds'; minCents: number; maxCents: number })
  | (RowBase & { table: 'ass_amount'; dailyCents: number })
  | (RowBase & { table: 'aid_amount'; kind: AidKind; unit: AidUnit; amountCents: number })
  | (RowBase & { table: 'remuneration_setting'; key: 'avance_percent'; value: number });

export type ProposalStatus = 'proposee' | 'approuvee' | 'rejetee';

export interface ParameterProposal {
  row: ProposedRow;
  proposedBy: string;
  proposedAt: string;
  status: ProposalStatus;
  /** Who approved or rejected, and when (columns approved_by / approved_at). */
  decidedBy: string | null;
  decidedAt: string | null;
  /** Reason of a rejection. */
  reason: string | null;
}

export interface ProposalContext {
  /** The latest month for which any payment was issued (YYYY-MM), null if none yet. */
  latestPaidPeriod: string | null;
}

const fail = (code: ParameterProposalErrorCode, message: string): never => {
  throw new ParameterProposalError(code, message);
};

const RATE_CATEGORIES: readonly RateCategory[] = ['mineur_16_17', 'jeune_18_25', 'adulte_26_plus', 'jeune_activite_anterieure', 'jeune_situation_familiale', 'rqth'];
const AID_KINDS: readonly AidKind[] = ['equipement', 'mobilite_transport', 'mobilite_hebergement', 'mobilite_restauration'];
const AID_UNITS: readonly AidUnit[] = ['par_parcours', 'par_mois', 'par_nuit', 'par_repas'];

function checkDate(row: ProposedRow, ctx: ProposalContext): void {
  try {
    assertIsoDate(row.effectiveFrom);
  } catch (e) {
    if (e instanceof InvalidDateError) fail('date_invalide', `La date d’effet « ${row.effectiveFrom} » n’est pas une date réelle (AAAA-MM-JJ).`);
    throw e;
  }
  if (row.table !== 'aid_amount' && !row.effectiveFrom.endsWith('-01')) {
    fail('pas_un_premier_du_mois', 'La date d’effet doit être le 1er d’un mois : le montant d’un mois est celui en vigueur à son premier jour.');
  }
  if (ctx.latestPaidPeriod !== null && row.effectiveFrom.slice(0, 7) <= ctx.latestPaidPeriod) {
    fail('mois_deja_paye', `La date d’effet tombe dans un mois déjà payé (dernier mois payé : ${ctx.latestPaidPeriod}) : la ligne changerait des montants versés.`);
  }
}

function checkCents(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value <= 0) fail('montant_invalide', `${what} : un nombre entier de centimes supérieur à 0 est attendu (reçu : ${value}).`);
}

function checkFigures(row: ProposedRow): void {
  switch (row.table) {
    case 'remuneration_rate':
      if (!RATE_CATEGORIES.includes(row.category)) fail('ligne_inconnue', `Catégorie de barème inconnue : ${row.category}.`);
      return checkCents(row.monthlyCents, 'Montant mensuel');
    case 'rqth_salary_bounds':
      checkCents(row.minCents, 'Minimum');
      checkCents(row.maxCents, 'Maximum');
      if (row.minCents > row.maxCents) fail('bornes_inversees', 'Le minimum dépasse le maximum.');
      return;
    case 'ass_amount':
      return checkCents(row.dailyCents, 'Montant journalier de l’ASS');
    case 'aid_amount':
      if (!AID_KINDS.includes(row.kind) || !AID_UNITS.includes(row.unit)) fail('ligne_inconnue', `Aide ou unité inconnue : ${row.kind} / ${row.unit}.`);
      return checkCents(row.amountCents, 'Montant de l’aide');
    case 'remuneration_setting':
      if (row.key !== 'avance_percent') fail('ligne_inconnue', `Réglage non modifiable par proposition : ${String(row.key)}.`);
      if (!Number.isSafeInteger(row.value) || row.value < 1 || row.value > 100) fail('valeur_invalide', 'La part de l’avance est un pourcentage entier de 1 à 100.');
      return;
    default:
      fail('ligne_inconnue', `Table de paramètres inconnue : ${(row as { table: string }).table}.`);
  }
}

/** All checks on a proposed row; throws ParameterProposalError with a French message. */
export function validateProposedRow(row: ProposedRow, ctx: ProposalContext): void {
  checkDate(row, ctx);
  checkFigures(row);
  if (typeof row.source !== 'string' || !row.source.trim()) fail('source_manquante', 'Indiquez la source du montant (texte, publication ou calcul).');
  if (typeof row.verified !== 'boolean') fail('verifie_manquant', 'Indiquez si le montant a été vérifié sur le texte publié (oui ou non).');
}

const isFinance = (actor: string): boolean => /^finance:.+/.test(actor);

function checkFinance(actor: string): void {
  if (!isFinance(actor)) fail('role_finance_requis', 'Seule la direction des finances propose et valide les paramètres.');
}

function checkOpen(p: ParameterProposal): void {
  if (p.status !== 'proposee') fail('deja_traitee', `Cette proposition est déjà ${p.status === 'approuvee' ? 'approuvée' : 'rejetée'}.`);
}

export function proposeRow(row: ProposedRow, proposedBy: string, proposedAt: string, ctx: ProposalContext): ParameterProposal {
  checkFinance(proposedBy);
  validateProposedRow(row, ctx);
  return { row, proposedBy, proposedAt, status: 'proposee', decidedBy: null, decidedAt: null, reason: null };
}

/** Four eyes: a finance user other than the proposer; the row is checked again against the months paid since. */
export function approveProposal(p: ParameterProposal, approver: string, at: string, ctx: ProposalContext): ParameterProposal {
  checkOpen(p);
  checkFinance(approver);
  if (approver.trim().toLowerCase() === p.proposedBy.trim().toLowerCase()) {
    fail('meme_personne', 'La personne qui valide doit être différente de celle qui a proposé (contrôle à quatre yeux).');
  }
  validateProposedRow(p.row, ctx);
  return { ...p, status: 'approuvee', decidedBy: approver, decidedAt: at };
}

/** Rejection by finance (the proposer may withdraw their own), always with a reason. */
export function rejectProposal(p: ParameterProposal, by: string, at: string, reason: string): ParameterProposal {
  checkOpen(p);
  checkFinance(by);
  if (!reason.trim()) fail('motif_manquant', 'Indiquez le motif du rejet.');
  return { ...p, status: 'rejetee', decidedBy: by, decidedAt: at, reason: reason.trim() };
}
