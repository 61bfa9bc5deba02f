/** What a bulk reminder did, case by case: sent, already sent today, nothing to remind, not allowed, failed. */
import type { Principal } from '../../auth';
import { Page } from '../layout';
import type { ReminderOutcome, ReminderResult } from './reminders';

const LABELS: Record<ReminderResult, string> = { envoyee: 'Relance envoyée', deja_envoyee: 'Déjà relancé aujourd’hui', rien: 'Rien à relancer',
  refusee: 'Non autorisé', echec: 'Échec de l’envoi' };

export function RemindersPage({ principal, csrf, outcomes }: { principal: Principal; csrf: string; outcomes: ReminderOutcome[] }) {
  const sent = outcomes.filter((o) => o.result === 'envoyee').length;
  return (
    <Page title="Relances" principal={principal} csrf={csrf} current="/console/file">
      <p role="status" id="relances-bilan">{sent} relance{sent > 1 ? 's' : ''} envoyée{sent > 1 ? 's' : ''} sur {outcomes.length} dossier{outcomes.length > 1 ? 's' : ''} sélectionné{outcomes.length > 1 ? 's' : ''}.</p>
      <table id="relances">
        <caption>Résultat de la relance, dossier par dossier</caption>
        <thead><tr><th scope="col">Dossier</th><th scope="col">Résultat</th><th scope="col">Détail</th></tr></thead>
        <tbody>{outcomes.map((o) => (
          <tr data-dossier={o.caseId}>
            <td>{o.name ? <a href={`/console/dossiers/${o.caseId}`}>{o.name}</a> : o.caseId}</td>
            <td class={o.result === 'echec' || o.result === 'refusee' ? 'en-retard' : undefined}>{LABELS[o.result]}</td>
            <td>{o.detail}</td>
          </tr>))}</tbody>
      </table>
      <p><a href="/console/file">Retour à la file de travail</a></p>
    </Page>
  );
}
