/**
 * POST /bourses/import (role crous): a batch of applications, as a JSON array (application/json, the
 * DemandeBourse shape) or as CSV (text/csv, header CSV_COLUMNS). Declared by hand rather than with
 * `routeDefiner` for this one reason: it takes two content types.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { writeAudit } from '../../activities/case/audit';
import { CsvHeaderError, CSV_COLUMNS, lignesCsv } from '../../domain/bourse/import-csv';
import { actorOf, principalOf } from '../auth';
import type { ApiContext } from '../context';
import { forbidden, HttpError, type ErrorStatus } from '../errors';
import { declareRoute } from '../route';
import { errorResponseOf } from '../schemas';
import { importerLot, type LigneLot } from './import';
import { EXEMPLE_DEMANDE, ImportReport } from './schemas';

/** Lines of one batch: a CROUS sends its files in parts. */
const MAX_LIGNES = 5000;

const isPlainObject = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);

function lignesOf(req: Request): LigneLot[] {
  if (typeof req.body === 'string') {
    try {
      return lignesCsv(req.body);
    } catch (err) {
      if (err instanceof CsvHeaderError) throw new HttpError(400, err.message);
      throw err;
    }
  }
  if (!Array.isArray(req.body)) throw new HttpError(400, 'un tableau JSON de demandes (ou un fichier text/csv) est attendu');
  // A line that is not even an object is a file of the wrong shape, not a bad application: the batch is refused.
  const notObjects = req.body.flatMap((valeur: unknown, i: number) => (isPlainObject(valeur) ? [] : [{ path: `[${i}]`, message: 'objet attendu' }]));
  if (notObjects.length) throw new HttpError(400, 'chaque ligne du lot est un objet « demande »', { fields: notObjects });
  return req.body.map((valeur: unknown, i: number) => ({ ligne: i + 1, valeur }));
}

export function importRoute(router: Router, registry: OpenAPIRegistry, ctx: ApiContext): void {
  const errors = Object.fromEntries(Object.entries({ 400: 'Lot illisible (ni tableau JSON ni CSV avec le bon en-tête), vide ou trop long',
    403: 'Rôle non autorisé (crous seulement)', 413: 'Corps trop volumineux' })
    .map(([code, description]) => [code, { description, content: { 'application/json': { schema: errorResponseOf(Number(code) as ErrorStatus) } } }]));
  declareRoute(registry, {
    method: 'post', path: '/bourses/import', access: { roles: ['crous'] }, tags: ['Bourses'],
    summary: 'Importer un lot de demandes du CROUS (JSON ou CSV)',
    description: `Rôle : crous. Une ligne par étudiant et année universitaire, clé : le numéro DSE. Chaque bonne ligne crée son dossier ; `
      + `une ligne fausse est rejetée avec ses raisons, champ par champ, sans bloquer les autres ; une ligne déjà importée (même DSE, même année) `
      + `ne crée rien et rend le dossier existant. CSV (text/csv, UTF-8, virgules) : en-tête ${CSV_COLUMNS.join(',')} ; `
      + `handicap_cdaph : oui/non. JSON : 100 ko au plus ; CSV : 5 Mo, ${MAX_LIGNES} lignes au plus.`,
    request: { body: { content: {
      // Each line is checked on its own (a bad line is reported, not the batch refused): the document's schema is the batch's
      // shape. No maxItems: 100 kB come first (413); the line limit is said in the description and answered 400.
      'application/json': { schema: z.array(z.looseObject({}).describe('Une demande, au schéma DemandeBourse')).min(1) },
      'text/csv': { schema: z.string().describe(`En-tête : ${CSV_COLUMNS.join(',')}`) },
    } } },
    example: [EXEMPLE_DEMANDE],
    responses: { 200: { description: 'Compte rendu, ligne par ligne', content: { 'application/json': { schema: ImportReport } } }, ...errors },
  });

  router.post('/bourses/import', express.text({ type: 'text/csv', limit: '5mb' }), async (req: Request, res: Response) => {
    const principal = principalOf(req);
    if (principal.role !== 'crous') throw forbidden();
    const lignes = lignesOf(req);
    if (lignes.length === 0) throw new HttpError(400, 'le lot est vide');
    if (lignes.length > MAX_LIGNES) throw new HttpError(400, `au plus ${MAX_LIGNES} lignes par lot`);
    const actor = actorOf(principal);
    const report = await importerLot(ctx, lignes, principal.org, actor);
    await writeAudit(ctx.orm.em.fork() as EntityManager, { operation: 'import_lot', actor, detail: {
      processus: 'bourse', recues: report.recues, importees: report.importees.length, dejaImportees: report.dejaImportees.length, rejetees: report.rejetees.length,
    } });
    res.status(200).json(report);
  });
}
