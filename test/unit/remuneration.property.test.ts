/**
 * Properties of the monthly pay that must hold for every input, checked on random months, cases, dates,
 * schedules, absences and IJ.
 */
import fc from 'fast-check';
import {
  DEFAULT_REMUNERATION_PARAMETERS as P,
  computeMonthlyRemuneration,
  determineBareme,
  type MonthInput,
  type MonthlyBreakdown,
} from '../../domain/remuneration';

const pad = (n: number): string => String(n).padStart(2, '0');

/** A month between 2022 and 2030, a training overlapping it, a case and a schedule with valid absences. */
const monthInput: fc.Arbitrary<MonthInput> = fc
  .record({
    year: fc.integer({ min: 2022, max: 2030 }),
    mon: fc.integer({ min: 1, max: 12 }),
    startDay: fc.option(fc.integer({ min: 1, max: 28 }), { nil: undefined }),
    endDay: fc.option(fc.integer({ min: 1, max: 28 }), { nil: undefined }),
    age: fc.integer({ min: 16, max: 64 }),
    monthsWorked: fc.integer({ min: 0, max: 24 }),
    rqth: fc.boolean(),
    salary: fc.integer({ min: 0, max: 400_000 }),
    rythme: fc.constantFrom('temps_plein' as const, 'temps_partiel' as const),
    scheduled: fc.integer({ min: 0, max: 200 * 60 }),
    absentShare: fc.double({ min: 0, max: 1, noNaN: true }),
    ij: fc.integer({ min: 0, max: 200_000 }),
  })
  .map((r) => {
    const ym = `${r.year}-${pad(r.mon)}`;
    const trainingStart = r.startDay ? `${ym}-${pad(r.startDay)}` : `${r.year - 1}-09-01`;
    const endDay = r.endDay && r.startDay ? Math.max(r.endDay, r.startDay) : r.endDay;
    const trainingEnd = endDay ? `${ym}-${pad(endDay)}` : `${r.year + 1}-06-30`;
    const decision = determineBareme({
      birthDate: `${r.year - 1 - r.age}-01-01`, entryDate: trainingStart,
      priorWork: { monthsInLast12: Math.min(r.monthsWorked, 12), monthsInLast24: r.monthsWorked },
      situation: {}, rqth: r.rqth, previousMonthlySalaryCents: r.salary,
    }, P);
    return {
      month: ym, decision, trainingStart, trainingEnd, rythme: r.rythme, scheduledMinutes: r.scheduled,
      unjustifiedAbsenceMinutes: Math.floor(r.scheduled * r.absentShare), indemnitesJournalieresCents: r.ij,
    };
  });

const pay = (input: MonthInput): MonthlyBreakdown => computeMonthlyRemuneration(input, P);

describe('monthly pay: properties', () => {
  it('is never negative', () => {
    fc.assert(fc.property(monthInput, (input) => pay(input).netCents >= 0));
  });

  it('is never above the full-time amount of the month', () => {
    fc.assert(fc.property(monthInput, (input) => {
      const b = pay(input);
      return b.netCents <= b.baseCents && b.proratedCents <= b.baseCents;
    }));
  });

  it('more unjustified absence never gives more money', () => {
    fc.assert(fc.property(monthInput, fc.nat(), (input, extra) => {
      const more = Math.min(input.scheduledMinutes, input.unjustifiedAbsenceMinutes + extra);
      return pay({ ...input, unjustifiedAbsenceMinutes: more }).netCents <= pay(input).netCents;
    }));
  });

  it('more IJ never gives more money', () => {
    fc.assert(fc.property(monthInput, fc.nat(), (input, extra) =>
      pay({ ...input, indemnitesJournalieresCents: input.indemnitesJournalieresCents + extra }).netCents <= pay(input).netCents));
  });

  it('part time: more scheduled hours (same absences) never gives less money', () => {
    fc.assert(fc.property(monthInput, fc.nat({ max: 100 * 60 }), (input, extra) => {
      const base = { ...input, rythme: 'temps_partiel' as const };
      return pay({ ...base, scheduledMinutes: base.scheduledMinutes + extra }).netCents >= pay(base).netCents;
    }));
  });

  it('the breakdown adds up: prorated − absences − IJ = net, and the last line states the net', () => {
    fc.assert(fc.property(monthInput, (input) => {
      const b = pay(input);
      const d = b.deductions;
      return b.proratedCents - d.absencesNonJustifiees.cents - d.indemnitesJournalieres.cents === b.netCents
        && (b.lines.at(-1) ?? '').startsWith('Vous recevez');
    }));
  });
});
