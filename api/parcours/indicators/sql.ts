/**
 * The aggregation behind the indicators the Région reports: one query per section (entries, exits, outcomes
 * at 6 months) that counts, for each breakdown row and each category, the cases (`n`) and the distinct
 * persons (`persons`, what statistical secrecy is judged on). Only counts leave the database.
 *
 * Rows: dim 'all' (key 'all': the whole population), 'dispositif', 'bassin', 'gender' (F, M, X) and 'public'
 * (rqth, rsa, sous_main_de_justice, illettrisme, jeune: a person may be in several, or none).
 * "jeune" = under 26 on the day of entry into training (no entry date: not counted as jeune).
 */
import type { EntityManager } from '@mikro-orm/postgresql';

export const EXIT_KINDS = ['terminee', 'emploi', 'abandon', 'exclusion'] as const;
/** Any other value of dossier.exit_kind is counted as 'autre' (shown only when it occurs). */
export const OTHER_EXIT_KIND = 'autre';

/** The national indicator: a job of at least 1 month, a subsidised contract or a business creation. */
export const EMPLOI_OUTCOMES = ['emploi_1mois', 'contrat_aide', 'creation_entreprise'] as const;
export const OTHER_ANSWERED_OUTCOMES = ['formation', 'aucune'] as const;
/** An empty outcome_6m, or an unknown value, is 'non_renseigne': out of the rate's denominator. */
export const UNANSWERED = 'non_renseigne';
export const OUTCOMES = [...EMPLOI_OUTCOMES, ...OTHER_ANSWERED_OUTCOMES, UNANSWERED] as const;

export const PARTITION_DIMENSIONS = ['dispositif', 'bassin', 'gender'] as const;
export const PRIORITY_PUBLICS = ['rqth', 'rsa', 'sous_main_de_justice', 'illettrisme', 'jeune'] as const;
export const DIMENSIONS = [...PARTITION_DIMENSIONS, 'public'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export type Section = 'entries' | 'exits' | 'outcomes6m';

export interface CountRow {
  dim: 'all' | Dimension;
  key: string;
  label: string;
  n: number;
  persons: number;
}

const list = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');

const OUTCOME = `case when pd.outcome_6m in (${list([...EMPLOI_OUTCOMES, ...OTHER_ANSWERED_OUTCOMES])}) then pd.outcome_6m else '${UNANSWERED}' end`;

/** Which cases a section counts (from, to: inclusive) and the labels each case is counted under. */
const SECTIONS: Record<Section, { where: string; labels: string }> = {
  entries: {
    where: `pd.entry_date between cast(? as date) and cast(? as date)`,
    labels: `array['total']`,
  },
  exits: {
    where: `pd.exit_date between cast(? as date) and cast(? as date)`,
    labels: `array['total', case when pd.exit_kind in (${list(EXIT_KINDS)}) then pd.exit_kind else '${OTHER_EXIT_KIND}' end]`,
  },
  // The cohort of the period: the cases whose exit date + 6 months falls within it.
  outcomes6m: {
    where: `cast(pd.exit_date + interval '6 months' as date) between cast(? as date) and cast(? as date)`,
    labels: `array_remove(array['total', ${OUTCOME},
      case when ${OUTCOME} <> '${UNANSWERED}' then 'answered' end,
      case when ${OUTCOME} in (${list(EMPLOI_OUTCOMES)}) then 'emploi' end], null)`,
  },
};

function sectionSql(section: Section): string {
  const { where, labels } = SECTIONS[section];
  return `
    with base as (
      select d.person_id, s.dispositif, s.bassin, p.gender,
             coalesce(ps.rqth, false) as rqth, coalesce(ps.rsa, false) as rsa,
             coalesce(ps.sous_main_de_justice, false) as sous_main_de_justice, coalesce(ps.illettrisme, false) as illettrisme,
             (pd.entry_date is not null and pd.entry_date < p.birth_date + interval '26 years') as jeune,
             ${labels} as labels
      from parcours_dossier pd
      join dossier d on d.id = pd.dossier_id
      join formation_session s on s.id = pd.session_id
      join person p on p.id = d.person_id
      left join person_sensitive ps on ps.person_id = d.person_id
      where ${where}
    )
    select g.dim, g.key, l.label, count(*)::int as n, count(distinct b.person_id)::int as persons
    from base b
    cross join lateral (values
      ('all', 'all'), ('dispositif', b.dispositif), ('bassin', b.bassin), ('gender', b.gender),
      ('public', case when b.rqth then 'rqth' end), ('public', case when b.rsa then 'rsa' end),
      ('public', case when b.sous_main_de_justice then 'sous_main_de_justice' end),
      ('public', case when b.illettrisme then 'illettrisme' end), ('public', case when b.jeune then 'jeune' end)
    ) as g(dim, key)
    cross join lateral unnest(b.labels) as l(label)
    where g.key is not null
    group by g.dim, g.key, l.label`;
}

export async function countSection(em: EntityManager, section: Section, from: string, to: string): Promise<CountRow[]> {
  return em.execute<CountRow[]>(sectionSql(section), [from, to]);
}
