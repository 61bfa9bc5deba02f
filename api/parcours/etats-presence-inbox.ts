/**
 * The statements' inbox (issue 9 §3): a provider's statement is answered once checked and durably accepted, in
 * milliseconds, whatever the workers are doing; the case's workflow takes it at the workers' pace.
 *
 * - `receiveStatement`: the same checks as the workflow's validator (domain/parcours/etat-presence.ts), against the
 *   case's read model (api/case/state.ts); a statement identical to the recorded one is `inchange` at once; else one
 *   insert into `statement_inbox` (`recu`). A case with no fresh snapshot, or a statement the snapshot refuses, is
 *   sent to the workflow directly (the update, as before), whose answer is then the provider's.
 * - `startStatementRelay`: hands the waiting statements to their workflows (`certifierEtatPresence`, idempotent: a
 *   statement handed twice is `inchange` the second time), a bounded number at a time, oldest first, one at a time
 *   per case and month; records the workflow's outcome, or its refusal (a race with the case: an exit declared in
 *   between...), which the provider reads with `GET /cases/{id}/etats-presence`. Several API replicas
 *   share the inbox (rows claimed with SKIP LOCKED, for a lease: a relay that dies leaves them to another).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { Semaphore } from 'async-mutex';
import { timestampOf, type DbTimestamp } from '../../db/raw-values';
import { statementRefusal, statementUnchanged, type EtatPresence } from '../../domain/parcours/etat-presence';
import { PARCOURS } from '../../domain/parcours/stages';
import { logger } from '../../platform/logger';
import { certifierEtatPresence, parcoursWorkflowId, type ParcoursState } from '../../workflows/parcours/messages';
import { actorOf, type Principal } from '../auth';
import { loadCaseFor } from '../case/access';
import { assertProcess, sendUpdate } from '../case/act';
import { readSnapshot } from '../case/state';
import type { ApiContext } from '../context';
import { toHttpError } from '../errors';

export type ReceptionOutcome = 'recu' | 'enregistre' | 'corrige' | 'inchange';

export interface Reception {
  caseId: string;
  period: string;
  outcome: ReceptionOutcome;
  /** The journal entry that recorded it (outcomes other than `recu`). */
  seq?: number;
  /** `recu`: when the inbox took it. */
  receivedAt?: string;
}

/**
 * Receptions under way at once in this API process (STATEMENT_RECEPTION_IN_FLIGHT), per ORM (one per process; tests
 * make several); the others wait their turn in memory. A burst of statements then holds a few of the pool's
 * connections and of the event loop's turns, not all of them: the case pages and lists served meanwhile do not
 * queue behind it (docs/SCALE.md, seventh pass).
 */
const receptionSlots = new WeakMap<ApiContext['orm'], Semaphore>();

function slotsOf(ctx: ApiContext): Semaphore {
  let slots = receptionSlots.get(ctx.orm);
  if (!slots) receptionSlots.set(ctx.orm, (slots = new Semaphore(ctx.config.STATEMENT_RECEPTION_IN_FLIGHT)));
  return slots;
}

export async function receiveStatement(ctx: ApiContext, principal: Principal, caseId: string, statement: EtatPresence): Promise<Reception> {
  const received = await slotsOf(ctx).runExclusive(async () => {
    const em = ctx.orm.em.fork() as EntityManager;
    const loaded = await loadCaseFor(em, principal, caseId);
    assertProcess(loaded.process, PARCOURS.kind);
    const state = await readSnapshot<ParcoursState>(em, loaded);
    // The workflow answers itself when the read model cannot take the statement: no snapshot (a case from before
    // it, not changed since), or a refusal, which a snapshot a step behind may give: a refusal is the workflow's own
    // word, and rare. It is asked outside the slot: its answer may take seconds.
    if (!state || statementRefusal(state.stage, state.formation, statement, new Date())) return null;
    return enqueue(em, caseId, actorOf(principal), statement, statementUnchanged(state.formation!, statement) ? state.history.length : null);
  });
  return received ?? sendUpdate(ctx, parcoursWorkflowId(caseId), certifierEtatPresence, { actor: actorOf(principal), ...statement });
}

/**
 * One row, unless the month's last waiting statement is the same (a repeated request), or nothing waits and the
 * case has it already (`recordedSeq`). A waiting statement not yet with the relay is replaced by the newer one.
 * One round trip (a data-modifying CTE): the reception is what a provider waits for (issue 9 §3). "The same" is
 * the equality of the stored fields (`fieldsOf`, as jsonb), which is `sameStatement` (domain/parcours/etat-presence.ts)
 * for two statements of a month.
 * Two different statements of a month arriving at the same instant may both stay: the relay hands them in order,
 * and the later one is the month's.
 */
async function enqueue(em: EntityManager, caseId: string, actor: string, statement: EtatPresence, recordedSeq: number | null): Promise<Reception> {
  const { period } = statement;
  const stored = JSON.stringify(fieldsOf(statement));
  const [row] = await em.execute<{ inserted_at: DbTimestamp | null; waiting_at: DbTimestamp | null }[]>(`with
    last as (select statement, received_at from statement_inbox
      where dossier_id = ? and period = ? and status in ('recu', 'en_cours') order by id desc limit 1),
    go as (select case when exists (select 1 from last) then not exists (select 1 from last where statement = ?::jsonb)
      else ?::boolean end as insert),
    replaced as (update statement_inbox set status = 'remplace', done_at = now()
      where dossier_id = ? and period = ? and status = 'recu' and (select insert from go)),
    inserted as (insert into statement_inbox (dossier_id, period, statement, actor)
      select ?, ?, ?::jsonb, ? where (select insert from go) returning received_at)
    select (select received_at from inserted) as inserted_at, (select received_at from last) as waiting_at`,
  [caseId, period, stored, recordedSeq === null, caseId, period, caseId, period, stored, actor]);
  if (row.inserted_at) return { caseId, period, outcome: 'recu', receivedAt: iso(row.inserted_at) };
  if (row.waiting_at) return { caseId, period, outcome: 'recu', receivedAt: iso(row.waiting_at) };
  return { caseId, period, outcome: 'inchange', seq: recordedSeq! };
}

