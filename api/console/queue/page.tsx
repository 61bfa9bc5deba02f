/** The work queue page: filters, search, the table of cases with a selection for bulk actions, pagination. */
import type { Principal } from '../../auth';
import { PROCESS_APIS } from '../../processes';
import { countdown, processLabel, stageLabel } from '../format';
import { ErrorSummary, Page } from '../layout';
import { COUNT_CAP, PAGE_SIZE, VIEWS, type QueueFilters, type QueueRow } from './query';

export interface QueueData {
  filters: QueueFilters;
  rows: QueueRow[];
  total: number;
  organismes: { id: string; name: string }[];
  errors: { field?: string; message: string }[];
  message?: string;
}

export function QueuePage({ principal, csrf, data }: { principal: Principal; csrf: string; data: QueueData }) {
  return (
    <Page title="File de travail" principal={principal} csrf={csrf} current="/console/file">
      <ErrorSummary errors={data.errors} />
      {data.message && <p class="message" role="status">{data.message}</p>}
      <Filters filters={data.filters} organismes={data.organismes} />
      <div id="resultats">
        <Results data={data} csrf={csrf} />
      </div>
    </Page>
  );
}

function Filters({ filters, organismes }: { filters: QueueFilters; organismes: QueueData['organismes'] }) {
  return (
    // htmx replaces the results only (and keeps the address in step); without JavaScript the form loads the page.
    <form method="get" action="/console/file" class="filtres" role="search" aria-label="Filtrer et rechercher les dossiers"
      hx-get="/console/file" hx-target="#resultats" hx-select="#resultats" hx-swap="outerHTML" hx-push-url="true">
      <div><label for="vue">Vue</label>
        <select id="vue" name="vue">{Object.entries(VIEWS).map(([v, label]) => <option value={v} selected={filters.vue === v}>{label}</option>)}</select></div>
      <div><label for="process">Processus</label>
        <select id="process" name="process"><option value="">Tous</option>
          {PROCESS_APIS.map((p) => <option value={p.definition.kind} selected={filters.process === p.definition.kind}>{p.definition.label}</option>)}</select></div>
      <div><label for="stage">Étape</label>
        <select id="stage" name="stage"><option value="">Toutes</option>
          {PROCESS_APIS.map((p) => (
            <optgroup label={p.definition.label}>
              {Object.entries(p.definition.stages).map(([s, label]) => <option value={s} selected={filters.stage === s}>{label as string}</option>)}
            </optgroup>))}</select></div>
      <div><label for="bassin">Bassin</label><input id="bassin" name="bassin" value={filters.bassin ?? ''} size={10} /></div>
      <div><label for="dispositif">Dispositif</label><input id="dispositif" name="dispositif" value={filters.dispositif ?? ''} size={10} /></div>
      <div><label for="organismeId">Organisme</label>
        <select id="organismeId" name="organismeId"><option value="">Tous</option>
          {organismes.map((o) => <option value={o.id} selected={filters.organismeId === o.id}>{o.name}</option>)}</select></div>
      <div><input type="checkbox" id="enRetard" name="enRetard" value="1" checked={Boolean(filters.enRetard)} />
        <label for="enRetard" style="display:inline">Échéance dépassée</label></div>
      <div><label for="recherche">Nom ou date de naissance</label>
        <input id="recherche" name="recherche" value={filters.recherche ?? ''} aria-describedby="recherche-aide" />
        <p class="aide" id="recherche-aide">Début du nom, ou JJ/MM/AAAA. Chaque recherche est tracée.</p></div>
      <button type="submit">Filtrer</button>
    </form>
  );
}

function Results({ data, csrf }: { data: QueueData; csrf: string }) {
  const pages = Math.max(1, Math.ceil(data.total / PAGE_SIZE));
  return (
    <form method="post" action="/console/file/lot">
      <input type="hidden" name="_csrf" value={csrf} />
      <p role="status">{data.total > COUNT_CAP ? `Plus de ${COUNT_CAP.toLocaleString('fr-FR')} dossiers — page ${data.filters.page}`
        : `${data.total} dossier${data.total > 1 ? 's' : ''} — page ${data.filters.page} sur ${pages}`}</p>
      <table>
        <caption>Dossiers, échéance la plus proche en premier</caption>
        <thead><tr>
          <th scope="col">Sélection</th><th scope="col">Personne</th><th scope="col">Processus</th><th scope="col">Étape</th>
          <th scope="col">Échéance</th><th scope="col">Attribué à</th>
        </tr></thead>
        <tbody>{data.rows.map((r) => <Row row={r} />)}</tbody>
      </table>
      <fieldset>
        <legend>Action sur la sélection</legend>
        <label for="lot-action">Action</label>
        <select id="lot-action" name="action">
          <option value="attribuer">M’attribuer les dossiers</option>
          <option value="suivre">Suivre les dossiers</option>
          <option value="relancer">Relancer (renvoyer le rappel de l’échéance en cours)</option>
          <option value="export">Exporter en CSV</option>
        </select>
        <button type="submit">Appliquer à la sélection</button>
      </fieldset>
      <Pagination filters={data.filters} pages={pages} />
    </form>
  );
}

function Row({ row }: { row: QueueRow }) {
  const due = row.echeance_at ? countdown(row.echeance_at) : null;
  const name = `${row.last_name.toUpperCase()} ${row.first_name}`;
  return (
    <tr>
      <td><input type="checkbox" name="ids" value={row.id} id={`sel-${row.id}`} aria-label={`Sélectionner ${name}`} /></td>
      <td><a href={`/console/dossiers/${row.id}`}>{name}</a></td>
      <td>{processLabel(row.process_kind)}</td>
      <td>{stageLabel(row.process_kind, row.stage)}</td>
      <td>{due ? <span class={due.late ? 'en-retard' : undefined}>{row.echeance_kind} : {due.text}</span> : '—'}</td>
      <td>{row.assigned_to?.replace(/^caseworker:/, '') ?? 'non attribué'}</td>
    </tr>
  );
}

function Pagination({ filters, pages }: { filters: QueueFilters; pages: number }) {
  const link = (page: number): string => {
    const q = new URLSearchParams(Object.entries({ ...filters, page: String(page) }).filter(([, v]) => v !== undefined && v !== '') as [string, string][]);
    return `/console/file?${q.toString()}`;
  };
  return (
    <nav aria-label="Pagination">
      <ul class="pagination">
        {filters.page > 1 && <li><a href={link(filters.page - 1)}>Page précédente</a></li>}
        {filters.page < pages && <li><a href={link(filters.page + 1)}>Page suivante</a></li>}
      </ul>
    </nav>
  );
}
