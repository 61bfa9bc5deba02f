/** The console's pure parts: OIDC claims to a principal, form values to the API's bodies, the queue's search and wording. */
import { principalFromClaims } from '../../api/console/oidc';
import { parisLocalToIso, consoleActionOf } from '../../api/console/case/actions';
import { birthDateOf, QueueQuery, queueSql } from '../../api/console/queue/query';
import { countdown } from '../../api/console/format';

describe('OpenID Connect claims', () => {
  test('a caseworker and a provider become the API’s principals; extra claims are dropped', () => {
    expect(principalFromClaims({ sub: 'u1', sprfp_role: 'caseworker', email: 'a@normandie.fr', org: 'x', aud: 'console' }, 'sprfp_role'))
      .toEqual({ sub: 'u1', role: 'caseworker', email: 'a@normandie.fr' });
    const org = '5eed0000-0000-4000-a000-000000000011';
    expect(principalFromClaims({ sub: 'u2', sprfp_role: 'organisme', org }, 'sprfp_role')).toEqual({ sub: 'u2', role: 'organisme', org });
  });

  test('no role, an unknown role or a provider without organisation: refused', () => {
    expect(() => principalFromClaims({ sub: 'u1' }, 'sprfp_role')).toThrow();
    expect(() => principalFromClaims({ sub: 'u1', sprfp_role: 'admin' }, 'sprfp_role')).toThrow();
    expect(() => principalFromClaims({ sub: 'u1', sprfp_role: 'organisme' }, 'sprfp_role')).toThrow();
  });
});

describe('forms to the API’s bodies', () => {
  test('a Paris wall-clock time gets its offset (winter, summer)', () => {
    expect(parisLocalToIso('2026-12-15T09:30')).toBe('2026-12-15T09:30:00+01:00');
    expect(parisLocalToIso('2026-07-01T09:30')).toBe('2026-07-01T09:30:00+02:00');
    expect(parisLocalToIso('demain')).toBe('demain');
  });

  test('the decision form is checked by the API’s schema, with its French messages', () => {
    const decide = consoleActionOf('parcours', 'deciderPositionnement')!;
    expect(decide.schema.safeParse(decide.fromForm({ outcome: 'admis' })).success).toBe(true);
    const refused = decide.schema.safeParse(decide.fromForm({ outcome: 'reoriente' }));
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0].message).toMatch(/réorientation vise soit une autre session/);
  });
});

describe('work queue', () => {
  test('a search is a birth date (two spellings) or the beginning of a name, escaped', () => {
    expect(birthDateOf('12/04/1998')).toBe('1998-04-12');
    expect(birthDateOf('1998-04-12')).toBe('1998-04-12');
    expect(birthDateOf('Martin')).toBeNull();
    const { params } = queueSql({ sub: 'a', role: 'caseworker' }, QueueQuery.parse({ vue: 'tous', recherche: 'Le_Gall%' }));
    expect(params).toContain('le\\_gall\\%%');
  });

  test('a caseworker’s default view is their cases and the unassigned ones', () => {
    const { sql, params } = queueSql({ sub: 'a', role: 'caseworker' }, QueueQuery.parse({}));
    expect(sql).toContain('(d.assigned_to = ? or d.assigned_to is null)');
    expect(params).toContain('caseworker:a');
  });

  test('countdown wording', () => {
    const now = new Date('2026-12-01T12:00:00Z');
    expect(countdown('2026-11-28T12:00:00Z', now)).toEqual({ text: 'en retard de 3 jours', late: true });
    expect(countdown('2026-12-02T12:00:00Z', now)).toEqual({ text: 'dans 1 jour', late: false });
  });
});

describe('in-training forms', () => {
  test('the pay file form makes the API’s body; a bad IBAN gets the API’s message', () => {
    const pay = consoleActionOf('parcours', 'etablirRemuneration')!;
    const form = { iban: 'FR76 3000 6000 0112 3456 7890 189', rythme: 'temps_plein', monthsInLast12: '3', monthsInLast24: '8' };
    expect(pay.schema.safeParse(pay.fromForm(form)).success).toBe(true);
    const bad = pay.schema.safeParse(pay.fromForm({ ...form, iban: 'FR00 1234' }));
    expect(bad.error?.issues[0].message).toBe('IBAN invalide');
  });

  test('an aid form makes the API’s body', () => {
    const aid = consoleActionOf('parcours', 'accorderAide')!;
    expect(aid.schema.safeParse(aid.fromForm({ kind: 'mobilite_hebergement', quantity: '5' })).data).toEqual({ kind: 'mobilite_hebergement', quantity: 5 });
  });
});
