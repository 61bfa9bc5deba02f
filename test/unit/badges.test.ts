/**
 * "La Normandie badge les compétences" as Open Badges 2.0 documents, and the general badge rule.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { BadgeAwardSchema, generalBadgeEarned, type BadgeAward } from '../../domain/badges/attribution';
import { BADGE_KEYS, LEVELS, SKILLS } from '../../domain/badges/catalogue';
import { assertion, badgeClasses, issuerProfile } from '../../domain/badges/open-badges';

const BASE = 'https://badges.sprfp.normandie.fr/';
const CONTEXT = 'https://w3id.org/openbadges/v2';
const isHttpsUrl = (v: unknown): boolean => typeof v === 'string' && new URL(v).protocol === 'https:';
const nonEmpty = (v: unknown): boolean => typeof v === 'string' && v.trim().length > 0;

describe('issuer Profile', () => {
  const issuer = issuerProfile(BASE, 'badges@normandie.fr');

  it('has the properties OB 2.0 requires of an issuer: id, type, name, url, email', () => {
    expect(issuer['@context']).toBe(CONTEXT);
    expect(issuer.type).toBe('Profile');
    expect(issuer.id).toBe('https://badges.sprfp.normandie.fr/badges/issuer');
    expect(issuer.name).toBe('Région Normandie');
    expect(isHttpsUrl(issuer.url)).toBe(true);
    expect(issuer.email).toBe('badges@normandie.fr');
  });

  it('refuses a missing contact email', () => {
    expect(() => issuerProfile(BASE, '')).toThrow(RangeError);
  });
});

describe('BadgeClasses', () => {
  const classes = badgeClasses(BASE);

  it('are 4 skills × 2 levels plus the general badge, with distinct ids', () => {
    expect(classes).toHaveLength(SKILLS.length * LEVELS.length + 1);
    expect(new Set(classes.map((c) => c.id)).size).toBe(classes.length);
    expect(classes.map((c) => c.id)).toContain(`${BASE}badges/classes/s-adapter.je-maitrise`);
    expect(classes.at(-1)?.id).toBe(`${BASE}badges/classes/general`);
  });

  it.each(BADGE_KEYS)('%s has every property OB 2.0 requires', (key) => {
    const c = classes.find((x) => x.id.endsWith(`/${key}`));
    expect(c).toBeDefined();
    expect(c?.['@context']).toBe(CONTEXT);
    expect(c?.type).toBe('BadgeClass');
    expect(nonEmpty(c?.name)).toBe(true);
    expect(nonEmpty(c?.description)).toBe(true);
    expect(isHttpsUrl(c?.image)).toBe(true);
    expect(nonEmpty(c?.criteria.narrative)).toBe(true);
    expect(c?.issuer).toBe(issuerProfile(BASE, 'badges@normandie.fr').id);
  });

  it('are written in French', () => {
    const maitrise = classes.find((c) => c.id.endsWith('/communiquer.je-maitrise'));
    expect(maitrise?.name).toBe('Communiquer : je maîtrise');
    expect(maitrise?.description).toContain('Région Normandie');
    expect(classes.at(-1)?.criteria.narrative).toContain('au moins 3 compétences sur 4');
  });

  it('do not depend on a trailing slash in the base URL', () => {
    expect(badgeClasses(BASE.replace(/\/$/, ''))).toEqual(classes);
  });
});

describe('Assertion', () => {
  const input = {
    baseUrl: BASE,
    assertionId: '5b1e0d7c-2f4a-4c8e-9d3b-7a6f5e4d3c2b',
    badgeKey: 'organiser.je-pratique' as const,
    recipientEmail: ' Zoe.Martin@Example.fr ',
    salt: 'f3a9c1d7e5b2',
    issuedOn: '2026-06-30T14:00:00+02:00',
  };
  const a = assertion(input);

  it('has every property OB 2.0 requires, with hosted verification', () => {
    expect(a['@context']).toBe(CONTEXT);
    expect(a.type).toBe('Assertion');
    expect(a.id).toBe(`${BASE}badges/assertions/${input.assertionId}`);
    expect(a.badge).toBe(`${BASE}badges/classes/organiser.je-pratique`);
    expect(a.verification).toEqual({ type: 'hosted' });
    expect(a.issuedOn).toBe(input.issuedOn);
    expect(new URL(a.id).origin).toBe(new URL(issuerProfile(BASE, 'badges@normandie.fr').id).origin);
    expect(a).not.toHaveProperty('evidence');
  });

  it('hashes the recipient: sha256$ + hex sha256(email + salt), the email never in clear', () => {
    const expected = createHash('sha256').update(`zoe.martin@example.fr${input.salt}`).digest('hex');
    expect(a.recipient).toEqual({ type: 'email', hashed: true, salt: input.salt, identity: `sha256$${expected}` });
    expect(JSON.stringify(a).toLowerCase()).not.toContain('zoe.martin');
  });

  it('carries evidence when given', () => {
    const withEvidence = assertion({ ...input, evidence: [{ narrative: 'A planifié la semaine de chantier de son équipe.' }] });
    expect(withEvidence.evidence).toEqual([{ type: 'Evidence', narrative: 'A planifié la semaine de chantier de son équipe.' }]);
  });

  it('refuses an unknown badge, a date without offset, an unsafe id, an empty salt', () => {
    expect(() => assertion({ ...input, badgeKey: 'cuisiner.je-pratique' as never })).toThrow(RangeError);
    expect(() => assertion({ ...input, issuedOn: '2026-06-30T14:00:00' })).toThrow(RangeError);
    expect(() => assertion({ ...input, assertionId: '../issuer' })).toThrow(RangeError);
    expect(() => assertion({ ...input, salt: '' })).toThrow(RangeError);
  });
});

describe('general badge', () => {
  const award = (skill: BadgeAward['skill'], level: BadgeAward['level'] = 'je-pratique'): BadgeAward => ({ skill, level });

  it('is not earned with 2 skills, is earned with 3, at any level', () => {
    expect(generalBadgeEarned([])).toBe(false);
    expect(generalBadgeEarned([award('organiser'), award('communiquer')])).toBe(false);
    expect(generalBadgeEarned([award('organiser'), award('communiquer'), award('s-integrer', 'je-maitrise')])).toBe(true);
    expect(generalBadgeEarned(SKILLS.map((s) => award(s)))).toBe(true);
  });

  it('counts the two levels of one skill once', () => {
    expect(generalBadgeEarned([award('organiser'), award('organiser', 'je-maitrise'), award('communiquer')])).toBe(false);
  });

  it('depends only on the number of distinct skills', () => {
    const awards = fc.array(fc.record({ skill: fc.constantFrom(...SKILLS), level: fc.constantFrom(...LEVELS) }));
    fc.assert(fc.property(awards, (list) => {
      expect(generalBadgeEarned(list)).toBe(new Set(list.map((x) => x.skill)).size >= 3);
    }));
  });
});

describe('award input schema', () => {
  it('accepts a skill and a level, refuses anything else', () => {
    expect(BadgeAwardSchema.parse({ skill: 's-adapter', level: 'je-maitrise' })).toEqual({ skill: 's-adapter', level: 'je-maitrise' });
    expect(BadgeAwardSchema.safeParse({ skill: 'general', level: 'je-pratique' }).success).toBe(false);
    expect(BadgeAwardSchema.safeParse({ skill: 'organiser', level: 'expert' }).success).toBe(false);
    expect(BadgeAwardSchema.safeParse({ skill: 'organiser', level: 'je-pratique', email: 'x@y.fr' }).success).toBe(false);
  });
});
