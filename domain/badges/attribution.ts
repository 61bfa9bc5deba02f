/**
 * Awarding badges: the input the API accepts, and the rule of the general badge.
 */
import { z } from 'zod';
import { LEVELS, SKILLS, type Skill } from './catalogue';

/** What a training provider records: one skill at one level. Strict: an unknown field is a client bug. */
export const BadgeAwardSchema = z
  .strictObject({
    skill: z.enum(SKILLS).describe('Compétence : organiser, s-adapter, communiquer, s-integrer'),
    level: z.enum(LEVELS).describe('Niveau : je-pratique ou je-maitrise'),
  })
  .meta({ id: 'AttributionBadge', description: 'Badge « La Normandie badge les compétences » attribué pour une compétence, à un niveau.' });
export type BadgeAward = z.infer<typeof BadgeAwardSchema>;

/** The general badge needs this many distinct skills, at any level (Région's rule: 3 of the 4). */
export const GENERAL_BADGE_MIN_SKILLS = 3;

/** Distinct skills badged: both levels of one skill count once. */
export const badgedSkills = (awards: readonly Pick<BadgeAward, 'skill'>[]): Set<Skill> => new Set(awards.map((a) => a.skill));

export const generalBadgeEarned = (awards: readonly Pick<BadgeAward, 'skill'>[]): boolean =>
  badgedSkills(awards).size >= GENERAL_BADGE_MIN_SKILLS;
