/**
 * The counts behind the sur-mesure indicators, by NAF section and employment area (bassin) of the order:
 * one query, each row a (breakdown, key, label) cell with its figure (`n`) and the distinct units it is
 * about (`units`: companies for orders and posts, persons for trainees), on which secrecy is judged.
 *
 * Labels, for a period (inclusive): `commandes` (needs recorded), `postesEngages` (posts of the orders
 * committed: the sum of their posts), `stagiaires` (trainees of orders who entered training),
 * `controles` (hiring checks recorded) and `embauchesConformes` (of which hired as committed).
 */
import type { EntityManager } from '@mikro-orm/postgresql';

export const LABELS = ['commandes', 'postesEngages', 'stagiaires', 'controles', 'embauchesConformes'] as const;
export type Label = (typeof LABELS)[number];
export const DIMENSIONS = ['nafSection', 'bassin'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface CountRow {
  dim: 'all' | Dimension;
  key: string;
  label: Label;
  n: number;
  units: number;
}

const PARIS_DAY = (column: string): string => `(${column} at time zone 'Europe/Paris')::date`;

const SQL = `
  with base as (
    select 'commandes' as label, c.entreprise_id::text as unit, 1 as weight, c.naf_section, c.bassin
      from sur_mesure_commande c where c.order_date between cast(? as date) and cast(? as date)
    union all
    select 'postesEngages', c.entreprise_id::text, c.postes_total, c.naf_section, c.bassin
      from sur_mesure_commande c where ${PARIS_DAY('c.engagement_at')} between cast(? as date) and cast(? as date)
    union all
    select 'stagiaires', d.person_id::text, 1, c.naf_section, c.bassin
      from sur_mesure_stagiaire st join sur_mesure_commande c on c.dossier_id = st.commande_id
      join parcours_dossier pd on pd.dossier_id = st.parcours_dossier_id join dossier d on d.id = st.parcours_dossier_id
      where pd.entry_date between cast(? as date) and cast(? as date)
    union all
    select l.label, d.person_id::text, 1, c.naf_section, c.bassin
      from sur_mesure_stagiaire st join sur_mesure_commande c on c.dossier_id = st.commande_id join dossier d on d.id = st.parcours_dossier_id
      cross join lateral unnest(array_remove(array['controles', case when st.embauche_outcome = 'embauche_conforme' then 'embauchesConformes' end], null)) as l(label)
      where ${PARIS_DAY('st.embauche_at')} between cast(? as date) and cast(? as date)
  )
  select g.dim, g.key, b.label, sum(b.weight)::int as n, count(distinct b.unit)::int as units
  from base b cross join lateral (values ('all', 'all'), ('nafSection', b.naf_section), ('bassin', b.bassin)) as g(dim, key)
  group by g.dim, g.key, b.label`;

export async function countIndicators(em: EntityManager, from: string, to: string): Promise<CountRow[]> {
  return em.execute<CountRow[]>(SQL, [from, to, from, to, from, to, from, to]);
}
