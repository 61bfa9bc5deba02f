/**
 * The TARGET2 (T2) calendar: the days the Eurosystem's settlement system is closed, on which no SEPA
 * credit transfer settles. Closed: Saturdays, Sundays, 1 January, Good Friday, Easter Monday, 1 May,
 * 25 and 26 December. French bank holidays (14 July, 15 August…) are business days for T2.
 *
 * POLICY: a requested execution date on a closing day is MOVED to the next business day, never refused
 * and never brought forward (paying earlier than decided could pay before a month is certified). The API
 * says so in its answer (`executionDateFor(...).messageFr`).
 *
 * Pure day arithmetic on 'YYYY-MM-DD' (days-from-civil), no Date and no clock: usable in workflow code.
 */
import { easterSunday, InvalidDateError } from '../dates';
import { PaymentRuleError } from './errors';

export type Target2ClosingReason =
  | 'samedi' | 'dimanche' | 'jour_de_l_an' | 'vendredi_saint' | 'lundi_de_paques' | 'fete_du_travail' | 'noel' | 'lendemain_de_noel';

const REASON_FR: Record<Target2ClosingReason, string> = {
  samedi: 'un samedi',
  dimanche: 'un dimanche',
  jour_de_l_an: 'le jour de l’an',
  vendredi_saint: 'le Vendredi saint',
  lundi_de_paques: 'le lundi de Pâques',
  fete_du_travail: 'la fête du Travail',
  noel: 'le jour de Noël',
  lendemain_de_noel: 'le lendemain de Noël',
};

const MONTHS_FR = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

interface Ymd { y: number; m: number; d: number }

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const monthLength = (y: number, m: number): number => (m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31);

function parse(date: string): Ymd {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const [y, m, d] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  if (!match || m < 1 || m > 12 || d < 1 || d > monthLength(y, m)) throw new PaymentRuleError(`date invalide (AAAA-MM-JJ attendu) : ${date}`);
  return { y, m, d };
}

const format = ({ y, m, d }: Ymd): string => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** Days since 1970-01-01 (H. Hinnant's days_from_civil, proleptic Gregorian). */
function toDays({ y, m, d }: Ymd): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function fromDays(days: number): Ymd {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: era * 400 + yoe + (m <= 2 ? 1 : 0), m, d };
}

/** Easter Sunday, as a PaymentRuleError for a year outside the Gregorian calendar (one Easter: domain/dates). */
function easterOf(year: number): string {
  try {
    return easterSunday(year);
  } catch (err) {
    if (err instanceof InvalidDateError) throw new PaymentRuleError(err.message);
    throw err;
  }
}

/** Why T2 is closed on `date`, or null on a business day. */
export function target2ClosingReason(date: string): Target2ClosingReason | null {
  const ymd = parse(date);
  const days = toDays(ymd);
  const weekday = (((days + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday (4); 0 = Sunday
  if (weekday === 6) return 'samedi';
  if (weekday === 0) return 'dimanche';
  const md = date.slice(5);
  if (md === '01-01') return 'jour_de_l_an';
  if (md === '05-01') return 'fete_du_travail';
  if (md === '12-25') return 'noel';
  if (md === '12-26') return 'lendemain_de_noel';
  const easter = toDays(parse(easterOf(ymd.y)));
  if (days === easter - 2) return 'vendredi_saint';
  if (days === easter + 1) return 'lundi_de_paques';
  return null;
}

export const isTarget2BusinessDay = (date: string): boolean => target2ClosingReason(date) === null;

/** The first business day strictly AFTER `date` (D+1 in T2 days). */
export function nextTarget2BusinessDay(date: string): string {
  let days = toDays(parse(date));
  do days += 1;
  while (!isTarget2BusinessDay(format(fromDays(days))));
  return format(fromDays(days));
}

const dateFr = (date: string): string => {
  const { y, m, d } = parse(date);
  return `${d === 1 ? '1er' : d} ${MONTHS_FR[m - 1]} ${y}`;
};

export interface ExecutionDate {
  requested: string;
  /** The requested date if T2 is open, else the next business day. */
  executionDate: string;
  moved: boolean;
  reason: Target2ClosingReason | null;
  /** For the API's answer when the date moved. */
  messageFr: string | null;
}

/** The policy: a closing day moves to the next business day, and the answer says why. */
export function executionDateFor(requested: string): ExecutionDate {
  const reason = target2ClosingReason(requested);
  if (reason === null) return { requested, executionDate: requested, moved: false, reason, messageFr: null };
  const executionDate = nextTarget2BusinessDay(requested);
  return {
    requested, executionDate, moved: true, reason,
    messageFr: `Le ${dateFr(requested)} est ${REASON_FR[reason]}, jour de fermeture de TARGET2 : les virements seront exécutés le ${dateFr(executionDate)}, jour ouvré suivant.`,
  };
}
