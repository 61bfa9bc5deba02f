/**
 * GET /bourses/indicateurs?annee=: bursary holders of an academic year by échelon, institute and programme,
 * and the amounts paid, under the statistical secrecy of the trainee indicators (api/parcours/indicators/
 * secrecy.ts): a cell of 1 to 4 students is hidden, with secondary secrecy inside each breakdown, and an amount
 * is published only when the count of its cell is.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Router } from 'express';
import { z } from 'zod';
import { writeAudit } from '../../activities/case/audit';
import { formationLabel } from '../../domain/bourse/formations';
import { actorOf } from '../auth';
import type { ApiContext } from '../context';
import { routeDefiner } from '../route';
import { applySecrecy, publish, SECRECY_THRESHOLD, type StatCell } from '../../domain/statistics/secrecy';

const DIMENSIONS = ['echelon', 'institut', 'formation'] as const;
type Dimension = (typeof DIMENSIONS)[number];

const RULE = `Secret statistique : toute case comptant de 1 à ${SECRECY_THRESHOLD - 1} boursiers est masquée (value: null, secret: true), `
  + 'ainsi que, dans chaque ventilation où une seule case le serait, la plus petite autre case non nulle ; un montant est masqué avec le nombre de sa case.';

const Cell = z.object({ value: z.number().nullable(), secret: z.literal(true).optional() });
const Row = z.object({ key: z.string(), label: z.string(), boursiers: Cell, verseCents: Cell, induCents: Cell });
const Indicateurs = z.object({
  annee: z.string(),
  secrecy: z.object({ threshold: z.number(), rule: z.string() }),
  definitions: z.record(z.string(), z.string()),
  total: Row.omit({ key: true, label: true }),
  parEchelon: z.array(Row), parInstitut: z.array(Row), parFormation: z.array(Row),
}).meta({ id: 'IndicateursBourses' });

const Query = z.object({ annee: z.string().regex(/^\d{4}-\d{4}$/, 'année universitaire attendue (ex. 2026-2027)') }).strict();

interface CountRow { dim: 'all' | Dimension; key: string; label: string; n: number; persons: number; paid: string; indu: string }

const SQL = `
  with base as (
    select d.person_id, b.echelon, b.institut_id::text as institut, o.name as institut_name, b.formation,
      (select coalesce(sum(p.amount_cents), 0) from payment p where p.dossier_id = b.dossier_id and p.kind = 'BOURSE') as paid,
      (select coalesce(sum(x.amount_cents), 0) from overpayment x where x.dossier_id = b.dossier_id) as indu
    from bourse_dossier b join dossier d on d.id = b.dossier_id join organisation o on o.id = b.institut_id
    where b.annee = ? and b.decision = 'attribuee')
  select g.dim, g.key, min(g.label) as label, count(*)::int as n, count(distinct person_id)::int as persons, sum(paid)::text as paid, sum(indu)::text as indu
  from base cross join lateral (values ('all', 'all', 'all'), ('echelon', echelon, echelon), ('institut', institut, institut_name),
    ('formation', formation, formation)) as g(dim, key, label)
  group by g.dim, g.key`;

interface Cells { count: StatCell; row: CountRow }

function report(rows: CountRow[]) {
  const cells = rows.map((row): Cells => ({ row, count: { n: row.n, persons: row.persons, secret: false } }));
  const all = cells.find((c) => c.row.dim === 'all') ?? { row: { dim: 'all', key: 'all', label: 'all', n: 0, persons: 0, paid: '0', indu: '0' }, count: { n: 0, persons: 0, secret: false } };
  const byDim = (dim: Dimension) => cells.filter((c) => c.row.dim === dim).sort((a, b) => a.row.key.localeCompare(b.row.key, 'fr'));
  applySecrecy([all.count, ...cells.map((c) => c.count)], DIMENSIONS.map((dim) => ({ total: all.count, parts: byDim(dim).map((c) => c.count) })));
  const money = (c: Cells, cents: string) => (c.count.secret ? { value: null, secret: true as const } : { value: Number(cents) });
  const out = (c: Cells) => ({ boursiers: publish(c.count), verseCents: money(c, c.row.paid), induCents: money(c, c.row.indu) });
  const rowsOf = (dim: Dimension) => byDim(dim).map((c) => ({ key: c.row.key, label: dim === 'formation' ? formationLabel(c.row.key) : c.row.label, ...out(c) }));
  return { total: out(all), parEchelon: rowsOf('echelon'), parInstitut: rowsOf('institut'), parFormation: rowsOf('formation') };
}

export function bourseIndicatorRoute(router: Router, registry: OpenAPIRegistry, ctx: ApiContext): void {
  routeDefiner(router, registry)({ method: 'get', path: '/bourses/indicateurs', tag: 'Indicateurs',
    summary: 'Boursiers d’une année universitaire par échelon, institut et formation ; montants versés (secret statistique)',
    roles: ['caseworker', 'ops'], query: Query, ok: { status: 200, schema: Indicateurs, description: 'Indicateurs de l’année' } },
  async ({ query, principal }) => {
    const em = ctx.orm.em.fork() as EntityManager;
    const rows = await em.execute<CountRow[]>(SQL, [query.annee]);
    await writeAudit(em, { operation: 'lecture_indicateurs', actor: actorOf(principal), detail: { processus: 'bourse', annee: query.annee } });
    return {
      annee: query.annee,
      secrecy: { threshold: SECRECY_THRESHOLD, rule: RULE },
      definitions: {
        boursiers: 'Dossiers de l’année dont la bourse a été attribuée (quelle que soit la suite : suspension, arrêt, sortie).',
        verseCents: 'Mensualités inscrites au registre des paiements (centimes), indus non déduits.',
        induCents: 'Mensualités versées puis réclamées (indus, centimes), avant remise.',
      },
      ...report(rows),
    };
  });
}
