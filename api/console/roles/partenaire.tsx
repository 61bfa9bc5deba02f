/**
 * Partners (prescripteurs): the cases they referred and their stage (the API's list rule), and the notifications
 * addressed to their organisation, acknowledged here as with POST /notifications/:eventId/ack.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Router } from 'express';
import type { Principal } from '../../auth';
import { visibleCasesWhere } from '../../case/visible';
import type { ApiContext } from '../../context';
import { forbidden } from '../../errors';
import { acknowledgeEvent } from '../../routes/partners';
import { dateTimeFr, processLabel, stageLabel } from '../format';
import { consoleRoute } from '../handler';
import { Page } from '../layout';
import { sendPage } from '../render';

interface Referral { id: string; process_kind: string; stage: string; created_at: Date; last_name: string; first_name: string }
interface Notification { event_id: string; type: string; created_at: Date; status: string; acknowledged_at: Date | null; dossier_id: string }

export function partenaireRoutes(router: Router, ctx: ApiContext): void {
  const em = (): EntityManager => ctx.orm.em.fork() as EntityManager;

  router.get('/partenaire', consoleRoute(['partner'], async ({ res, principal, csrf }) => {
    if (principal.role !== 'partner') throw forbidden();
    const { where, params } = visibleCasesWhere(principal, {});
    const [referrals, notifications] = await Promise.all([
      em().execute<Referral[]>(`select d.id, d.process_kind, d.stage, d.created_at, p.last_name, p.first_name from dossier d join person p on p.id = d.person_id
        where ${where} order by d.created_at desc limit 200`, params),
      em().execute<Notification[]>(`select event_id, type, created_at, status, acknowledged_at, dossier_id from partner_event where organisation_id = ?
        order by (acknowledged_at is null) desc, created_at desc limit 200`, [principal.org]),
    ]);
    sendPage(res, <PartnerPage principal={principal} csrf={csrf} referrals={referrals} notifications={notifications} />);
  }));

  router.post('/partenaire/notifications/:eventId', consoleRoute(['partner'], async ({ req, res, principal }) => {
    await acknowledgeEvent(ctx, principal, String(req.params.eventId));
    res.redirect(303, '/console/partenaire');
  }));
}

function PartnerPage({ principal, csrf, referrals, notifications }: { principal: Principal; csrf: string; referrals: Referral[]; notifications: Notification[] }) {
  return (
    <Page title="Mes prescriptions" principal={principal} csrf={csrf} current="/console/partenaire">
      <table><caption>Personnes prescrites et où en est leur parcours</caption>
        <thead><tr><th scope="col">Personne</th><th scope="col">Processus</th><th scope="col">Étape</th><th scope="col">Prescrite le</th></tr></thead>
        <tbody>{referrals.map((r) => (
          <tr><td><a href={`/console/dossiers/${r.id}`}>{`${r.last_name.toUpperCase()} ${r.first_name}`}</a></td><td>{processLabel(r.process_kind)}</td>
            <td>{stageLabel(r.process_kind, r.stage)}</td><td>{dateTimeFr(r.created_at)}</td></tr>))}</tbody></table>
      <h2>Notifications à accuser</h2>
      <table><caption>Événements adressés à votre organisation</caption>
        <thead><tr><th scope="col">Événement</th><th scope="col">Reçu le</th><th scope="col">Accusé de réception</th></tr></thead>
        <tbody>{notifications.map((n) => (
          <tr><td>{n.type} (<a href={`/console/dossiers/${n.dossier_id}`}>dossier</a>)</td><td>{dateTimeFr(n.created_at)}</td>
            <td>{n.acknowledged_at ? `accusé le ${dateTimeFr(n.acknowledged_at)}` : (
              <form method="post" action={`/console/partenaire/notifications/${n.event_id}`}>
                <input type="hidden" name="_csrf" value={csrf} />
                <button type="submit">Accuser réception <span class="sr">de {n.type} du {dateTimeFr(n.created_at)}</span></button>
              </form>)}</td></tr>))}</tbody></table>
    </Page>
  );
}
