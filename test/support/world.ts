/**
 * A populated system for the suites that sweep every route (fuzzing, authorisation): the catalogue, an
 * organisation of every kind an organisation role needs, a bearer token for every role of api/auth.ts, and
 * cases at several stages made through the API itself (a referral in repérage, a trainee in training with
 * a pay file, a closed case, a company's sur-mesure order), so requests reach the handlers, the workflows and PostgreSQL. Give it a database
 * of its own (test/support/own-database.ts): it adds the development seed's fixed rows.
 */
import { randomUUID } from 'node:crypto';
import { ORGANISATION_ROLES, ROLES, type Principal, type Role } from '../../api/auth';
import { Organisation, type OrganisationKind } from '../../db/entities';
import { seedDev } from '../../scripts/seed-dev';
import type { System } from './api';
import { createSession, isoDay, newPerson, seedCatalogue, type Catalogue } from './fixtures';

export interface World {
  catalogue: Catalogue;
  /** One token per role; organisation roles act for the organisation that owns the world's cases. */
  tokens: Record<Role, string>;
  /** The same roles acting for another organisation of the same kind (owns nothing here). */
  otherOrgTokens: Partial<Record<Role, string>>;
  /** The organisation of each organisation role. */
  orgs: Record<(typeof ORGANISATION_ROLES)[number], string>;
  cases: { reperage: string; enFormation: string; closed: string; commande: string; bourse: string; aide: string };
  /** The process of each of the world's cases. */
  processOf: Record<string, string>;
  /**
   * For each process, a case of it that the world's organisations can see (a partner referred it or recruits
   * for it, the provider trains or designs it, the company ordered it).
   */
  visibleCase: Record<string, string>;
  /** Ids that exist, by the name of the parameter that designates them (for the fuzzer's hooks). */
  known: Record<string, string[]>;
}

const isOrgRole = (role: Role): role is (typeof ORGANISATION_ROLES)[number] => (ORGANISATION_ROLES as readonly Role[]).includes(role);

