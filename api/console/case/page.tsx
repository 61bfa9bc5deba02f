/** The case page: identity, who works it, deadlines, the actions the stage allows now, the timeline, money, mails, events. */
import type { Principal } from '../../auth';
import { processApiOf } from '../../processes';
import { actorLabel, countdown, dateTimeFr, stageLabel } from '../format';
import { ErrorSummary, Page } from '../layout';
import { consoleActionOf, type Form } from './actions';
import type { CasePageData, CaseRecords } from './data';

export interface FormState {
  action: string;
  errors: { field?: string; message: string }[];
  values: Form;
}

interface Props { principal: Principal; csrf: string; data: CasePageData; form?: FormState; message?: string }

const euros = (cents: string | number): string => (Number(cents) / 100).toLocaleString('fr-FR', { style: 'currency', currency: 'EUR' });

export function CasePage({ principal, csrf, data, form, message }: Props) {
  const { view } = data;
  const person = view.person as { lastName?: string; firstName?: string; birthDate?: string; email?: string; phone?: string; postalCode?: string } | undefined;
  const title = person?.lastName ? `Dossier de ${person.firstName ?? ''} ${person.lastName.toUpperCase()}` : `Dossier ${view.caseId.slice(0, 8)}`;
  return (
    <Page title={title} principal={principal} csrf={csrf}>
      {form && <ErrorSummary errors={form.errors} />}
      {message && <p class="message" role="status">{message}</p>}
      <p>Processus : <strong>{processApiOf(view.process).definition.label}</strong> — étape : <strong id="etape">{view.stageLabel}</strong>
        {view.closure ? ` — clos (${view.closure.reason})` : ''}</p>
      {view.incident && <p class="erreur">Incident depuis le {dateTimeFr(view.incident.since)} : {view.incident.detail}</p>}
      {person && <Identity person={person} caseId={view.caseId} principal={principal} />}
      {data.assignment && <Assignment caseId={view.caseId} csrf={csrf} assignment={data.assignment} />}
      <Deadlines deadlines={view.deadlines} process={view.process} />
      <Actions principal={principal} csrf={csrf} data={data} form={form} />
      <Timeline history={view.history} process={view.process} />
      <Money records={data.records} />
      <Mails records={data.records} />
      <Events records={data.records} />
      {data.version && (
        <section aria-labelledby="titre-version"><h2 id="titre-version">Version du processus</h2>
          <p>Workflow <code>{data.version.workflowType}</code>, exécution commencée le {dateTimeFr(data.version.startedAt)} ({data.version.historyLength} événements).</p></section>)}
    </Page>
  );
}

function Identity({ person, caseId, principal }: { person: NonNullable<Record<string, string | undefined>>; caseId: string; principal: Principal }) {
  return (
    <section aria-labelledby="titre-identite">
      <h2 id="titre-identite">Identité</h2>
      <dl class="identite">
        <dt>Nom</dt><dd>{person.lastName}</dd><dt>Prénom</dt><dd>{person.firstName}</dd>
        {person.birthDate && <><dt>Date de naissance</dt><dd>{person.birthDate.split('-').reverse().join('/')}</dd></>}
        {person.email && <><dt>Courriel</dt><dd>{person.email}</dd></>}
        {person.phone && <><dt>Téléphone</dt><dd>{person.phone}</dd></>}
        {person.postalCode && <><dt>Code postal</dt><dd>{person.postalCode}</dd></>}
      </dl>
      {principal.role === 'caseworker' && (
        <div id="donnees-sensibles">
          <a href={`/console/dossiers/${caseId}/sensible`} hx-get={`/console/dossiers/${caseId}/sensible`} hx-target="#donnees-sensibles" hx-swap="innerHTML">
            Afficher les données sensibles (consultation tracée)</a>
        </div>)}
    </section>
  );
}