const iso = (at: DbTimestamp): string => timestampOf(at).toISOString();

/** The statement's own fields (not the actor, nor a batch line's case). */
const fieldsOf = ({ period, scheduledMinutes, unjustifiedAbsenceMinutes, indemnitesJournalieresCents }: EtatPresence): EtatPresence =>
  ({ period, scheduledMinutes, unjustifiedAbsenceMinutes, indemnitesJournalieresCents });

/** What the provider can learn of its statements: for each month, the last one sent and what became of it. */
export async function lastReceptions(em: EntityManager, caseId: string, period?: string) {
  const rows = await em.execute<{ period: string; status: string; received_at: DbTimestamp; done_at: DbTimestamp | null; code: string | null;
    motif: string | null; seq: number | null; statement: EtatPresence }[]>(`select distinct on (period) period, status, received_at, done_at, code,
    motif, seq, statement from statement_inbox where dossier_id = ? and (?::text is null or period = ?) order by period, id desc`,
  [caseId, period ?? null, period ?? null]);
  return new Map(rows.map((row) => [row.period, { statut: row.status, recuLe: iso(row.received_at), traiteLe: row.done_at ? iso(row.done_at) : null,
    ...(row.code ? { code: row.code, motif: row.motif } : {}), ...(row.seq !== null ? { seq: row.seq } : {}), etat: row.statement }]));
}

export interface RelaySettings {
  /** Statements with the workflows at once: the pace of the workers, not of the requests. */
  inFlight: number;
  /** How long a claimed statement stays with its relay before another may take it (a relay that died). */
  leaseSeconds: number;
  idleMs: number;
}

const DEFAULT_RELAY: RelaySettings = { inFlight: 32, leaseSeconds: 120, idleMs: 250 };
/** A statement's update may wait for a worker: past this, the relay lets it go and tries again later. */
const HAND_OVER_MS = 60_000;

interface Claimed { id: string; dossier_id: string; statement: EtatPresence; actor: string; attempts: number }

export function startStatementRelay(ctx: Pick<ApiContext, 'orm' | 'client'>, settings: Partial<RelaySettings> = {}): { stop(): Promise<void> } {
  const { inFlight, leaseSeconds, idleMs } = { ...DEFAULT_RELAY, ...settings };
  const em = (): EntityManager => ctx.orm.em.fork() as EntityManager;
  const running = new Set<Promise<void>>();
  let stopped = false;
  let wake: () => void = () => undefined;
  const pause = (ms: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    wake = () => { clearTimeout(timer); resolve(); };
  });

  const claim = (n: number) => em().execute<Claimed[]>(`update statement_inbox i
      set status = 'en_cours', claimed_until = now() + make_interval(secs => ?), attempts = attempts + 1
    where i.id in (select s.id from statement_inbox s
      where s.status in ('recu', 'en_cours') and (s.claimed_until is null or s.claimed_until < now())
        and not exists (select 1 from statement_inbox o where o.dossier_id = s.dossier_id and o.period = s.period and o.id < s.id
          and o.status in ('recu', 'en_cours'))
      order by s.id limit ? for update skip locked)
    returning i.id, i.dossier_id, i.statement, i.actor, i.attempts`, [leaseSeconds, n]);

  const finish = (id: string, status: string, extra: { seq?: number; code?: string; motif?: string } = {}) => em().execute(
    `update statement_inbox set status = ?, seq = ?, code = ?, motif = ?, done_at = now(), claimed_until = null where id = ? and status = 'en_cours'`,
    [status, extra.seq ?? null, extra.code ?? null, extra.motif?.slice(0, 400) ?? null, id]);

  // Not the statement's fault (Temporal or the database unavailable, no answer in time): again later, backing off.
  const later = (row: Claimed) => em().execute(
    `update statement_inbox set status = 'recu', claimed_until = now() + make_interval(secs => ?) where id = ? and status = 'en_cours'`,
    [Math.min(2 ** row.attempts, 60), row.id]);

  async function deliver(row: Claimed): Promise<void> {
    try {
      const done = await sendUpdate(ctx, parcoursWorkflowId(row.dossier_id), certifierEtatPresence, { actor: row.actor, ...row.statement }, HAND_OVER_MS);
      await finish(row.id, done.outcome, { seq: done.seq });
    } catch (err) {
      const known = toHttpError(err);
      if (known && known.status < 500) return void (await finish(row.id, 'refuse', { code: known.code, motif: known.message }));
      logger.warn({ statementId: row.id, attempts: row.attempts, err: (err as Error).message }, 'statement not handed over: again later');
      await later(row).catch(() => undefined);
    }
  }

  async function loop(): Promise<void> {
    while (!stopped) {
      let claimed: Claimed[] = [];
      try {
        if (running.size < inFlight) claimed = await claim(inFlight - running.size);
      } catch (err) {
        logger.warn({ err: (err as Error).message }, 'statement relay: inbox unavailable');
        await pause(idleMs * 20);
        continue;
      }
      for (const row of claimed) {
        const p: Promise<void> = deliver(row).finally(() => { running.delete(p); wake(); });
        running.add(p);
      }
      if (!claimed.length || running.size >= inFlight) await pause(idleMs);
    }
    await Promise.all(running);
  }

  const done = loop();
  return {
    async stop() {
      stopped = true;
      wake();
      await done;
    },
  };
}
