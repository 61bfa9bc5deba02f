/**
 * Parameter rows of trainee pay changed without a deployment, four eyes (domain/remuneration/propositions.ts):
 * a finance user proposes a dated row, another approves it and the row is inserted in its table in the same
 * transaction, or anyone of finance rejects it with a reason. Every step is written in the audit log.
 *
 * "A row cannot change a month already paid": the latest paid period is read under the parameters lock held
 * exclusively (activities/paiements/locks.ts), which every pay activity holds shared while it computes and
 * writes; so no payment computed with the old rows can land in the new row's months after the check.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { writeAudit } from '../../activities/case/audit';
import { lockParametersExclusive } from '../../activities/paiements/locks';
import { loadParameterStatus } from '../../activities/parcours/remuneration/parameters';
import {
  approveProposal, proposeRow, rejectProposal, type ParameterProposal, type ParameterStatusView, type ProposalStatus, type ProposedRow,
} from '../../domain/remuneration';
import { notFound } from '../errors';

export interface StoredProposal extends ParameterProposal { id: string }

/** Kinds of the ledger that the pay parameters decide (bursaries and providers have tables of their own). */
const PAY_KINDS = ['AVANCE', 'MENSUEL', 'AIDE_EQUIPEMENT', 'AIDE_MOBILITE', 'SOLDE', 'COMPLEMENT'];

export async function latestPaidPeriod(em: EntityManager): Promise<string | null> {
  const [row] = await em.execute(`select max(period) as period from payment where kind in (${PAY_KINDS.map(() => '?').join(', ')})`, PAY_KINDS);
  return row?.period ?? null;
}

const iso = (d: unknown): string | null => (d ? new Date(d as string).toISOString() : null);

const proposalOf = (r: Record<string, unknown>): StoredProposal => ({
  id: r.id as string, row: r.row as ProposedRow, proposedBy: r.proposed_by as string, proposedAt: iso(r.proposed_at)!,
  status: r.status as ProposalStatus, decidedBy: (r.approved_by as string) ?? null, decidedAt: iso(r.approved_at), reason: (r.reason as string) ?? null,
});

export async function listProposals(em: EntityManager, status?: ProposalStatus): Promise<StoredProposal[]> {
  const rows = await em.execute(`select * from parameter_proposal ${status ? 'where status = ?' : ''} order by proposed_at desc limit 200`, status ? [status] : []);
  return rows.map(proposalOf);
}

export async function propose(em: EntityManager, row: ProposedRow, actor: string): Promise<StoredProposal> {
  return em.transactional(async (tx) => {
    const p = proposeRow(row, actor, new Date().toISOString(), { latestPaidPeriod: await latestPaidPeriod(tx) });
    const [created] = await tx.execute(`insert into parameter_proposal (table_name, row, proposed_by, proposed_at) values (?, ?, ?, ?) returning *`,
      [row.table, JSON.stringify(row), actor, p.proposedAt]);
    await writeAudit(tx, { operation: 'parametre_propose', actor, detail: { proposalId: created.id, table: row.table, effectiveFrom: row.effectiveFrom } });
    return proposalOf(created);
  });
}

async function lockedProposal(tx: EntityManager, id: string): Promise<StoredProposal> {
  const [row] = await tx.execute(`select * from parameter_proposal where id = ? for update`, [id]);
  if (!row) throw notFound('proposition');
  return proposalOf(row);
}

async function saveDecision(tx: EntityManager, id: string, p: ParameterProposal): Promise<StoredProposal> {
  const [row] = await tx.execute(`update parameter_proposal set status = ?, approved_by = ?, approved_at = ?, reason = ? where id = ? returning *`,
    [p.status, p.decidedBy, p.decidedAt, p.reason, id]);
  return proposalOf(row);
}

/** Four eyes: another finance user; the row is checked again against the months paid since, then inserted. */
export async function approve(em: EntityManager, id: string, actor: string): Promise<StoredProposal> {
  return em.transactional(async (tx) => {
    await lockParametersExclusive(tx);
    const approved = approveProposal(await lockedProposal(tx, id), actor, new Date().toISOString(), { latestPaidPeriod: await latestPaidPeriod(tx) });
    await insertRow(tx, approved.row);
    await writeAudit(tx, { operation: 'parametre_approuve', actor, detail: { proposalId: id, table: approved.row.table, effectiveFrom: approved.row.effectiveFrom } });
    return saveDecision(tx, id, approved);
  });
}

