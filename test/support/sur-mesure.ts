/** What the sur-mesure suites share: companies with valid SIRETs, a need, a design, and the steps of an order. */
import { randomInt, randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Organisation } from '../../db/entities';
import { addDaysToDate } from '../../domain/dates';

/** A Luhn check digit for `digits` (the key that makes digits + key pass Luhn). */
function luhnKey(digits: string): string {
  for (let key = 0; key < 10; key += 1) {
    const all = `${digits}${key}`;
    let sum = 0;
    for (let i = 0; i < all.length; i += 1) {
      const d = Number(all[all.length - 1 - i]);
      const v = i % 2 === 1 ? d * 2 : d;
      sum += v > 9 ? v - 9 : v;
    }
    if (sum % 10 === 0) return String(key);
  }
  throw new Error('unreachable');
}

/** A random SIRET whose SIREN and 14 digits pass Luhn (never La Poste's SIREN). */
export function validSiret(): string {
  const siren8 = String(randomInt(10_000_000, 99_999_999));
  const siren = `${siren8}${luhnKey(siren8)}`;
  const nic4 = String(randomInt(0, 9999)).padStart(4, '0');
  return `${siren}${nic4}${luhnKey(`${siren}${nic4}`)}`;
}

export async function createEntreprise(orm: MikroORM, name = 'Chaudronnerie Normande'): Promise<Organisation> {
  const em = orm.em.fork();
  const tag = randomUUID().slice(0, 8);
  const org = em.create(Organisation, { id: randomUUID(), kind: 'entreprise', name: `${name} ${tag}`, contactEmail: `rh-${tag}@entreprise.test`,
    webhookUrl: null, webhookSecret: null, siret: validSiret() });
  await em.flush();
  return org;
}

export interface OrderDates {
  debut: string;
  fin: string;
  embauche: string;
}

/** A training starting `startIn` days after `today`, lasting `days`, hiring a week after its end. */
export function orderDates(today: string, startIn = 20, days = 120): OrderDates {
  const debut = addDaysToDate(today, startIn);
  const fin = addDaysToDate(debut, days);
  return { debut, fin, embauche: addDaysToDate(fin, 7) };
}

// Unique across suites: jest runs several files in one worker process (same pid), each with its own module state.
export const contact = () => ({ lastName: 'Lefèvre', firstName: 'Sophie', email: `sophie.lefevre.${randomUUID().slice(0, 13)}@entreprise.test` });

/** A need of 3 posts: 2 welders on a CDI, 1 boilermaker on a 12-month CDD; `single`: 1 welder. */
export function besoin(org: Organisation, d: OrderDates, opts: { single?: boolean; bassin?: string } = {}) {
  const soudeur = { intitule: 'Soudeur', romeCode: 'H2913', nombre: opts.single ? 1 : 2, tuteur: 'Marc Dubois',
    contrat: { kind: 'cdi', durationMonths: null, weeklyHours: 35, plannedHiringDate: d.embauche } };
  const chaudronnier = { intitule: 'Chaudronnier', romeCode: 'H2902', nombre: 1, tuteur: 'Anne Roux',
    contrat: { kind: 'cdd', durationMonths: 12, weeklyHours: 35, plannedHiringDate: d.embauche } };
  return {
    siret: org.siret!, nafCode: '25.62B', site: { adresse: '12 rue des Forges, 14000 Caen', codePostal: '14000', bassin: opts.bassin ?? 'caen' },
    contact: contact(), postes: opts.single ? [soudeur] : [soudeur, chaudronnier],
  };
}

/** 400 h in centre + 140 h in company = 540 h per trainee. */
export function conception(d: OrderDates, devisCents = 36_000_00) {
  return { heuresCentre: 400, heuresEntreprise: 140, dateDebut: d.debut, dateFin: d.fin, devisCents, psychotechnique: false, afest: null };
}