export function SensitiveData({ sensitive }: { sensitive: Record<string, boolean> }) {
  const labels: Record<string, string> = { rqth: 'RQTH', rsa: 'Bénéficiaire du RSA', sousMainDeJustice: 'Sous main de justice', illettrisme: 'Situation d’illettrisme' };
  return (
    <dl class="identite" aria-label="Données sensibles">
      {Object.entries(labels).map(([k, l]) => <><dt>{l}</dt><dd>{sensitive[k] ? 'oui' : 'non'}</dd></>)}
    </dl>
  );
}

function Assignment({ caseId, csrf, assignment }: { caseId: string; csrf: string; assignment: NonNullable<CasePageData['assignment']> }) {
  return (
    <section aria-labelledby="titre-attribution">
      <h2 id="titre-attribution">Suivi du dossier</h2>
      <p>Attribué à : <strong>{assignment.assignedTo?.replace(/^caseworker:/, '') ?? 'personne'}</strong>{assignment.followed ? ' — vous suivez ce dossier' : ''}</p>
      <div class="actions">
        <form method="post" action={`/console/dossiers/${caseId}/attribution`}>
          <input type="hidden" name="_csrf" value={csrf} /><input type="hidden" name="quoi" value="moi" />
          <button type="submit">M’attribuer le dossier</button>
        </form>
        <form method="post" action={`/console/dossiers/${caseId}/attribution`}>
          <input type="hidden" name="_csrf" value={csrf} /><input type="hidden" name="quoi" value="transfert" />
          <div class="champ"><label for="transfert-a">Transférer à (identifiant du ou de la collègue)</label><input id="transfert-a" name="a" required maxLength={60} /></div>
          <div class="champ"><label for="transfert-motif">Motif du transfert</label><input id="transfert-motif" name="motif" required maxLength={200} /></div>
          <button type="submit" class="secondaire">Transférer</button>
        </form>
        <form method="post" action={`/console/dossiers/${caseId}/attribution`}>
          <input type="hidden" name="_csrf" value={csrf} /><input type="hidden" name="quoi" value={assignment.followed ? 'ne-plus-suivre' : 'suivre'} />
          <button type="submit" class="secondaire">{assignment.followed ? 'Ne plus suivre' : 'Suivre le dossier'}</button>
        </form>
      </div>
    </section>
  );
}

function Deadlines({ deadlines, process }: { deadlines: { kind: string; dueAt: string; status: string }[]; process: string }) {
  const labels = processApiOf(process).definition.deadlines as Record<string, string> | undefined;
  return (
    <section aria-labelledby="titre-echeances"><h2 id="titre-echeances">Échéances</h2>
      {deadlines.length === 0 ? <p>Aucune échéance en cours.</p> : (
        <table><caption>Échéances en cours</caption>
          <thead><tr><th scope="col">Quoi</th><th scope="col">Pour le</th><th scope="col">Compte à rebours</th><th scope="col">État</th></tr></thead>
          <tbody>{deadlines.map((d) => {
            const c = countdown(d.dueAt);
            return <tr><td>{labels?.[d.kind] ?? d.kind}</td><td>{dateTimeFr(d.dueAt)}</td><td class={c.late ? 'en-retard' : undefined}>{c.text}</td>
              <td>{d.status === 'alerted' ? 'référent alerté' : 'en attente'}</td></tr>;
          })}</tbody></table>)}
    </section>
  );
}

function Actions({ principal, csrf, data, form }: { principal: Principal; csrf: string; data: CasePageData; form?: FormState }) {
  const allowed = data.view.allowedActions.filter((a) => consoleActionOf(data.view.process, a.action)?.roles.includes(principal.role));
  return (
    <section aria-labelledby="titre-actions"><h2 id="titre-actions">Actions possibles à cette étape</h2>
      {allowed.length === 0 ? <p>Aucune action de votre rôle n’est possible à cette étape.</p> : (
        <div class="actions">{allowed.map(({ action, label }) => {
          const spec = consoleActionOf(data.view.process, action)!;
          const values = form?.action === action ? form.values : {};
          return (
            <form method="post" action={`/console/dossiers/${data.view.caseId}/actions/${action}`} aria-labelledby={`titre-${action}`} novalidate>
              <h3 id={`titre-${action}`}>{label}</h3>
              <input type="hidden" name="_csrf" value={csrf} />
              <spec.Fields id={(f) => `${action}-${f}`} values={values} view={data.view} choices={data.choices[action] ?? {}} />
              <button type="submit">{label}</button>
            </form>);
        })}</div>)}
    </section>
  );
}