export async function buildWorld(sys: System, franceTravailId: string): Promise<World> {
  // The development seed too: the document's examples name its first session.
  await seedDev(sys.orm);
  const catalogue = await seedCatalogue(sys.orm, {}, franceTravailId);
  const em = sys.orm.em.fork();
  const orgOf = (kind: OrganisationKind): Organisation => em.create(Organisation, {
    id: randomUUID(), kind, name: `${kind} ${randomUUID().slice(0, 8)}`, contactEmail: `${kind}@organisation.test`, webhookUrl: null, webhookSecret: null,
  });
  const own = { partner: catalogue.missionLocale, organisme: catalogue.organisme, institut: orgOf('institut_formation_sanitaire_sociale'),
    crous: orgOf('crous'), entreprise: orgOf('entreprise') };
  const others = { partner: catalogue.franceTravail, organisme: catalogue.autreOrganisme, institut: orgOf('institut_formation_sanitaire_sociale'),
    crous: orgOf('crous'), entreprise: orgOf('entreprise') };
  await em.flush();

  const claims = (role: Role, org?: string): Principal => (isOrgRole(role)
    ? { sub: `${role}-1`, role, org: org! } : { sub: `${role}-1`, role }) as Principal;
  const tokens = Object.fromEntries(await Promise.all(ROLES.map(async (role) =>
    [role, await sys.token(claims(role, isOrgRole(role) ? own[role].id : undefined))]))) as Record<Role, string>;
  const otherOrgTokens = Object.fromEntries(await Promise.all(ORGANISATION_ROLES.map(async (role) =>
    [role, await sys.token(claims(role, others[role].id))])));

  const ok = async (method: string, path: string, token: string, body?: unknown) => {
    const res = await sys.call(method, path, { token, body });
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const reperage = (await ok('POST', '/referrals', tokens.partner,
    { reference: `W-${randomUUID().slice(0, 8)}`, person: newPerson(), sessionId: catalogue.session.id })).caseId as string;

  // A trainee in training for 40 days, referred by the partner, with a pay file.
  const start = isoDay(-40);
  const started = await createSession(sys.orm, catalogue.organisme, start);
  const enFormation = (await ok('POST', '/referrals', tokens.partner,
    { reference: `W-${randomUUID().slice(0, 8)}`, person: newPerson(), sessionId: started.id })).caseId as string;
  await ok('POST', `/cases/${enFormation}/positionnement`, tokens.caseworker, { scheduledAt: `${start}T09:00:00.000Z` });
  await ok('POST', `/cases/${enFormation}/positionnement/resultats`, tokens.caseworker, { results: { avis: 'favorable' } });
  await ok('POST', `/cases/${enFormation}/decision`, tokens.caseworker, { decision: { outcome: 'admis' } });
  await ok('POST', `/cases/${enFormation}/entree`, tokens.organisme, { entryDate: start });
  await ok('POST', `/cases/${enFormation}/remuneration`, tokens.caseworker, { iban: 'FR7630006000011234567890189', rythme: 'temps_plein',
    profile: { priorWork: { monthsInLast12: 0, monthsInLast24: 0 }, rqth: false } });

  const closed = (await ok('POST', '/cases', tokens.caseworker, { person: newPerson(), sessionId: catalogue.autreSession.id })).caseId as string;
  await ok('POST', `/cases/${closed}/retrait`, tokens.caseworker, { motif: 'déménagement' });

  // A sur-mesure order of the world's company, designed by the world's provider.
  const commande = (await ok('POST', '/sur-mesure/commandes', tokens.entreprise, {
    siret: '73282932000074', nafCode: '25.62B', site: { adresse: '3 rue du Port', codePostal: '14000', bassin: 'caen' },
    contact: { lastName: 'Contact', firstName: 'Entreprise', email: `contact-${randomUUID().slice(0, 8)}@entreprise.test` },
    postes: [{ intitule: 'Soudeur', romeCode: 'H2913', nombre: 2, tuteur: null,
      contrat: { kind: 'cdi', durationMonths: null, weeklyHours: 35, plannedHiringDate: isoDay(200) } }],
  })).caseId as string;
  await ok('POST', `/sur-mesure/commandes/${commande}/qualification`, tokens.caseworker,
    { ecartCompetences: 'Soudage TIG', organismeId: catalogue.organisme.id });

  // A bursary application of the world's institute (instruction), and an emergency aid opened on it.
  const bourse = (await ok('POST', '/bourses', tokens.caseworker, { crousId: own.crous.id, demande: {
    dse: `W${randomUUID().slice(0, 12)}`, annee: '2025-2026', person: newPerson({ birthDate: '2004-05-06' }), institutId: own.institut.id,
    formation: 'infirmier', premierMois: '2025-09', nombreMois: 10, revenuBrutGlobalEuros: 20_000,
    elementsDeCharge: { distanceKm: 40, enfantsACharge: 1, enfantsEnseignementSuperieur: 0, handicapReconnuCdaph: false, prochesAides: 0 },
    iban: 'FR7630006000011234567890189',
  } })).caseId as string;
  const aide = (await ok('POST', `/cases/${bourse}/aides-urgence`, tokens.caseworker,
    { montantDemandeCents: 50_000, situation: 'Loyer en retard' })).caseId as string;

  const [events, files] = await Promise.all([
    sys.orm.em.fork().getConnection().execute<{ event_id: string }[]>('select event_id from partner_event where organisation_id = ?', [own.partner.id]),
    sys.orm.em.fork().getConnection().execute<{ id: string }[]>('select id from payment_file order by id limit 5'),
  ]);
  return {
    catalogue, tokens, otherOrgTokens,
    orgs: Object.fromEntries(ORGANISATION_ROLES.map((r) => [r, own[r].id])) as World['orgs'],
    cases: { reperage, enFormation, closed, commande, bourse, aide },
    processOf: { [reperage]: 'parcours', [enFormation]: 'parcours', [closed]: 'parcours', [commande]: 'sur_mesure', [bourse]: 'bourse',
      [aide]: 'aide_urgence' },
    visibleCase: { parcours: reperage, sur_mesure: commande, bourse, aide_urgence: aide },
    known: {
      caseId: [reperage, enFormation, closed, commande, bourse, aide],
      sessionId: [catalogue.session.id, catalogue.autreSession.id, started.id],
      organismeId: [catalogue.organisme.id],
      prescripteurId: [catalogue.missionLocale.id],
      eventId: events.map((e) => e.event_id),
      id: files.map((f) => f.id),
      key: ['general', 'organiser.je-pratique'],
    },
  };
}
