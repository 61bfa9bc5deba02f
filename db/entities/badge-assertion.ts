import { EntitySchema, OptionalProps } from '@mikro-orm/core';
import { Dossier } from './dossier';

/**
 * One Open Badges 2.0 assertion ("La Normandie badge les compétences") awarded on a case. Its id is the
 * path segment of the public, hosted Assertion; the recipient appears there only as sha256(email + salt).
 * One badge key per case (unique): awarding the same badge twice gives back the same assertion.
 */
export class BadgeAssertion {
  [OptionalProps]?: 'level' | 'revoked';
  id!: string;
  dossier!: Dossier;
  /** A key of domain/badges/catalogue: "<skill>.<level>" or "general". */
  badgeKey!: string;
  /** The level of a skill badge; null for the general badge. */
  level: string | null = null;
  /** Random per assertion, published with the hashed recipient. */
  salt!: string;
  issuedOn!: Date;
  /** Actor (role:id) whose request awarded the badge, never a name. */
  awardedBy!: string;
  revoked = false;
}

export const BadgeAssertionSchema = new EntitySchema<BadgeAssertion>({
  class: BadgeAssertion,
  tableName: 'badge_assertion',
  uniques: [{ properties: ['dossier', 'badgeKey'], name: 'badge_assertion_dossier_badge_unique' }],
  properties: {
    id: { type: 'uuid', primary: true },
    dossier: { kind: 'm:1', entity: () => Dossier },
    badgeKey: { type: 'string', length: 40 },
    level: { type: 'string', length: 20, nullable: true },
    salt: { type: 'string', length: 64 },
    issuedOn: { type: 'datetime' },
    awardedBy: { type: 'string', length: 120 },
    revoked: { type: 'boolean', default: false },
  },
});
