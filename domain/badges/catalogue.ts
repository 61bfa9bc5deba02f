/**
 * The Région's badges, "La Normandie badge les compétences": four soft skills at two levels, plus a
 * general badge. Keys are ASCII slugs because they appear in the badges' public URLs.
 *
 * [UNSURE] The texts below describe the skills in plain words (the Région writes FALC); they await the
 * Région's own référentiel. Changing a text changes the hosted BadgeClass, never the keys.
 */

export const SKILLS = ['organiser', 's-adapter', 'communiquer', 's-integrer'] as const;
export type Skill = (typeof SKILLS)[number];

export const LEVELS = ['je-pratique', 'je-maitrise'] as const;
export type Level = (typeof LEVELS)[number];

export type SkillBadgeKey = `${Skill}.${Level}`;
export type BadgeKey = SkillBadgeKey | 'general';

export const skillBadgeKey = (skill: Skill, level: Level): SkillBadgeKey => `${skill}.${level}`;

export const BADGE_KEYS: readonly BadgeKey[] = [...SKILLS.flatMap((s) => LEVELS.map((l) => skillBadgeKey(s, l))), 'general'];

export const isBadgeKey = (value: unknown): value is BadgeKey => typeof value === 'string' && (BADGE_KEYS as readonly string[]).includes(value);

export const SKILL_TEXTS: Readonly<Record<Skill, { label: string; what: string }>> = {
  organiser: { label: 'Organiser', what: 'préparer son travail, prévoir les étapes et gérer son temps' },
  's-adapter': { label: 'S’adapter', what: 'faire face à une situation nouvelle ou à un changement et trouver comment agir' },
  communiquer: { label: 'Communiquer', what: 'écouter, se faire comprendre et échanger les informations utiles avec les autres' },
  's-integrer': { label: 'S’intégrer', what: 'trouver sa place dans une équipe et respecter les règles du collectif de travail' },
};

export const LEVEL_TEXTS: Readonly<Record<Level, { label: string; criteria: string }>> = {
  'je-pratique': {
    label: 'Je pratique',
    criteria: 'La personne a mis en œuvre cette compétence en situation, en formation ou en entreprise, avec l’aide d’un formateur ou d’un tuteur. L’organisme de formation l’a observé.',
  },
  'je-maitrise': {
    label: 'Je maîtrise',
    criteria: 'La personne met en œuvre cette compétence seule, de façon régulière et dans des situations variées. L’organisme de formation l’a observé.',
  },
};