export async function reject(em: EntityManager, id: string, actor: string, reason: string): Promise<StoredProposal> {
  return em.transactional(async (tx) => {
    const rejected = rejectProposal(await lockedProposal(tx, id), actor, new Date().toISOString(), reason);
    await writeAudit(tx, { operation: 'parametre_rejete', actor, detail: { proposalId: id, table: rejected.row.table } });
    return saveDecision(tx, id, rejected);
  });
}

/** The approved row in its table; a row of the same date (not in force yet: checked) is replaced. */
async function insertRow(tx: EntityManager, r: ProposedRow): Promise<void> {
  const p = [r.effectiveFrom, r.source.trim(), r.verified];
  const set = (cols: string[]): string => [...cols, 'source', 'verified'].map((c) => `${c} = excluded.${c}`).join(', ');
  switch (r.table) {
    case 'remuneration_rate':
      return void (await tx.execute(`insert into remuneration_rate (category, monthly_cents, effective_from, source, verified) values (?, ?, ?, ?, ?)
        on conflict (category, effective_from) do update set ${set(['monthly_cents'])}`, [r.category, r.monthlyCents, ...p]));
    case 'rqth_salary_bounds':
      return void (await tx.execute(`insert into rqth_salary_bounds (min_cents, max_cents, effective_from, source, verified) values (?, ?, ?, ?, ?)
        on conflict (effective_from) do update set ${set(['min_cents', 'max_cents'])}`, [r.minCents, r.maxCents, ...p]));
    case 'ass_amount':
      return void (await tx.execute(`insert into ass_amount (daily_cents, effective_from, source, verified) values (?, ?, ?, ?)
        on conflict (effective_from) do update set ${set(['daily_cents'])}`, [r.dailyCents, ...p]));
    case 'aid_amount':
      return void (await tx.execute(`insert into aid_amount (kind, unit, amount_cents, effective_from, source, verified) values (?, ?, ?, ?, ?, ?)
        on conflict (kind, effective_from) do update set ${set(['unit', 'amount_cents'])}`, [r.kind, r.unit, r.amountCents, ...p]));
    case 'remuneration_setting':
      return void (await tx.execute(`insert into remuneration_setting (key, value, effective_from, source, verified) values (?, ?, ?, ?, ?)
        on conflict (key, effective_from) do update set ${set(['value'])}`, [r.key, r.value, ...p]));
  }
}

export interface Notice { key: string; messageFr: string; firstShownAt: string }

/**
 * The status view of `date`, and the notices of today's missing upratings that no finance user has read:
 * each is recorded the first time it is shown, and never shown again once read (told once).
 */
export async function statusWithNotices(em: EntityManager, date: string, today: string): Promise<ParameterStatusView & { avis: Notice[] }> {
  const view = await loadParameterStatus(em, date);
  const current = date === today ? view : await loadParameterStatus(em, today);
  const avis: Notice[] = [];
  for (const n of current.missingUpratings) {
    await em.execute(`insert into parameter_notice (key, message) values (?, ?) on conflict do nothing`, [n.key, n.messageFr]);
    const [row] = await em.execute(`select first_shown_at, read_at from parameter_notice where key = ?`, [n.key]);
    if (!row.read_at) avis.push({ key: n.key, messageFr: n.messageFr, firstShownAt: iso(row.first_shown_at)! });
  }
  return { ...view, avis };
}

export async function markNoticeRead(em: EntityManager, key: string, actor: string): Promise<{ key: string; readBy: string; readAt: string }> {
  return em.transactional(async (tx) => {
    const [row] = await tx.execute(`update parameter_notice set read_by = coalesce(read_by, ?), read_at = coalesce(read_at, now()) where key = ? returning *`, [actor, key]);
    if (!row) throw notFound('avis');
    await writeAudit(tx, { operation: 'parametre_avis_lu', actor, detail: { key } });
    return { key, readBy: row.read_by, readAt: iso(row.read_at)! };
  });
}
