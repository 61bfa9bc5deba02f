/**
 * The situation after the exit (suivi emploi) is recorded from its date only, and a correction is a new entry
 * of the journal with its author, the first answer kept (issue 8 §3). Time-skipping server, real worker.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { addMonths } from '../domain/dates';
import { isoDay } from './support/fixtures';
import { declarerSortie, enregistrerSuivi, etatQuery } from '../workflows/parcours/messages';
import { CASEWORKER, enterTraining, establishPay, skipTo } from './support/journey';
import { startTimeSkippingSystem, type TimeSkippingSystem } from './support/timeskipping';

let sys: TimeSkippingSystem;
const PARTNER = 'partner:ml-suivi';

beforeAll(async () => {
  sys = await startTimeSkippingSystem('suivi-ts');
});
afterAll(() => sys?.stop());

const refusal = (p: Promise<unknown>) => p.then(() => null, (err: unknown) => err);

test('3 and 6 months after the exit, not before; a correction is kept beside the first answer, with its author', async () => {
  const entry = isoDay(0, await sys.env.currentTimeMs());
  const caseId = await enterTraining(sys, entry, { avanceDelayDays: 3 });
  await establishPay(sys, caseId);
  const exitDate = isoDay(1, Date.parse(`${entry}T12:00:00Z`));
  await skipTo(sys, `${exitDate}T12:00:00.000Z`);
  await sys.handle(caseId).executeUpdate(declarerSortie, { args: [{ actor: `organisme:${sys.catalogue.organisme.id}`, kind: 'emploi', exitDate }] });

  const tooEarly = await refusal(sys.handle(caseId).executeUpdate(enregistrerSuivi, { args: [{ actor: CASEWORKER, step: '3m', outcome: 'emploi_1mois' }] }));
  expect(tooEarly).toBeInstanceOf(WorkflowUpdateFailedError);
  expect((tooEarly as Error).cause).toMatchObject({ type: 'InvalidArgument', message: expect.stringContaining('à partir du') });

  await skipTo(sys, `${addMonths(exitDate, 3)}T09:00:00.000Z`);
  await sys.handle(caseId).executeUpdate(enregistrerSuivi, { args: [{ actor: CASEWORKER, step: '3m', outcome: 'formation' }] });
  const early6m = await refusal(sys.handle(caseId).executeUpdate(enregistrerSuivi, { args: [{ actor: CASEWORKER, step: '6m', outcome: 'aucune' }] }));
  expect((early6m as Error).cause).toMatchObject({ type: 'InvalidArgument' });

  const corrected = await sys.handle(caseId).executeUpdate(enregistrerSuivi, { args: [{ actor: PARTNER, step: '3m', outcome: 'emploi_1mois' }] });
  const answers = corrected.history.filter((h) => h.action === 'suivi_3m' || h.action === 'suivi_3m_corrige');
  expect(answers.map((h) => [h.action, h.actor, h.detail])).toEqual([
    ['suivi_3m', CASEWORKER, { outcome: 'formation' }],
    ['suivi_3m_corrige', PARTNER, { outcome: 'emploi_1mois', previous: 'formation' }],
  ]);
  expect((await sys.handle(caseId).query(etatQuery)).formation!.suivi['3m']).toBe('emploi_1mois');
  const audit = await sys.rows(`select action, actor from audit_entry where dossier_id = ? and action like 'suivi_3m%' order by seq`, [caseId]);
  expect(audit.filter((a) => a.action !== 'suivi_3m_demande')).toEqual([{ action: 'suivi_3m', actor: CASEWORKER }, { action: 'suivi_3m_corrige', actor: PARTNER }]);
});
