/**
 * Training providers: their sessions, and for a session and a month, a grid of its trainees to certify attendance
 * in one go. Each row is the API's single statement (POST /cases/:id/etats-presence: the same schema, the same
 * reception into the inbox), one trainee at a time; each row says whether it was accepted or why not. Trainees admitted
 * and waiting for their entry link to their case page, where the entry is confirmed.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Router } from 'express';
import { z } from 'zod';
import { formatMonthFr, parisClock, PERIOD_PATTERN } from '../../../domain/dates';
import { PARCOURS } from '../../../domain/parcours/stages';
import type { Principal } from '../../auth';
import { visibleCasesWhere } from '../../case/visible';
import type { ApiContext } from '../../context';
import { forbidden, notFound, toHttpError } from '../../errors';
import { EtatPresenceBody } from '../../parcours/etats-presence';
import { receiveStatement } from '../../parcours/etats-presence-inbox';
import { stageLabel } from '../format';
import { consoleRoute } from '../handler';
import { Page } from '../layout';
import { sendPage } from '../render';

interface SessionRow { id: string; title: string; start_date: string; end_date: string; bassin: string; dispositif: string; trainees: string }
interface TraineeRow { id: string; stage: string; last_name: string; first_name: string; scheduled_minutes: number | null; unjustified_absence_minutes: number | null }
type RowResult = { ok: true } | { ok: false; message: string };

const orgOf = (p: Principal): string => {
  if (p.role !== 'organisme') throw forbidden();
  return p.org;
};

export function organismeRoutes(router: Router, ctx: ApiContext): void {
  const em = (): EntityManager => ctx.orm.em.fork() as EntityManager;

  router.get('/organisme/sessions', consoleRoute(['organisme'], async ({ res, principal, csrf }) => {
    // A provider sees its own sessions (the rule of the API's GET /sessions).
    const sessions = await em().execute<SessionRow[]>(`select fs.id, fs.title, fs.start_date, fs.end_date, fs.bassin, fs.dispositif,
        (select count(*) from parcours_dossier s join dossier d on d.id = s.dossier_id where s.session_id = fs.id and d.open) as trainees
      from formation_session fs where fs.organisme_id = ? order by fs.start_date desc limit 200`, [orgOf(principal)]);
    sendPage(res, (
      <Page title="Mes sessions" principal={principal} csrf={csrf} current="/console/organisme/sessions">
        <table><caption>Sessions de l’organisme</caption>
          <thead><tr><th scope="col">Session</th><th scope="col">Dates</th><th scope="col">Bassin</th><th scope="col">Dispositif</th><th scope="col">Stagiaires (dossiers ouverts)</th></tr></thead>
          <tbody>{sessions.map((s) => (
            <tr><td><a href={`/console/organisme/sessions/${s.id}`}>{s.title}</a></td><td>du {day(s.start_date)} au {day(s.end_date)}</td>
              <td>{s.bassin}</td><td>{s.dispositif}</td><td>{s.trainees}</td></tr>))}</tbody></table>
      </Page>));
  }));

  router.get('/organisme/sessions/:sessionId', consoleRoute(['organisme'], async (c) => {
    const session = await sessionOf(em(), c.principal, String(c.req.params.sessionId));
    const month = monthOf(c.req.query.mois);
    sendPage(c.res, <GridPage principal={c.principal} csrf={c.csrf} session={session} month={month} trainees={await traineesOf(em(), c.principal, session.id, month)} />);
  }));

  router.post('/organisme/sessions/:sessionId', consoleRoute(['organisme'], async (c) => {
    const session = await sessionOf(em(), c.principal, String(c.req.params.sessionId));
    const month = monthOf(c.req.body?.mois);
    const trainees = await traineesOf(em(), c.principal, session.id, month);
    const results: Record<string, RowResult> = {};
    for (const t of trainees.filter((row) => row.stage === 'en_formation' || row.stage === 'suivi')) {
      const scheduled = c.req.body?.[`prevues-${t.id}`];
      if (scheduled === undefined || scheduled === '') continue;
      results[t.id] = await certify(ctx, c.principal, t.id, { period: month, scheduledMinutes: Number(scheduled) * 60,
        unjustifiedAbsenceMinutes: Number(c.req.body?.[`absences-${t.id}`] || 0) * 60 });
    }
    const status = Object.values(results).some((r) => !r.ok) ? 400 : 200;
    sendPage(c.res, <GridPage principal={c.principal} csrf={c.csrf} session={session} month={month}
      trainees={await traineesOf(em(), c.principal, session.id, month)} results={results} />, status);
  }));
}

/** One trainee's statement: the API's schema, then the same reception as POST /cases/:id/etats-presence. */
async function certify(ctx: ApiContext, principal: Principal, caseId: string, input: unknown): Promise<RowResult> {
  const parsed = EtatPresenceBody.safeParse(input);
  if (!parsed.success) return { ok: false, message: parsed.error.issues.map((i) => i.message).join(' ; ') };
  try {
    await receiveStatement(ctx, principal, caseId, parsed.data);
    return { ok: true };
  } catch (err) {
    const known = toHttpError(err);
    if (!known || known.status >= 500) throw err;
    return { ok: false, message: known.message };
  }
}

