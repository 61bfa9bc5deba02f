/** The work queue (caseworkers): the page, and the bulk actions on a selection (assign to me, follow, send a reminder, CSV export). */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Router } from 'express';
import type { Transporter } from 'nodemailer';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { writeAudit } from '../../../activities/case/audit';
import { actorOf } from '../../auth';
import { loadCaseFor } from '../../case/access';
import type { ApiContext } from '../../context';
import { invalidFields } from '../../errors';
import { consoleRoute } from '../handler';
import { sendPage } from '../render';
import { assign, follow } from '../case/assignment';
import { QueuePage } from './page';
import { sendReminders } from './reminders';
import { RemindersPage } from './reminders-page';
import { birthDateOf, QueueQuery, queueSql, type QueueRow } from './query';

const BulkBody = z.object({
  action: z.enum(['attribuer', 'suivre', 'relancer', 'export'], { error: 'choisissez une action' }),
  ids: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.string().uuid()).min(1, 'sélectionnez au moins un dossier').max(100, '100 dossiers au plus par action')),
});

export function queueRoutes(router: Router, ctx: ApiContext, mailer: Transporter | null): void {
  router.get('/file', consoleRoute(['caseworker'], async ({ req, res, principal, csrf }) => {
    const em = ctx.orm.em.fork() as EntityManager;
    const parsed = QueueQuery.safeParse(req.query);
    const filters = parsed.success ? parsed.data : QueueQuery.parse({});
    const errors = parsed.success ? [] : parsed.error.issues.map((i) => ({ field: String(i.path[0]), message: `${String(i.path[0])} : ${i.message}` }));
    const { sql, params, countSql, countParams } = queueSql(principal, filters);
    const [rows, [count]] = await Promise.all([em.execute<QueueRow[]>(sql, params), em.execute<{ total: string }[]>(countSql, countParams)]);
    const total = Number(count?.total ?? 0);
    if (filters.recherche) {
      // Searching people by name or birth date is audited: its kind and how many cases it found, never the terms.
      await writeAudit(em, { operation: 'recherche_personne', actor: actorOf(principal),
        detail: { par: birthDateOf(filters.recherche) ? 'date_naissance' : 'nom', resultats: total } });
    }
    const organismes = await em.execute<{ id: string; name: string }[]>("select id, name from organisation where kind = 'organisme_formation' order by name limit 200");
    const message = typeof req.query.message === 'string' ? MESSAGES[req.query.message] : undefined;
    sendPage(res, <QueuePage principal={principal} csrf={csrf} data={{ filters, rows, total, organismes, errors, message }} />);
  }));

  router.post('/file/lot', consoleRoute(['caseworker'], async ({ req, res, principal, csrf }) => {
    const parsed = BulkBody.safeParse(req.body);
    if (!parsed.success) throw invalidFields(parsed.error.issues.map((i) => ({ path: String(i.path[0]), message: i.message })), parsed.error.issues[0].message);
    const { action, ids } = parsed.data;
    if (action === 'relancer') {
      // Case by case (access, deadline, mail): one refusal does not stop the others; the page says what each got.
      return sendPage(res, <RemindersPage principal={principal} csrf={csrf} outcomes={await sendReminders(ctx, mailer, principal, ids)} />);
    }
    const em = ctx.orm.em.fork() as EntityManager;
    // The API's access check on every case of the selection, before anything is written.
    const cases = await Promise.all(ids.map((id) => loadCaseFor(em, principal, id)));
    if (action === 'export') {
      await writeAudit(em, { operation: 'export_dossiers', actor: actorOf(principal), detail: { dossiers: ids.length } });
      res.type('text/csv; charset=utf-8').set('Content-Disposition', 'attachment; filename="dossiers.csv"').send(csvOf(cases.map((c) => c.dossier)));
      return;
    }
    for (const c of cases) await (action === 'attribuer' ? assign(em, principal, c.dossier.id, actorOf(principal)) : follow(em, principal, c.dossier.id));
    res.redirect(303, `/console/file?message=${action === 'attribuer' ? 'attribues' : 'suivis'}`);
  }));
}

const MESSAGES: Record<string, string> = { attribues: 'Les dossiers sélectionnés vous sont attribués.', suivis: 'Vous suivez les dossiers sélectionnés.' };

type CsvDossier = Awaited<ReturnType<typeof loadCaseFor>>['dossier'];
function csvOf(dossiers: CsvDossier[]): string {
  return stringify([
    ['dossier', 'processus', 'etape', 'nom', 'prenom', 'ouvert', 'cree_le'],
    ...dossiers.map((d) => [d.id, d.processKind, d.stage, d.person.lastName, d.person.firstName, d.open ? 'oui' : 'non', d.createdAt.toISOString()]),
  ], { delimiter: ';' });
}
