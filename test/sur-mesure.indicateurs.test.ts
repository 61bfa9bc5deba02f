/**
 * The sur-mesure indicators over real PostgreSQL: orders, posts committed, trainees and hiring checks of a
 * period, by NAF section and bassin, under statistical secrecy. The rows are written in a transaction that
 * is rolled back at the end: the report reads them through the same transaction, and nothing stays.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { indicateursReport } from '../api/sur-mesure/indicateurs/report';
import { openOrm } from '../db/orm';
import { seedCatalogue, type Catalogue } from './support/fixtures';

let orm: MikroORM;
let cat: Catalogue;
const Y = 1950 + Math.floor(Math.random() * 50);
class Rollback extends Error {}

beforeAll(async () => {
  orm = await openOrm(process.env.DATABASE_URL!);
  cat = await seedCatalogue(orm);
});
afterAll(() => orm?.close());

interface Order { naf: string; section: string; bassin: string; postes: number; engaged: boolean; trainees: (string | null)[] }

/** One company's order of the year, and its trainees with their hiring outcome (null: not checked yet). */
async function insertOrder(tx: EntityManager, o: Order): Promise<void> {
  const [company, contact, caseId, candidat] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  await tx.execute(`insert into organisation (id, kind, name, contact_email) values (?, 'entreprise', 'E', 'e@e.test')`, [company]);
  await tx.execute(`insert into person (id, person_key, last_name, first_name, email) values (?, ?, 'C', 'C', 'c@e.test')`, [contact, contact]);
  await tx.execute(`insert into dossier (id, person_id, process_kind, stage, stage_seq, open, referent_email, created_by, created_at, updated_at)
    values (?, ?, 'sur_mesure', 'formation', 1, true, 'r@n.test', 'test', now(), now())`, [caseId, contact]);
  await tx.execute(`insert into sur_mesure_commande (dossier_id, entreprise_id, naf_code, naf_section, site_adresse, site_code_postal, bassin,
    order_date, postes_total, engagement_at) values (?, ?, ?, ?, 'a', '14000', ?, ?, ?, ?)`,
  [caseId, company, o.naf, o.section, o.bassin, `${Y}-03-01`, o.postes, o.engaged ? `${Y}-04-01T10:00:00Z` : null]);
  for (const outcome of o.trainees) {
    const [person, parcours] = [randomUUID(), randomUUID()];
    await tx.execute(`insert into person (id, person_key, last_name, first_name, birth_date, gender, email, postal_code)
      values (?, ?, 'S', 'S', '1990-01-01', 'F', 's@s.test', '14000')`, [person, person]);
    await tx.execute(`insert into dossier (id, person_id, process_kind, stage, stage_seq, open, referent_email, created_by, created_at, updated_at)
      values (?, ?, 'parcours', 'suivi', 5, true, 'r@n.test', 'test', now(), now())`, [parcours, person]);
    await tx.execute(`insert into parcours_dossier (dossier_id, session_id, entry_date) values (?, ?, ?)`, [parcours, cat.session.id, `${Y}-05-02`]);
    const cid = o.trainees.length > 1 ? randomUUID() : candidat;
    await tx.execute(`insert into sur_mesure_candidat (id, dossier_id, person_id, partenaire_id, reference) values (?, ?, ?, ?, ?)`,
      [cid, caseId, person, cat.franceTravail.id, cid]);
    await tx.execute(`insert into sur_mesure_stagiaire (parcours_dossier_id, commande_id, candidat_id, poste, embauche_outcome, embauche_at)
      values (?, ?, ?, 0, ?, ?)`, [parcours, caseId, cid, outcome, outcome ? `${Y}-11-02T10:00:00Z` : null]);
  }
}

async function reportOf(orders: Order[]) {
  let report: Awaited<ReturnType<typeof indicateursReport>> | undefined;
  await orm.em.fork().transactional(async (tx) => {
    for (const o of orders) await insertOrder(tx as EntityManager, o);
    report = await indicateursReport(tx as EntityManager, `${Y}-01-01`, `${Y}-12-31`);
    throw new Rollback();
  }).catch((err) => {
    if (!(err instanceof Rollback)) throw err;
  });
  return report!;
}

const order = (naf: string, section: string, bassin: string, trainees: (string | null)[] = [], engaged = true): Order =>
  ({ naf, section, bassin, postes: Math.max(1, trainees.length), engaged, trainees });

test('orders, posts, trainees and hired as committed (count and rate), by NAF section and bassin, with secrecy', async () => {
  const conforme = 'embauche_conforme';
  const orders = [
    // Industry (C) in Caen: 7 companies, one trainee each: 6 hired as committed, 1 on other terms.
    ...[...Array(6).fill(conforme), 'embauche_autres_conditions'].map((o) => order('25.62B', 'C', 'caen', [o])),
    // Construction (F) in Caen: 5 companies, 5 trainees hired as committed.
    ...Array(5).fill(conforme).map((o) => order('43.99C', 'F', 'caen', [o])),
    // Transport (H) in Rouen: 1 company, not committed yet, no trainee.
    order('49.41A', 'H', 'rouen', [], false),
  ];
  const report = await reportOf(orders);
  expect(report).toMatchObject({
    commandes: { value: 13 }, postesEngages: { value: 12 }, stagiaires: { value: 12 }, controles: { value: 12 }, embauchesConformes: { value: 11 },
    tauxEmbaucheConforme: { value: 0.917 },
  });
  const row = (dim: 'nafSection' | 'bassin', key: string) => report.breakdowns[dim].find((r) => r.key === key)!;
  expect(row('nafSection', 'C')).toMatchObject({ commandes: { value: 7 }, stagiaires: { value: 7 }, controles: { value: 7 },
    embauchesConformes: { value: 6 }, tauxEmbaucheConforme: { value: 0.857 } });
  expect(row('nafSection', 'F')).toMatchObject({ embauchesConformes: { value: 5 }, tauxEmbaucheConforme: { value: 1 } });
  // Transport's one company is secret; construction (5) becomes secret with it, or 13 − 7 would reveal it.
  expect(row('nafSection', 'H').commandes).toEqual({ value: null, secret: true });
  expect(row('nafSection', 'F').commandes).toEqual({ value: null, secret: true });
  expect(row('nafSection', 'H').tauxEmbaucheConforme).toEqual({ value: null });
  // By bassin: Rouen (1 company) is secret, and so is Caen, or the total would give Rouen away.
  expect(row('bassin', 'rouen').commandes).toEqual({ value: null, secret: true });
  expect(row('bassin', 'caen').commandes).toEqual({ value: null, secret: true });
  // Rouen has no trainee: a zero is published, and Caen's 12 with it.
  expect(row('bassin', 'caen').stagiaires).toEqual({ value: 12 });
  expect(row('bassin', 'rouen').stagiaires).toEqual({ value: 0 });
  expect(report.definitions.embauchesConformes).toContain('comme l’entreprise s’y était engagée');

  // Nothing was kept: another report of the year is empty.
  expect((await reportOf([])).commandes).toEqual({ value: 0 });
});
