/**
 * Finance: payment files (build, download, what was held back and why) and the pay parameter rows to approve.
 * The same services as the API's /payment-files and /parametres routes (producePaymentFile, approve, reject).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Router } from 'express';
import { z } from 'zod';
import { parisClock } from '../../../domain/dates';
import { actorOf, type Principal } from '../../auth';
import type { ApiContext } from '../../context';
import { toHttpError } from '../../errors';
import { ruled } from '../../finance/parametres-routes';
import { approve, listProposals, reject, type StoredProposal } from '../../finance/parametres-store';
import { downloadPaymentFile, PaymentFileBody, producePaymentFile } from '../../routes/payment-files';
import { consoleRoute } from '../handler';
import { ErrorSummary, Page } from '../layout';
import { sendPage } from '../render';

type Produced = Awaited<ReturnType<typeof producePaymentFile>>;
interface FileRow { id: string; created_at: Date; execution_date: string; line_count: number; total_cents: string }

const euros = (cents: string | number): string => (Number(cents) / 100).toLocaleString('fr-FR', { style: 'currency', currency: 'EUR' });

export function financeRoutes(router: Router, ctx: ApiContext): void {
  const em = (): EntityManager => ctx.orm.em.fork() as EntityManager;

  router.get('/finances/fichiers', consoleRoute(['finance'], async ({ res, principal, csrf }) => {
    sendPage(res, <FilesPage principal={principal} csrf={csrf} data={await filesData(em())} />);
  }));

  router.post('/finances/fichiers', consoleRoute(['finance'], async ({ req, res, principal, csrf }) => {
    const parsed = PaymentFileBody.safeParse({ executionDate: req.body?.executionDate });
    const page = async (extra: { produced?: Produced; errors?: { field?: string; message: string }[] }, status: number) =>
      sendPage(res, <FilesPage principal={principal} csrf={csrf} data={await filesData(em())} {...extra} />, status);
    if (!parsed.success) return page({ errors: parsed.error.issues.map((i) => ({ field: 'executionDate', message: i.message })) }, 400);
    try {
      return await page({ produced: await producePaymentFile(ctx, principal, parsed.data.executionDate) }, 201);
    } catch (err) {
      const known = toHttpError(err);
      if (known && (known.status === 409 || known.status === 503)) return page({ errors: [{ message: known.message }] }, known.status);
      throw err;
    }
  }));

  router.get('/finances/fichiers/:id/:format', consoleRoute(['finance'], async ({ req, res, principal }) => {
    const format = req.params.format === 'xml' ? 'xml' : 'csv';
    const content = await downloadPaymentFile(ctx, principal, String(req.params.id), format);
    res.status(200).set({ 'Content-Type': format === 'xml' ? 'application/xml; charset=utf-8' : 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${String(req.params.id)}.${format}"`, 'Cache-Control': 'no-store' }).send(content);
  }));

  router.get('/finances/parametres', consoleRoute(['finance'], async ({ res, principal, csrf }) => {
    sendPage(res, <ParametersPage principal={principal} csrf={csrf} proposals={await listProposals(em(), 'proposee')} />);
  }));

  const Decision = z.object({ decision: z.enum(['approuver', 'rejeter']), motif: z.string().trim().max(500).optional() });
  router.post('/finances/parametres/:id', consoleRoute(['finance'], async ({ req, res, principal, csrf }) => {
    const body = Decision.parse(req.body);
    const id = String(req.params.id);
    try {
      await ruled(() => (body.decision === 'approuver' ? approve(em(), id, actorOf(principal)) : reject(em(), id, actorOf(principal), body.motif ?? '')));
    } catch (err) {
      const known = toHttpError(err);
      if (!known || known.status >= 500) throw err;
      return sendPage(res, <ParametersPage principal={principal} csrf={csrf} proposals={await listProposals(em(), 'proposee')} errors={[{ message: known.message }]} />, known.status);
    }
    res.redirect(303, '/console/finances/parametres');
  }));
}

async function filesData(em: EntityManager) {
  const [files, [pending]] = await Promise.all([
    em.execute<FileRow[]>('select id, created_at, execution_date, line_count, total_cents from payment_file order by created_at desc limit 50'),
    em.execute<{ n: string; total: string | null }[]>('select count(*) as n, sum(amount_cents) as total from payment where payment_file_id is null'),
  ]);
  return { files, pending: { count: Number(pending.n), totalCents: Number(pending.total ?? 0) } };
}

function FilesPage({ principal, csrf, data, produced, errors = [] }: { principal: Principal; csrf: string; data: Awaited<ReturnType<typeof filesData>>;
  produced?: Produced; errors?: { field?: string; message: string }[] }) {
  return (
    <Page title="Fichiers de paiement" principal={principal} csrf={csrf} current="/console/finances/fichiers">
      <ErrorSummary errors={errors} />
      {produced && <Produced produced={produced} />}
      <p>Paiements en attente d’un fichier : <strong>{data.pending.count}</strong> pour {euros(data.pending.totalCents)}.</p>
      <form method="post" action="/console/finances/fichiers" novalidate>
        <input type="hidden" name="_csrf" value={csrf} />
        <div class="champ"><label for="executionDate">Date d’exécution demandée</label>
          <p class="aide" id="executionDate-aide">Un jour de fermeture de TARGET2 passe au jour ouvré suivant.</p>
          <input type="date" id="executionDate" name="executionDate" value={parisClock().today} aria-describedby="executionDate-aide" required /></div>
        <button type="submit">Produire le fichier de paiement</button>
      </form>
      <table><caption>Fichiers produits (les 50 derniers)</caption>
        <thead><tr><th scope="col">Fichier</th><th scope="col">Produit le</th><th scope="col">Exécution</th><th scope="col">Lignes</th><th scope="col">Total</th><th scope="col">Télécharger</th></tr></thead>
        <tbody>{data.files.map((f) => (
          <tr><td>{f.id}</td><td>{new Date(f.created_at).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })}</td><td>{String(f.execution_date).slice(0, 10)}</td>
            <td>{f.line_count}</td><td>{euros(f.total_cents)}</td>
            <td><a href={`/console/finances/fichiers/${f.id}/xml`}>pain.001 <span class="sr">de {f.id}</span></a> · <a href={`/console/finances/fichiers/${f.id}/csv`}>CSV <span class="sr">de {f.id}</span></a></td></tr>))}</tbody>
      </table>
    </Page>
  );
}

function Produced({ produced }: { produced: Produced }) {
  return (
    <div class="message" role="status" id="fichier-produit">
      <p>Fichier <strong>{produced.id}</strong> produit : {produced.lineCount} ligne{produced.lineCount > 1 ? 's' : ''}, {euros(produced.totalCents)},
        exécution le {produced.executionDate}.{produced.message ? ` ${produced.message}` : ''}</p>
      {produced.heldBack.length > 0 && (
        <table><caption>Paiements retenus hors du fichier, et pourquoi</caption>
          <thead><tr><th scope="col">Paiement</th><th scope="col">Motif</th></tr></thead>
          <tbody>{produced.heldBack.map((h) => <tr><td>{h.reference}</td><td>{h.problem}</td></tr>)}</tbody></table>)}
    </div>
  );
}

function ParametersPage({ principal, csrf, proposals, errors = [] }: { principal: Principal; csrf: string; proposals: StoredProposal[]; errors?: { message: string }[] }) {
  return (
    <Page title="Paramètres de rémunération à approuver" principal={principal} csrf={csrf} current="/console/finances/parametres">
      <ErrorSummary errors={errors} />
      {proposals.length === 0 ? <p>Aucune proposition en attente.</p> : (
        <table><caption>Propositions en attente (une autre personne que l’auteur approuve)</caption>
          <thead><tr><th scope="col">Ligne proposée</th><th scope="col">Proposée par</th><th scope="col">Décision</th></tr></thead>
          <tbody>{proposals.map((p) => (
            <tr><td><code>{JSON.stringify(p.row)}</code></td><td>{p.proposedBy} le {p.proposedAt.slice(0, 10)}</td>
              <td><form method="post" action={`/console/finances/parametres/${p.id}`}>
                <input type="hidden" name="_csrf" value={csrf} />
                <label for={`motif-${p.id}`}>Motif (en cas de rejet)</label><input id={`motif-${p.id}`} name="motif" maxLength={500} />
                <button type="submit" name="decision" value="approuver">Approuver</button>{' '}
                <button type="submit" name="decision" value="rejeter" class="secondaire">Rejeter</button>
              </form></td></tr>))}</tbody></table>)}
    </Page>
  );
}