const day = (d: string | Date): string => String(d instanceof Date ? d.toISOString() : d).slice(0, 10).split('-').reverse().join('/');

function monthOf(value: unknown): string {
  if (typeof value === 'string' && PERIOD_PATTERN.test(value)) return value;
  const today = parisClock().today;
  // The month to certify is the last one ended.
  const [y, m] = today.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

async function sessionOf(em: EntityManager, principal: Principal, id: string): Promise<SessionRow> {
  if (!z.string().uuid().safeParse(id).success) throw notFound('session');
  const [session] = await em.execute<SessionRow[]>('select id, title, start_date, end_date, bassin, dispositif, organisme_id, 0 as trainees from formation_session where id = ?', [id]);
  if (!session) throw notFound('session');
  if ((session as unknown as { organisme_id: string }).organisme_id !== orgOf(principal)) throw forbidden('cette session est celle d’un autre organisme');
  return session;
}

/** The session's open cases the provider may see (the API's list rule), with the month's statement if any. */
async function traineesOf(em: EntityManager, principal: Principal, sessionId: string, month: string): Promise<TraineeRow[]> {
  const { where, params } = visibleCasesWhere(principal, { process: PARCOURS.kind, sessionId });
  return em.execute<TraineeRow[]>(`select d.id, d.stage, p.last_name, p.first_name, a.scheduled_minutes, a.unjustified_absence_minutes
    from dossier d join person p on p.id = d.person_id left join attendance_statement a on a.dossier_id = d.id and a.period = ?
    where ${where} and d.open order by p.last_name, p.first_name limit 500`, [month, ...params]);
}

function GridPage({ principal, csrf, session, month, trainees, results = {} }: { principal: Principal; csrf: string; session: SessionRow; month: string;
  trainees: TraineeRow[]; results?: Record<string, RowResult> }) {
  const inTraining = trainees.filter((t) => t.stage === 'en_formation' || t.stage === 'suivi');
  const waiting = trainees.filter((t) => t.stage === 'admis');
  const failed = Object.entries(results).filter(([, r]) => !r.ok);
  const hours = (minutes: number | null): string => (minutes === null ? '' : String(minutes / 60));
  return (
    <Page title={`${session.title} — présences de ${formatMonthFr(month)}`} principal={principal} csrf={csrf}>
      {Object.keys(results).length > 0 && (failed.length
        ? <div class="resume-erreurs" role="alert"><h2>{failed.length} état(s) non enregistré(s)</h2><ul>{failed.map(([id]) => <li><a href={`#prevues-${id}`}>{nameOf(trainees, id)}</a></li>)}</ul></div>
        : <p class="message" role="status" id="certification-ok">{Object.keys(results).length} état(s) de présence certifié(s).</p>)}
      <form method="get" action={`/console/organisme/sessions/${session.id}`} class="filtres">
        <div><label for="mois">Mois</label><input type="month" id="mois" name="mois" value={month} /></div>
        <button type="submit" class="secondaire">Changer de mois</button>
      </form>
      <form method="post" action={`/console/organisme/sessions/${session.id}`}>
        <input type="hidden" name="_csrf" value={csrf} /><input type="hidden" name="mois" value={month} />
        <table><caption>Stagiaires en formation : heures prévues et absences non justifiées du mois (en heures) ; la sortie se déclare sur la page du dossier</caption>
          <thead><tr><th scope="col">Stagiaire</th><th scope="col">Heures prévues</th><th scope="col">Absences non justifiées (heures)</th><th scope="col">État</th></tr></thead>
          <tbody>{inTraining.map((t) => {
            const r = results[t.id];
            return (
              <tr><th scope="row"><a href={`/console/dossiers/${t.id}`}>{`${t.last_name.toUpperCase()} ${t.first_name}`}</a></th>
                <td><label class="sr" for={`prevues-${t.id}`}>Heures prévues de {t.first_name} {t.last_name}</label>
                  <input type="number" min={0} step="0.5" id={`prevues-${t.id}`} name={`prevues-${t.id}`} value={hours(t.scheduled_minutes)} /></td>
                <td><label class="sr" for={`absences-${t.id}`}>Absences non justifiées de {t.first_name} {t.last_name}</label>
                  <input type="number" min={0} step="0.5" id={`absences-${t.id}`} name={`absences-${t.id}`} value={hours(t.unjustified_absence_minutes)} /></td>
                <td>{r ? (r.ok ? <span class="ok">certifié</span> : <span class="erreur">{r.message}</span>) : t.scheduled_minutes !== null ? 'déjà certifié (modifiable)' : 'à certifier'}</td></tr>);
          })}</tbody></table>
        <button type="submit">Certifier les présences du mois</button>
      </form>
      {waiting.length > 0 && (
        <section aria-labelledby="titre-entrees"><h2 id="titre-entrees">Entrées à confirmer</h2>
          <ul>{waiting.map((t) => <li><a href={`/console/dossiers/${t.id}`}>{`${t.last_name.toUpperCase()} ${t.first_name}`}</a> — {stageLabel(PARCOURS.kind, t.stage)}</li>)}</ul>
        </section>)}
    </Page>
  );
}

const nameOf = (trainees: TraineeRow[], id: string): string => {
  const t = trainees.find((row) => row.id === id);
  return t ? `${t.last_name.toUpperCase()} ${t.first_name}` : id;
};
