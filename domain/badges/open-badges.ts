/**
 * Open Badges 2.0 (1EdTech) documents of the Région's badges, hosted verification: the issuer Profile,
 * the BadgeClasses and the Assertions are JSON-LD documents served at their own `id` URLs, all under
 * one base URL, so that a verifier finds the Assertion on the issuer's origin.
 *
 * Pure apart from hashing (node:crypto): not workflow code.
 */
import { createHash } from 'node:crypto';
import { GENERAL_BADGE_MIN_SKILLS } from './attribution';
import { BADGE_KEYS, isBadgeKey, LEVEL_TEXTS, SKILL_TEXTS, SKILLS, type BadgeKey, type Level, type Skill } from './catalogue';

const CONTEXT = 'https://w3id.org/openbadges/v2';
const CAMPAIGN = 'La Normandie badge les compétences';

export interface IssuerProfile {
  '@context': typeof CONTEXT;
  type: 'Profile';
  id: string;
  name: string;
  url: string;
  email: string;
  description: string;
}

export interface BadgeClass {
  '@context': typeof CONTEXT;
  type: 'BadgeClass';
  id: string;
  name: string;
  description: string;
  image: string;
  criteria: { narrative: string };
  issuer: string;
  tags: string[];
}

export interface Evidence {
  /** URL of a page showing the evidence, if any. */
  id?: string;
  name?: string;
  narrative?: string;
}

export interface Assertion {
  '@context': typeof CONTEXT;
  type: 'Assertion';
  id: string;
  recipient: { type: 'email'; hashed: true; salt: string; identity: string };
  badge: string;
  verification: { type: 'hosted' };
  issuedOn: string;
  evidence?: (Evidence & { type: 'Evidence' })[];
}

/** "https://x/" and "https://x" give the same URLs; anything but http(s) is refused. */
function base(baseUrl: string): string {
  const url = new URL(baseUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new RangeError('baseUrl must be http(s)');
  return url.href.replace(/\/+$/, '');
}

export const issuerUrl = (baseUrl: string): string => `${base(baseUrl)}/badges/issuer`;
export const badgeClassUrl = (baseUrl: string, key: BadgeKey): string => `${base(baseUrl)}/badges/classes/${key}`;
const imageUrl = (baseUrl: string, key: BadgeKey): string => `${base(baseUrl)}/badges/images/${key}.png`;

/** OB 2.0 requires id, type, name, url and email for an issuer; the contact address is the Région's to choose. */
export function issuerProfile(baseUrl: string, email: string): IssuerProfile {
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new RangeError('issuer email is not an email address');
  return {
    '@context': CONTEXT,
    type: 'Profile',
    id: issuerUrl(baseUrl),
    name: 'Région Normandie',
    url: 'https://www.normandie.fr',
    email,
    description: `La Région Normandie délivre les badges numériques « ${CAMPAIGN} » aux stagiaires de la formation professionnelle.`,
  };
}

function texts(key: BadgeKey): { name: string; description: string; criteria: string; tags: string[] } {
  if (key === 'general') {
    const skills = SKILLS.map((s) => SKILL_TEXTS[s].label.toLowerCase()).join(', ');
    return {
      name: `${CAMPAIGN} : badge général`,
      description: `Ce badge montre que la personne a obtenu au moins ${GENERAL_BADGE_MIN_SKILLS} des 4 badges de compétences de la Région Normandie : ${skills}.`,
      criteria: `Avoir obtenu le badge d’au moins ${GENERAL_BADGE_MIN_SKILLS} compétences sur 4 (${skills}), au niveau « je pratique » ou « je maîtrise ».`,
      tags: [CAMPAIGN, 'savoir-être'],
    };
  }
  const [skill, level] = key.split('.') as [Skill, Level];
  const { label, what } = SKILL_TEXTS[skill];
  return {
    name: `${label} : ${LEVEL_TEXTS[level].label.toLowerCase()}`,
    description: `Compétence « ${label} » : ${what}. Niveau « ${LEVEL_TEXTS[level].label.toLowerCase()} ». Badge de la Région Normandie (${CAMPAIGN}).`,
    criteria: LEVEL_TEXTS[level].criteria,
    tags: [CAMPAIGN, 'savoir-être', label, LEVEL_TEXTS[level].label],
  };
}

export function badgeClass(baseUrl: string, key: BadgeKey): BadgeClass {
  const { name, description, criteria, tags } = texts(key);
  return {
    '@context': CONTEXT,
    type: 'BadgeClass',
    id: badgeClassUrl(baseUrl, key),
    name,
    description,
    image: imageUrl(baseUrl, key),
    criteria: { narrative: criteria },
    issuer: issuerUrl(baseUrl),
    tags,
  };
}

/** The 9 BadgeClasses: 4 skills × 2 levels, then the general badge. */
export const badgeClasses = (baseUrl: string): BadgeClass[] => BADGE_KEYS.map((key) => badgeClass(baseUrl, key));

/**
 * "sha256$" + hex SHA-256 of (email + salt), as OB 2.0 defines the hashed identity. The email is trimmed
 * and lower-cased first, as backpacks do before comparing, so that "Zoe@Mail.fr" still matches.
 */
export function hashedEmail(email: string, salt: string): string {
  return `sha256$${createHash('sha256').update(email.trim().toLowerCase() + salt, 'utf8').digest('hex')}`;
}

export interface AssertionInput {
  baseUrl: string;
  /** Path segment of the hosted assertion (a UUID in practice). */
  assertionId: string;
  badgeKey: BadgeKey;
  recipientEmail: string;
  /** Random per assertion, from the caller: keeps the hash from being matched against other issuers' badges. */
  salt: string;
  /** ISO 8601 date-time with its offset, e.g. 2026-06-30T14:00:00+02:00. */
  issuedOn: string;
  /**
   * Public once hosted: describe what was done, never health, disability, justice or RSA status.
   */
  evidence?: readonly Evidence[];
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** The recipient's email only appears hashed: hosted assertions are public. */
export function assertion(input: AssertionInput): Assertion {
  if (!isBadgeKey(input.badgeKey)) throw new RangeError('unknown badge key');
  if (!/^[A-Za-z0-9-]{1,64}$/.test(input.assertionId)) throw new RangeError('assertionId must be a URL-safe id');
  if (!ISO_DATE_TIME.test(input.issuedOn) || Number.isNaN(Date.parse(input.issuedOn))) throw new RangeError('issuedOn must be an ISO 8601 date-time with offset');
  if (!input.salt) throw new RangeError('salt is required');
  if (!input.recipientEmail.includes('@')) throw new RangeError('recipientEmail is not an email address');
  return {
    '@context': CONTEXT,
    type: 'Assertion',
    id: `${base(input.baseUrl)}/badges/assertions/${input.assertionId}`,
    recipient: { type: 'email', hashed: true, salt: input.salt, identity: hashedEmail(input.recipientEmail, input.salt) },
    badge: badgeClassUrl(input.baseUrl, input.badgeKey),
    verification: { type: 'hosted' },
    issuedOn: input.issuedOn,
    ...(input.evidence?.length ? { evidence: input.evidence.map((e) => ({ type: 'Evidence' as const, ...e })) } : {}),
  };
}
