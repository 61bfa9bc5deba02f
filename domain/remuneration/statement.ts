/**
 * The lines of the monthly statement, in plain French (FALC: short sentences, one idea per line, amounts
 * written in full). They never name a disability or a family situation: a mail can be read over a shoulder.
 */
import type { BaremeDecision } from './bareme';
import { formatDateFr } from '../dates';
import { formatDurationFr, formatEuros } from './money';
import type { MonthlyBreakdown } from './monthly';
import type { IsoDate } from './parameters';

type Amounts = Omit<MonthlyBreakdown, 'lines'>;
interface Period { first: IsoDate; last: IsoDate }

const hundredthsFr = (h: number): string => `${Math.floor(h / 100)},${String(h % 100).padStart(2, '0')}`;

function prorataLines(b: Amounts, period: Period): string[] {
  const p = b.prorata;
  if (p.kind === 'jours_calendaires') {
    if (p.daysInTraining === p.daysInMonth) return [];
    return [
      `Vous étiez en formation du ${formatDateFr(period.first)} au ${formatDateFr(period.last)}.`,
      `Cela fait ${p.daysInTraining} jours sur les ${p.daysInMonth} jours du mois, soit ${formatEuros(b.proratedCents)}.`,
    ];
  }
  const divisor = hundredthsFr(p.divisorHundredthsOfHour);
  if (p.capped) return [`Vous avez plus de ${divisor} heures de formation ce mois-ci : vous recevez le montant complet.`, ...assLines(b)];
  const byHours = b.plancherASS?.partTimeCents ?? b.proratedCents;
  return [
    `Vous êtes à temps partiel : ${formatDurationFr(p.scheduledMinutes)} de formation prévues ce mois-ci.`,
    `Chaque heure est payée le montant complet divisé par ${divisor}, soit ${formatEuros(byHours)} pour le mois.`,
    ...assLines(b),
  ];
}

/** The raise to the ASS floor (D6341-24-1), said only when it changed the amount. */
function assLines(b: Amounts): string[] {
  const f = b.plancherASS;
  if (!f?.applied) return [];
  const days = f.daysInTraining === f.daysInMonth ? 'pour le mois' : `pour vos ${f.daysInTraining} jours de formation du mois`;
  return [
    `C'est moins que l'allocation de solidarité spécifique (ASS) que vous pourriez recevoir : ${formatEuros(f.floorCents)} ${days}.`,
    `Votre rémunération est donc augmentée à ${formatEuros(f.floorCents)}.`,
  ];
}

function deductionLines(b: Amounts): string[] {
  const lines: string[] = [];
  const abs = b.deductions.absencesNonJustifiees;
  if (abs.minutes > 0) lines.push(`Absences non justifiées : ${formatDurationFr(abs.minutes)}, soit ${formatEuros(-abs.cents)}.`);
  const ij = b.deductions.indemnitesJournalieres;
  if (ij.receivedCents > 0) {
    lines.push(`Indemnités journalières de la Sécurité sociale (arrêt maladie) : ${formatEuros(-ij.cents)}.`);
    if (ij.cents < ij.receivedCents) {
      lines.push(`Vos indemnités journalières (${formatEuros(ij.receivedCents)}) sont plus élevées que votre rémunération du mois.`);
    }
  }
  return lines;
}

export function statementLines(b: Amounts, decision: BaremeDecision, period: Period): string[] {
  return [
    `Montant pour un mois complet à temps plein : ${formatEuros(b.baseCents)}.`,
    decision.reasonFr,
    ...prorataLines(b, period),
    ...deductionLines(b),
    `Vous recevez : ${formatEuros(b.netCents)}.`,
  ];
}
