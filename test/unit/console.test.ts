/** The console's pure parts: OIDC claims to a principal, form values to the API's bodies, the queue's search and wording, reminders. */
import { h } from 'preact';
import { render } from 'preact-render-to-string';
import { principalFromClaims } from '../../api/console/oidc';
import { CONSOLE_ACTIONS, consoleActionOf, fieldIdOf, parisLocalToIso } from '../../api/console/case/actions';
import { reminderFor, reminderKey } from '../../api/console/queue/reminders';
import { PROCESS_APIS } from '../../api/processes';
import { visibleCasesWhere } from '../../api/case/visible';
import type { CaseHeader } from '../../domain/case/journal';
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

  test('a filter no case of a process can match leaves that process out (GET /cases and the queue); the matching cases are probed as a set', () => {
    const caseworker = { sub: 'a', role: 'caseworker' } as const;
    const bassin = visibleCasesWhere(caseworker, { bassin: 'caen' });
    expect(bassin.params.filter((p) => typeof p === 'string' && PROCESS_APIS.some((a) => a.definition.kind === p))).toEqual(['parcours', 'sur_mesure']);
    expect(bassin.where).toContain('d.id in (select s.dossier_id from sur_mesure_commande s');
    // A dispositif is the trainee journey's alone: orders and bursaries leave the list.
    const dispositif = visibleCasesWhere(caseworker, { bassin: 'caen', dispositif: 'qualif' });
    expect(dispositif.params.filter((p) => typeof p === 'string' && PROCESS_APIS.some((a) => a.definition.kind === p))).toEqual(['parcours']);
    // No filter: the kind alone, no probe.
    expect(visibleCasesWhere(caseworker, {}).where).not.toContain('select');
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

/** The definition's actions the case page deliberately offers no form for, and where they are done instead. */
const ELSEWHERE: Record<string, string> = {
  'parcours.soumettreEtatPresence': 'the provider’s monthly grid (/console/organisme/sessions/:id)',
  'sur_mesure.engager': 'finance, through the API (the console’s case page is not finance’s)',
};

describe('every process’s actions as forms', () => {
  test('each action of each definition has a form, or is named as done elsewhere; each form names an action of its definition', () => {
    const missing = PROCESS_APIS.flatMap((p) => Object.keys(p.definition.actions).map((a) => `${p.definition.kind}.${a}`))
      .filter((key) => !ELSEWHERE[key] && !CONSOLE_ACTIONS.some((c) => `${c.process}.${c.action}` === key));
    expect(missing).toEqual([]);
    const unknown = CONSOLE_ACTIONS.filter((c) => !(c.action in (PROCESS_APIS.find((p) => p.definition.kind === c.process)?.definition.actions ?? {})));
    expect(unknown.map((c) => `${c.process}.${c.action}`)).toEqual([]);
  });

  test('every field of every form has its label, every group its legend, and ids are unique within a form', () => {
    const view = { candidats: [{ candidatId: 'c1', prenom: 'Ana', nom: 'Roux' }], stagiaires: [{ stagiaireId: 's1', prenom: 'Lou', nom: 'Petit' }],
      commande: { postes: [{ rang: 0, intitule: 'Soudeur' }] } };
    const choices = { organismes: [{ value: 'o1', label: 'AFPA' }], partenaires: [{ value: 'p1', label: 'France Travail Caen' }] };
    for (const spec of CONSOLE_ACTIONS) {
      const html = render(h(spec.Fields, { id: (f: string) => `${spec.action}-${f}`, values: {}, view, choices }));
      const ids = [...html.matchAll(/<(?:input|select|textarea)\b(?![^>]*type="hidden")[^>]*\bid="([^"]+)"/g)].map((m) => m[1]);
      const labelled = new Set([...html.matchAll(/<label for="([^"]+)"/g)].map((m) => m[1]));
      expect({ form: spec.action, unlabelled: ids.filter((id) => !labelled.has(id)) }).toEqual({ form: spec.action, unlabelled: [] });
      expect({ form: spec.action, duplicates: ids.filter((id, i) => ids.indexOf(id) !== i) }).toEqual({ form: spec.action, duplicates: [] });
      expect(html.split('<fieldset').length).toBe(html.split('<legend>').length);
    }
  });

  test('a bursary decision and a document request make the API’s bodies; a refusal without its reason gets the schema’s message on the reason', () => {
    const decide = consoleActionOf('bourse', 'decider')!;
    expect(decide.schema.safeParse(decide.fromForm({ outcome: 'attribuee' })).data).toEqual({ decision: { outcome: 'attribuee' } });
    const refused = decide.schema.safeParse(decide.fromForm({ outcome: 'refusee' }));
    expect(refused.success).toBe(false);
    expect(fieldIdOf(decide, refused.error!.issues[0].path)).toBe('decider-motif');
    const ask = consoleActionOf('bourse', 'demanderPieces')!;
    expect(ask.schema.safeParse(ask.fromForm({ pieces: ['avis_imposition', 'piece_identite'], delaiJours: '10' })).data)
      .toEqual({ pieces: ['avis_imposition', 'piece_identite'], delaiJours: 10 });
    expect(ask.schema.safeParse(ask.fromForm({})).success).toBe(false);
    const pieces = consoleActionOf('bourse', 'enregistrerPieces')!;
    expect(pieces.schema.safeParse(pieces.fromForm({ revenuBrutGlobalEuros: '19500' })).data).toEqual({ revenuBrutGlobalEuros: 19500 });
    // Points de charge are all or nothing: one given alone is refused by the API's schema.
    expect(pieces.schema.safeParse(pieces.fromForm({ distanceKm: '40' })).success).toBe(false);
  });

  test('amounts are typed in euros and sent in cents; a commission decision makes the API’s body', () => {
    const decide = consoleActionOf('aide_urgence', 'deciderCommission')!;
    expect(decide.schema.safeParse(decide.fromForm({ outcome: 'accordee', montantCents: '800,50' })).data)
      .toEqual({ decision: { outcome: 'accordee', montantCents: 80050 } });
    expect(decide.schema.safeParse(decide.fromForm({ outcome: 'accordee', montantCents: 'huit cents' })).success).toBe(false);
    const propose = consoleActionOf('sur_mesure', 'proposer')!;
    expect(propose.schema.safeParse(propose.fromForm({ montantCents: '12 500' })).data).toEqual({ action: 'proposer', montantCents: 1_250_000 });
  });

  test('sur-mesure: the trainee of a hiring declaration goes with the route’s body; the service fait’s hours become minutes, its errors point at the row', () => {
    const hire = consoleActionOf('sur_mesure', 'declarerEmbauche')!;
    const id = '3f2b8c1e-6a4d-4e7f-9b0a-2c5d8e1f4a67';
    expect(hire.schema.safeParse(hire.fromForm({ stagiaireId: id, embauche: 'non', refusParLeStagiaire: 'oui' })).data)
      .toEqual({ stagiaireId: id, body: { embauche: false, refusParLeStagiaire: true } });
    expect(hire.schema.safeParse(hire.fromForm({ stagiaireId: id, embauche: 'oui', kind: 'cdi', startDate: '2027-06-01', weeklyHours: '35' })).data)
      .toEqual({ stagiaireId: id, body: { embauche: true, contrat: { kind: 'cdi', startDate: '2027-06-01', durationMonths: null, weeklyHours: 35 } } });
    const fait = consoleActionOf('sur_mesure', 'declarerServiceFait')!;
    const form = { iban: 'FR76 3000 6000 0112 3456 7890 189', 'stagiaire-0': id, 'heures-0': '399' };
    expect(fait.schema.safeParse(fait.fromForm(form)).data).toMatchObject({ stagiaires: [{ stagiaireId: id, minutesRealisees: 23_940 }] });
    const bad = fait.schema.safeParse(fait.fromForm({ ...form, 'heures-0': 'trois' }));
    expect(fieldIdOf(fait, bad.error!.issues[0].path)).toBe('declarerServiceFait-heures-0');
  });

  test('parcours: the follow-up outcome and the suspension make the API’s bodies; the resumption sends none', () => {
    const suivi = consoleActionOf('parcours', 'enregistrerSuivi')!;
    expect(suivi.schema.safeParse(suivi.fromForm({ step: '6m', outcome: 'emploi_1mois' })).data).toEqual({ step: '6m', outcome: 'emploi_1mois' });
    const suspend = consoleActionOf('parcours', 'suspendre')!;
    expect(suspend.schema.safeParse(suspend.fromForm({ motif: '  ' })).success).toBe(false);
    const resume = consoleActionOf('parcours', 'reprendre')!;
    expect(resume.schema.safeParse(resume.fromForm({})).data).toEqual({});
  });
});

describe('reminders', () => {
  const header = (over: Record<string, unknown>): CaseHeader => ({ caseId: 'c', stage: 'x', closure: null, history: [], deadlines: [], ...over }) as unknown as CaseHeader;
  const due = (kind: string, dueAt = '2027-03-10T08:00:00.000Z') => ({ kind, dueAt, status: 'pending' as const });

  test('missing documents: the student gets the reminder the workflow sends, with the same parameters', () => {
    const state = header({ pieces: { demandees: ['avis_imposition'], dateLimite: '2027-03-01', seq: 3, recues: false } });
    expect(reminderFor('bourse', state, due('pieces'))).toMatchObject({ template: 'rappel_pieces', to: 'personne',
      params: { pieces: ['avis_imposition'], dateLimite: '2027-03-01' } });
  });

  test('a month’s statement: the provider is reminded of the first unpaid month, not while the training is suspended', () => {
    const formation = { nextPeriod: '2027-02', statements: {}, suspendedSince: null };
    expect(reminderFor('parcours', header({ formation }), due('etat_presence'))).toMatchObject({ template: 'rappel_etat_presence', to: 'organisme',
      params: { month: '2027-02', since: expect.stringMatching(/^2027-0[23]/) } });
    expect(reminderFor('parcours', header({ formation: { ...formation, suspendedSince: '2027-02-10' } }), due('etat_presence'))).toBeNull();
  });

  test('a hiring declaration: the company, with the due date (the day before the deadline shown); the service’s own deadlines remind nobody', () => {
    const state = header({ stagiaires: { s1: { embauche: null, suivi6m: null } }, serviceFait: null });
    expect(reminderFor('sur_mesure', state, due('embauche:s1'))).toMatchObject({ template: 'rappel_embauche', to: 'entreprise',
      params: { stagiaireId: 's1', dueDate: '2027-03-09' } });
    expect(reminderFor('sur_mesure', state, due('qualification'))).toBeNull();
    expect(reminderFor('parcours', header({}), due('positionnement'))).toBeNull();
    expect(reminderFor('aide_urgence', header({}), due('commission'))).toBeNull();
  });

  test('one manual reminder key per case, deadline and day', () => {
    expect(reminderKey('c1', 'pieces', '2027-03-10')).toBe('relance:c1:pieces:2027-03-10');
    expect(reminderKey('c1', 'pieces', '2027-03-11')).not.toBe(reminderKey('c1', 'pieces', '2027-03-10'));
  });
});
