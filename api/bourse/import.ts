/**
 * The CROUS batch: one line per student and year, keyed by the DSE number. Each good line creates its case
 * (createBourse: all of it or nothing, per student); a bad line is reported with its reasons, field by field,
 * and does not stop the others; a line whose DSE and year already have a case creates nothing and answers
 * 'deja_importe' with that case: re-sending a batch is harmless.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { Organisation } from '../../db/entities';
import { DemandeBourseSchema, erreursDe, type DemandeBourse, type ErreurChamp } from '../../domain/bourse/demande';
import { personKey } from '../../domain/personne/person-key';
import type { ApiContext } from '../context';
import { HttpError } from '../errors';
import { caseOfDse, createBourse } from './create';

export interface LigneLot {
  ligne: number;
  valeur: unknown;
  /** Set when the line could not even be read (CSV). */
  erreur?: string;
}

export interface CompteRendu {
  recues: number;
  importees: { ligne: number; dse: string; caseId: string }[];
  dejaImportees: { ligne: number; dse: string; caseId: string }[];
  rejetees: { ligne: number; dse: string | null; erreurs: ErreurChamp[] }[];
}

type Issue = { kind: 'importee' | 'deja_importe'; caseId: string; dse: string } | { kind: 'rejetee'; dse: string | null; erreurs: ErreurChamp[] };

/** Lines in flight at once: each holds a transaction and a Temporal start. */
const CONCURRENCY = 4;

export async function importerLot(ctx: ApiContext, lignes: LigneLot[], crousId: string, actor: string): Promise<CompteRendu> {
  const instituts = new Map<string, boolean>();
  const issues: Issue[] = new Array(lignes.length);
  // One student's lines run in their order (the first one wins), different students side by side.
  const byStudent = new Map<string, { i: number; d: DemandeBourse }[]>();
  lignes.forEach((l, i) => {
    const parsed = l.erreur ? null : DemandeBourseSchema.safeParse(l.valeur);
    if (!parsed?.success) {
      issues[i] = { kind: 'rejetee', dse: dseOf(l.valeur), erreurs: parsed ? erreursDe(parsed.error) : [{ champ: '(ligne)', message: l.erreur! }] };
      return;
    }
    const key = personKey(ctx.config.PERSON_KEY_SECRET, parsed.data.person);
    byStudent.set(key, [...(byStudent.get(key) ?? []), { i, d: parsed.data }]);
  });
  const groups = [...byStudent.values()];
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < groups.length) {
      for (const { i, d } of groups[next++]) issues[i] = await importerDemande(ctx, d, crousId, actor, instituts);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, groups.length) }, lane));
  const report: CompteRendu = { recues: lignes.length, importees: [], dejaImportees: [], rejetees: [] };
  issues.forEach((issue, i) => {
    const { ligne } = lignes[i];
    if (issue.kind === 'rejetee') report.rejetees.push({ ligne, dse: issue.dse, erreurs: issue.erreurs });
    else (issue.kind === 'importee' ? report.importees : report.dejaImportees).push({ ligne, dse: issue.dse, caseId: issue.caseId });
  });
  return report;
}

const dseOf = (v: unknown): string | null => (v && typeof v === 'object' && typeof (v as { dse?: unknown }).dse === 'string' ? (v as { dse: string }).dse : null);

async function isInstitut(em: EntityManager, id: string, cache: Map<string, boolean>): Promise<boolean> {
  if (!cache.has(id)) cache.set(id, Boolean(await em.findOne(Organisation, { id, kind: 'institut_formation_sanitaire_sociale' })));
  return cache.get(id)!;
}

async function importerDemande(ctx: ApiContext, d: DemandeBourse, crousId: string, actor: string, instituts: Map<string, boolean>): Promise<Issue> {
  const em = ctx.orm.em.fork() as EntityManager;
  const existing = await caseOfDse(em, d.dse, d.annee);
  if (existing) return { kind: 'deja_importe', caseId: existing, dse: d.dse };
  if (!(await isInstitut(em, d.institutId, instituts))) return { kind: 'rejetee', dse: d.dse, erreurs: [{ champ: 'institutId', message: 'institut inconnu' }] };
  for (let attempt = 1; ; attempt++) {
    try {
      const { caseId } = await createBourse(ctx, d, { source: 'crous', crousId, actor });
      return { kind: 'importee', caseId, dse: d.dse };
    } catch (err) {
      if (!(err instanceof HttpError) || err.status !== 409) throw err;
      // Another line of the batch (or another batch) created this DSE meanwhile: the same answer as a re-send.
      const raced = await caseOfDse(ctx.orm.em.fork() as EntityManager, d.dse, d.annee);
      if (raced) return { kind: 'deja_importe', caseId: raced, dse: d.dse };
      const other = (err.extra as { caseId?: string }).caseId;
      // A unique index refused a line written at the same moment: once more, the duplicate then names its case.
      if (!other && attempt === 1) continue;
      return { kind: 'rejetee', dse: d.dse, erreurs: [{ champ: 'person', message: `${err.message}${other ? ` (dossier ${other})` : ''}` }] };
    }
  }
}
