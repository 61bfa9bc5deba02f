/** French wording the console pages share: dates, countdowns, stage labels. */
import { formatLongDateFr, formatTimeFr } from '../../domain/dates';
import { PROCESS_APIS } from '../processes';

export const processLabel = (kind: string): string => PROCESS_APIS.find((p) => p.definition.kind === kind)?.definition.label ?? kind;

export const stageLabel = (kind: string, stage: string): string =>
  PROCESS_APIS.find((p) => p.definition.kind === kind)?.definition.stages[stage] ?? stage;

export const dateTimeFr = (instant: string | Date): string => {
  const iso = typeof instant === 'string' ? instant : instant.toISOString();
  return `${formatLongDateFr(iso)} à ${formatTimeFr(iso)}`;
};

/** "en retard de 3 jours", "dans 5 jours", "aujourd’hui": what a deadline means now. */
export function countdown(dueAt: Date | string, now = new Date()): { text: string; late: boolean } {
  const ms = new Date(dueAt).getTime() - now.getTime();
  const days = Math.round(Math.abs(ms) / 86_400_000);
  const plural = (n: number) => `${n} jour${n > 1 ? 's' : ''}`;
  if (ms < 0) return { text: days === 0 ? 'dépassée aujourd’hui' : `en retard de ${plural(days)}`, late: true };
  return { text: days === 0 ? 'aujourd’hui' : `dans ${plural(days)}`, late: false };
}

/** Who did it, as the journal writes it ("caseworker:agent-1"): the role in French and the id. */
export function actorLabel(actor: string): string {
  const [role, id] = actor.split(':');
  const labels: Record<string, string> = { caseworker: 'Chargé·e de parcours', partner: 'Partenaire', organisme: 'Organisme', system: 'Système',
    finance: 'Finances', ops: 'Exploitation', chef_service: 'Chef·fe de service' };
  return id ? `${labels[role] ?? role} ${id}` : (labels[role] ?? actor);
}