function Timeline({ history, process }: { history: { seq: number; stage: string; action: string; actor: string; at: string }[]; process: string }) {
  const actions = processApiOf(process).definition.actions as Record<string, { label: string }>;
  return (
    <section aria-labelledby="titre-historique"><h2 id="titre-historique">Historique</h2>
      <table id="historique"><caption>Qui a fait quoi, quand (le plus récent en premier)</caption>
        <thead><tr><th scope="col">Date</th><th scope="col">Action</th><th scope="col">Par</th><th scope="col">Étape après</th></tr></thead>
        <tbody>{[...history].reverse().map((h) => (
          <tr><td>{dateTimeFr(h.at)}</td><td>{actions[h.action]?.label ?? h.action.replace(/_/g, ' ')}</td><td>{actorLabel(h.actor)}</td><td>{stageLabel(process, h.stage)}</td></tr>))}</tbody>
      </table>
    </section>
  );
}

function Money({ records }: { records: CaseRecords }) {
  if (!records.payments.length && !records.overpayments.length) return null;
  return (
    <section aria-labelledby="titre-paiements"><h2 id="titre-paiements">Paiements et indus</h2>
      {records.payments.length > 0 && <table><caption>Paiements</caption>
        <thead><tr><th scope="col">Référence</th><th scope="col">Nature</th><th scope="col">Mois</th><th scope="col">Montant</th><th scope="col">Fichier de paiement</th></tr></thead>
        <tbody>{records.payments.map((p) => <tr><td>{p.reference}</td><td>{p.kind}</td><td>{p.period ?? '—'}</td><td>{euros(p.amount_cents)}</td><td>{p.payment_file_id ?? 'pas encore versé'}</td></tr>)}</tbody></table>}
      {records.overpayments.length > 0 && <table><caption>Indus</caption>
        <thead><tr><th scope="col">Référence</th><th scope="col">Mois</th><th scope="col">Montant</th><th scope="col">Motif</th><th scope="col">État</th></tr></thead>
        <tbody>{records.overpayments.map((o) => <tr><td>{o.reference}</td><td>{o.period ?? '—'}</td><td>{euros(o.amount_cents)}</td><td>{o.reason}</td><td>{o.status}</td></tr>)}</tbody></table>}
    </section>
  );
}

function Mails({ records }: { records: CaseRecords }) {
  if (!records.mails.length) return null;
  return (
    <section aria-labelledby="titre-courriers"><h2 id="titre-courriers">Courriers envoyés</h2>
      <table><caption>Courriers du dossier</caption><thead><tr><th scope="col">Modèle</th><th scope="col">État</th><th scope="col">Envoyé le</th></tr></thead>
        <tbody>{records.mails.map((m) => <tr><td>{m.template}</td><td>{m.status}</td><td>{m.sent_at ? dateTimeFr(m.sent_at) : '—'}</td></tr>)}</tbody></table>
    </section>
  );
}

function Events({ records }: { records: CaseRecords }) {
  if (!records.events.length) return null;
  return (
    <section aria-labelledby="titre-evenements"><h2 id="titre-evenements">Notifications aux partenaires</h2>
      <table><caption>Événements envoyés et leur accusé de réception</caption>
        <thead><tr><th scope="col">Événement</th><th scope="col">Destinataire</th><th scope="col">Envoyé le</th><th scope="col">Accusé de réception</th></tr></thead>
        <tbody>{records.events.map((e) => <tr><td>{e.type} (v{e.version})</td><td>{e.organisation}</td><td>{dateTimeFr(e.created_at)}</td>
          <td>{e.acknowledged_at ? `reçu le ${dateTimeFr(e.acknowledged_at)}` : `non encore (${e.status})`}</td></tr>)}</tbody></table>
    </section>
  );
}
