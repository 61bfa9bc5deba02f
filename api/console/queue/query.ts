/**
 * The caseworker's work queue as one SQL query: the cases the caller may see (the API's rule,
 * api/case/visible.ts), open, in a view (mine and unassigned, mine, unassigned, followed, all), with the
 * filters of the page, nearest deadline first (overdue ones, then the next ones, then those without any).
 * Indexes: db/migrations/Migration20261209000000.ts; timing at 100,000 cases: test/console.queue.bench.ts.
 */
import { z } from 'zod';
import { actorOf, type Principal } from '../../auth';
import { visibleCasesWhere } from '../../case/visible';
import { PROCESS_APIS } from '../../processes';

export const VIEWS = { a_traiter: 'Mes dossiers et les non attribués', mes: 'Mes dossiers', non_attribues: 'Non attribués', suivis: 'Dossiers suivis', tous: 'Tous les dossiers' } as const;
export type View = keyof typeof VIEWS;

const empty = (v: unknown): unknown => (v === '' ? undefined : v);
const opt = <T extends z.ZodType>(schema: T) => z.preprocess(empty, schema.optional());

export const QueueQuery = z.object({
  vue: opt(z.enum(Object.keys(VIEWS) as [View, ...View[]])).transform((v) => v ?? 'a_traiter'),
  process: opt(z.enum(PROCESS_APIS.map((p) => p.definition.kind) as [string, ...string[]])),
  stage: opt(z.string().max(40)),
  bassin: opt(z.string().max(60)),
  dispositif: opt(z.string().max(40)),
  organismeId: opt(z.string().uuid('organisme inconnu')),
  enRetard: opt(z.literal('1')),
  /** A last name (its beginning) or a birth date (JJ/MM/AAAA or AAAA-MM-JJ). */
  recherche: opt(z.string().trim().max(100)),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type QueueFilters = z.infer<typeof QueueQuery>;

export const PAGE_SIZE = 25;

export interface QueueRow {
  id: string; process_kind: string; stage: string; echeance_at: Date | null; echeance_kind: string | null;
  assigned_to: string | null; created_at: Date; last_name: string; first_name: string; birth_date: string | null;
}

/** A birth date typed as JJ/MM/AAAA or AAAA-MM-JJ, as ISO; null when the search is a name. */
export function birthDateOf(search: string): string | null {
  const fr = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(search);
  if (fr) return `${fr[3]}-${fr[2]}-${fr[1]}`;
  return /^\d{4}-\d{2}-\d{2}$/.test(search) ? search : null;
}

/** Beyond this many matching cases the page says "more than 10,000": counting them all would cost every request. */
export const COUNT_CAP = 10_000;

/**
 * The page of the queue and the count of matching cases, as two queries: the page walks the queue index and
 * stops after a page; the count stops at COUNT_CAP + 1 and joins the person only when searching.
 */
export function queueSql(principal: Principal, f: QueueFilters, now = new Date()): { sql: string; params: unknown[]; countSql: string; countParams: unknown[] } {
  const visible = visibleCasesWhere(principal, f);
  const where = [visible.where, 'd.open'];
  const params = [...visible.params];
  const me = actorOf(principal);
  const add = (condition: string, ...values: unknown[]): void => { where.push(condition); params.push(...values); };
  if (f.vue === 'a_traiter') add('(d.assigned_to = ? or d.assigned_to is null)', me);
  if (f.vue === 'mes') add('d.assigned_to = ?', me);
  if (f.vue === 'non_attribues') where.push('d.assigned_to is null');
  if (f.vue === 'suivis') add('exists (select 1 from dossier_suivi f where f.dossier_id = d.id and f.actor = ?)', me);
  if (f.enRetard) add('d.echeance_at < ?', now);
  if (f.recherche) {
    const date = birthDateOf(f.recherche);
    if (date) add('p.birth_date = ?', date);
    else add("lower(p.last_name) like ? escape '\\'", `${f.recherche.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  const condition = where.join(' and ');
  return {
    sql: `select d.id, d.process_kind, d.stage, d.echeance_at, d.echeance_kind, d.assigned_to, d.created_at,
            p.last_name, p.first_name, p.birth_date
          from dossier d join person p on p.id = d.person_id
          where ${condition}
          order by d.echeance_at asc nulls last, d.created_at desc, d.id
          limit ? offset ?`,
    params: [...params, PAGE_SIZE, (f.page - 1) * PAGE_SIZE],
    countSql: `select count(*) as total from (select 1 from dossier d ${f.recherche ? 'join person p on p.id = d.person_id' : ''}
          where ${condition} limit ?) matching`,
    countParams: [...params, COUNT_CAP + 1],
  };
}
