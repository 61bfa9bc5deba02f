/** The statement rule the workflow's validator applies (domain/parcours/etat-presence.ts). */
import { sameStatement, statementProblem } from '../../domain/parcours/etat-presence';

const training = { entryDate: '2026-03-16', endDate: '2026-12-18' };
const now = new Date('2026-11-30T10:00:00Z');
const ok = { period: '2026-10', scheduledMinutes: 8400, unjustifiedAbsenceMinutes: 90, indemnitesJournalieresCents: 0 };

test('a complete statement of a month over, within the training, has no problem', () => {
  expect(statementProblem(ok, training, now)).toBeNull();
  expect(statementProblem({ ...ok, period: '2026-03' }, training, now)).toBeNull(); // the entry month
});

test.each([
  [{ period: '2026-13' }, 'period', 'format AAAA-MM attendu'],
  [{ period: '2026-02' }, 'period', 'hors des dates de la formation'],
  [{ period: '2026-11' }, 'period', 'un mois se certifie une fois terminé'],
  [{ scheduledMinutes: -1 }, 'scheduledMinutes', 'nombre entier positif attendu'],
  [{ indemnitesJournalieresCents: 1.5 }, 'indemnitesJournalieresCents', 'nombre entier positif attendu'],
  [{ unjustifiedAbsenceMinutes: 9000 }, 'unjustifiedAbsenceMinutes', 'plus d’absences que d’heures prévues'],
])('%j: %s — %s', (change, field, message) => {
  expect(statementProblem({ ...ok, ...change }, training, now)).toEqual({ field, message });
});

test('a month after the planned end (or the exit) is out of the training', () => {
  expect(statementProblem({ ...ok, period: '2026-10' }, { ...training, endDate: '2026-09-30' }, now)?.message).toBe('hors des dates de la formation');
});

test('the same figures are the same statement; any difference is a correction', () => {
  expect(sameStatement(ok, { ...ok })).toBe(true);
  expect(sameStatement(undefined, ok)).toBe(false);
  expect(sameStatement(ok, { ...ok, unjustifiedAbsenceMinutes: 0 })).toBe(false);
  expect(sameStatement(ok, { ...ok, indemnitesJournalieresCents: 1 })).toBe(false);
});
