/**
 * Sur-mesure rules ("Une formation, un emploi"): every boundary of the eligibility, the identifiers and
 * codes, the visa paths, the hiring check and the provider's service fait. Amounts in cents; messages
 * compared with plain spaces (amounts are written with no-break spaces).
 */
import {
  DEFAULT_SUR_MESURE_PARAMETERS as ROWS,
  SurMesureInputError,
  applyVisa,
  canReplaceDropOut,
  checkCertificationCode,
  checkEligibility,
  checkNaf,
  checkRome,
  checkSiren,
  checkSiret,
  classifyHiring,
  classifySixMonthCheck,
  durationInMonths,
  hiringDeclarationSchedule,
  isCertificationLevel,
  nafSection,
  nextRequiredLevel,
  parameterInForce,
  parametersInForce,
  providerPayment,
  replacementDeadline,
  requiredLevels,
  startVisa,
  toParameterRow,
  type Acteur,
  type AnyParameterRow,
  type CommandeSurMesure,
  type ContratDeclare,
  type ContratPropose,
  type HiringCheckInput,
  type VisaAction,
  type VisaState,
} from '../../domain/sur-mesure';

const plain = (s: string): string => s.replace(/[\u00a0\u202f]/g, ' ');
const P = parametersInForce(ROWS, '2026-06-01').values;

const contrat = (over: Partial<ContratPropose> = {}): ContratPropose => ({
  kind: 'cdd', durationMonths: 12, weeklyHours: 35, plannedHiringDate: '2026-09-01', tuteur: 'Mme Leroux', ...over,
});

function order(over: Partial<CommandeSurMesure> = {}): CommandeSurMesure {
  return {
    orderDate: '2026-02-10', hoursInCentre: 400, hoursInCompany: 70,
    trainingStart: '2026-03-02', trainingEnd: '2026-07-10', certificationLevel: 3, derogation: null, afest: null,
    postes: [{ romeCode: 'N4101', count: 4, contrat: contrat() }], manquements: [], ...over,
  };
}

const rules = (o: CommandeSurMesure, rows: readonly AnyParameterRow[] = ROWS): string[] => checkEligibility(o, rows).failed.map((f) => f.rule);

/** Rows with one key replaced from 2026-01-01 (the defaults' start): a Région decision, for tests only. */
function withRow<K extends AnyParameterRow['key']>(key: K, value: Extract<AnyParameterRow, { key: K }>['value']): AnyParameterRow[] {
  return ROWS.map((r) => (r.key === key ? ({ ...r, value } as AnyParameterRow) : r));
}

describe('SIREN / SIRET', () => {
  it('20003452800014 is valid (Luhn on the SIREN and on the 14 digits)', () => {
    expect(checkSiret('20003452800014')).toEqual({ ok: true, siret: '20003452800014', siren: '200034528' });
  });

  it('20003452800041 (two digits swapped) is refused on its key', () => {
    expect(checkSiret('20003452800041')).toEqual({ ok: false, code: 'cle_siret', reason: 'clé de contrôle du SIRET invalide' });
  });

  it('spaces as typed on a Kbis are removed, no-break ones included', () => {
    expect(checkSiret('200 034 528 00014')).toMatchObject({ ok: true, siret: '20003452800014' });
    expect(checkSiret('200\u00a0034\u00a0528\u202f00014')).toMatchObject({ ok: true });
  });

  it('length and characters are refused with their own French reason', () => {
    expect(checkSiret('2000345280001')).toMatchObject({ ok: false, code: 'longueur', reason: 'le SIRET doit compter 14 chiffres' });
    expect(checkSiret('2000345280001A')).toMatchObject({ ok: false, code: 'caracteres', reason: 'le SIRET ne doit contenir que des chiffres' });
    expect(checkSiren('20003452')).toMatchObject({ ok: false, reason: 'le SIREN doit compter 9 chiffres' });
  });

  it('a SIRET whose 14 digits pass Luhn but whose SIREN does not is refused on the SIREN', () => {
    expect(checkSiren('200034529')).toMatchObject({ ok: false, code: 'cle_siren', reason: 'clé de contrôle du SIREN invalide' });
    expect(checkSiret('20003452900012')).toMatchObject({ ok: false, code: 'cle_siren' }); // the 14 digits pass Luhn
  });

  it('SIREN 200034528 is valid', () => {
    expect(checkSiren('200 034 528')).toEqual({ ok: true, siren: '200034528' });
  });

  it('La Poste: an establishment whose digits add up to a multiple of 5 is valid although Luhn fails', () => {
    expect(checkSiret('35600000049837')).toMatchObject({ ok: true, siren: '356000000' }); // sum 45
    expect(checkSiret('35600000000001')).toMatchObject({ ok: true }); // sum 15
  });

  it('La Poste: a sum that is not a multiple of 5 is refused (and Luhn fails too)', () => {
    expect(checkSiret('35600000000002')).toMatchObject({ ok: false, code: 'cle_siret' }); // sum 16
    expect(checkSiret('35600000012345')).toMatchObject({ ok: false, code: 'cle_siret' }); // sum 29
  });

  it('La Poste head office 35600000000048 passes Luhn and stays valid', () => {
    expect(checkSiret('35600000000048')).toMatchObject({ ok: true });
  });
});

describe('ROME, NAF, certifications', () => {
  it('ROME: a letter A–N and 4 digits, normalised', () => {
    expect(checkRome('M1805')).toEqual({ ok: true, value: 'M1805' });
    expect(checkRome(' n4101 ')).toEqual({ ok: true, value: 'N4101' });
    expect(checkRome('A1101')).toMatchObject({ ok: true });
  });

  it('ROME: O is not a domain, short codes and extra digits are malformed', () => {
    expect(checkRome('O1234')).toMatchObject({ ok: false, error: expect.stringContaining('la lettre O') });
    expect(checkRome('M180')).toMatchObject({ ok: false });
    expect(checkRome('M18051')).toMatchObject({ ok: false });
    expect(checkRome('11805')).toMatchObject({ ok: false });
  });

  it('NAF: 62.01Z is section J; the APE form without a dot is accepted', () => {
    expect(checkNaf('62.01Z')).toEqual({ ok: true, value: { code: '62.01Z', division: 62, section: 'J' } });
    expect(checkNaf('6201z')).toEqual({ ok: true, value: { code: '62.01Z', division: 62, section: 'J' } });
  });

  it('NAF: malformed codes and divisions that do not exist are refused', () => {
    expect(checkNaf('62.01')).toMatchObject({ ok: false });
    expect(checkNaf('620.1Z')).toMatchObject({ ok: false });
    expect(checkNaf('04.11Z')).toMatchObject({ ok: false, error: expect.stringContaining('division 04') });
    expect(checkNaf('34.10Z')).toMatchObject({ ok: false });
  });

  it.each([
    [1, 'A'], [3, 'A'], [5, 'B'], [9, 'B'], [10, 'C'], [33, 'C'], [35, 'D'], [36, 'E'], [39, 'E'], [41, 'F'], [43, 'F'],
    [45, 'G'], [47, 'G'], [49, 'H'], [53, 'H'], [55, 'I'], [56, 'I'], [58, 'J'], [63, 'J'], [64, 'K'], [66, 'K'], [68, 'L'],
    [69, 'M'], [75, 'M'], [77, 'N'], [82, 'N'], [84, 'O'], [85, 'P'], [86, 'Q'], [88, 'Q'], [90, 'R'], [93, 'R'],
    [94, 'S'], [96, 'S'], [97, 'T'], [98, 'T'], [99, 'U'],
  ])('NAF division %i is in section %s', (division, section) => {
    expect(nafSection(division)).toBe(section);
  });

  it.each([0, 4, 34, 40, 44, 48, 54, 57, 67, 76, 83, 89, 100])('NAF division %i does not exist', (division) => {
    expect(nafSection(division)).toBeNull();
  });

  it('RNCP and RS codes, spaces and case normalised', () => {
    expect(checkCertificationCode('RNCP34826')).toEqual({ ok: true, value: { code: 'RNCP34826', registry: 'rncp' } });
    expect(checkCertificationCode('rncp 34826')).toMatchObject({ ok: true, value: { code: 'RNCP34826' } });
    expect(checkCertificationCode('RS5012')).toEqual({ ok: true, value: { code: 'RS5012', registry: 'rs' } });
    expect(checkCertificationCode('RNCP')).toMatchObject({ ok: false });
    expect(checkCertificationCode('RSCH123')).toMatchObject({ ok: false });
  });

  it('certification levels are 3 to 8', () => {
    expect([2, 3, 8, 9, 5.5].map(isCertificationLevel)).toEqual([false, true, true, false, false]);
  });
});

describe('parameters', () => {
  it('the defaults carry a source, and assumptions are marked unverified', () => {
    const { unverified } = parametersInForce(ROWS, '2026-06-01');
    expect(unverified).toEqual(expect.arrayContaining(['commission_threshold_cents', 'breach_policy', 'hiring_declaration_days_after_end']));
    expect(unverified).not.toContain('min_hours_in_centre');
    expect(ROWS.every((r) => r.source.length > 0)).toBe(true);
  });

  it('a later row applies from its date, the earlier one until the day before', () => {
    const rows: AnyParameterRow[] = [...ROWS, { key: 'min_hours_in_centre', effectiveFrom: '2027-01-01', value: 150, source: 'test', verified: true }];
    expect(parameterInForce(rows, 'min_hours_in_centre', '2026-12-31').value).toBe(140);
    expect(parameterInForce(rows, 'min_hours_in_centre', '2027-01-01').value).toBe(150);
  });

  it('no row in force, or two rows on the same day, is an input error', () => {
    expect(() => parametersInForce(ROWS, '2025-12-31')).toThrow(SurMesureInputError);
    const twice: AnyParameterRow[] = [...ROWS, { key: 'max_training_months', effectiveFrom: '2026-01-01', value: 10, source: 'x', verified: false }];
    expect(() => parameterInForce(twice, 'max_training_months', '2026-06-01')).toThrow(SurMesureInputError);
  });

  it('a database row is checked: unknown key, bad value and bad date are refused', () => {
    const raw = { key: 'breach_policy', effectiveFrom: '2026-01-01', value: 'refuse_next_need', source: 's', verified: true };
    expect(toParameterRow(raw)).toEqual(raw);
    expect(() => toParameterRow({ ...raw, value: 'fine' })).toThrow(SurMesureInputError);
    expect(() => toParameterRow({ ...raw, key: 'unknown' })).toThrow(SurMesureInputError);
    expect(() => toParameterRow({ ...raw, effectiveFrom: '2026-13-01' })).toThrow(SurMesureInputError);
    expect(() => toParameterRow({ ...raw, key: 'allowed_contract_kinds', value: ['cdi', 'stage'] })).toThrow(SurMesureInputError);
  });
});

describe('duration of a training in months (a started month counts)', () => {
  it('5 January 2026 → 4 January 2027 is 12 months; → 5 January 2027 is 13', () => {
    expect(durationInMonths('2026-01-05', '2027-01-04')).toBe(12);
    expect(durationInMonths('2026-01-05', '2027-01-05')).toBe(13);
  });

  it('a single day is 1 month; 31 January → 28 February is 1 month, → 1 March is 2', () => {
    expect(durationInMonths('2026-03-02', '2026-03-02')).toBe(1);
    expect(durationInMonths('2026-01-31', '2026-02-28')).toBe(1);
    expect(durationInMonths('2026-01-31', '2026-03-01')).toBe(2);
  });
});

describe('eligibility', () => {
  it('a complete order is eligible, with no warning', () => {
    const r = checkEligibility(order(), ROWS);
    expect(r).toMatchObject({ eligible: true, failed: [], warnings: [], durationMonths: 5, maxMonths: 12 });
    expect(r.unverifiedParameters).toEqual(['max_training_months_derogation', 'breach_policy', 'breach_lookback_months']);
  });

  it('139 hours in centre: refused; 140: accepted (hours in company do not count)', () => {
    expect(rules(order({ hoursInCentre: 139, hoursInCompany: 300 }))).toEqual(['heures_centre_minimum']);
    expect(checkEligibility(order({ hoursInCentre: 139 }), ROWS).failed[0].message)
      .toBe('La formation doit comporter au moins 140 heures en centre de formation (prévu : 139 heures).');
    expect(rules(order({ hoursInCentre: 140 }))).toEqual([]);
  });

  it('12 months: accepted; 13 months: refused', () => {
    const twelve = order({ trainingStart: '2026-03-02', trainingEnd: '2027-03-01', postes: [{ romeCode: 'N4101', count: 1, contrat: contrat({ plannedHiringDate: '2027-03-02' }) }] });
    expect(rules(twelve)).toEqual([]);
    const thirteen = { ...twelve, trainingEnd: '2027-03-02', postes: [{ romeCode: 'N4101', count: 1, contrat: contrat({ plannedHiringDate: '2027-03-03' }) }] };
    expect(rules(thirteen)).toEqual(['duree_formation_maximale']);
    expect(checkEligibility(thirteen, ROWS).failed[0].message).toBe('La formation dure 13 mois ; le maximum applicable à cette commande est de 12 mois.');
  });

  const long = (over: Partial<CommandeSurMesure>): CommandeSurMesure => order({
    trainingStart: '2026-03-02', trainingEnd: '2028-03-01',
    postes: [{ romeCode: 'M1805', count: 1, contrat: contrat({ kind: 'cdi', durationMonths: null, plannedHiringDate: '2028-03-10' }) }], ...over,
  });

  it('level 7 or 8 allows 24 months, not 25; level 6 does not', () => {
    expect(rules(long({ certificationLevel: 7 }))).toEqual([]);
    expect(rules(long({ certificationLevel: 8 }))).toEqual([]);
    expect(rules(long({ certificationLevel: 7, trainingEnd: '2028-03-02' }))).toEqual(['duree_formation_maximale']);
    expect(rules(long({ certificationLevel: 6 }))).toEqual(['duree_formation_maximale']);
    expect(rules(long({ certificationLevel: null }))).toEqual(['duree_formation_maximale']);
  });

  it('a recorded derogation allows 24 months, and says so in a warning', () => {
    const r = checkEligibility(long({ certificationLevel: 5, derogation: { reference: 'DEROG-2026-04' } }), ROWS);
    expect(r.eligible).toBe(true);
    expect(r.warnings).toEqual([{ rule: 'derogation_appliquee', message: 'Durée de 24 mois admise au titre de la dérogation DEROG-2026-04.' }]);
    expect(checkEligibility(order({ derogation: { reference: 'D' } }), ROWS).warnings).toEqual([]); // not needed, not mentioned
  });

  it('contract of 5 months: refused; 6 months: accepted', () => {
    const with5 = order({ postes: [{ romeCode: 'N4101', count: 2, contrat: contrat({ durationMonths: 5 }) }] });
    expect(checkEligibility(with5, ROWS).failed).toEqual([
      { rule: 'duree_contrat_minimale', message: 'Le contrat proposé doit durer au moins 6 mois (proposé : 5 mois).', poste: 0 },
    ]);
    expect(rules(order({ postes: [{ romeCode: 'N4101', count: 2, contrat: contrat({ durationMonths: 6 }) }] }))).toEqual([]);
  });

  it('apprenticeship and professionalisation of 6 months or more, or open-ended, are accepted', () => {
    for (const c of [contrat({ kind: 'apprentissage', durationMonths: 24 }), contrat({ kind: 'professionnalisation', durationMonths: 6 }), contrat({ kind: 'apprentissage', durationMonths: null })]) {
      expect(rules(order({ postes: [{ romeCode: 'N4101', count: 1, contrat: c }] }))).toEqual([]);
    }
  });

  it('a CDD must give its length', () => {
    expect(rules(order({ postes: [{ romeCode: 'N4101', count: 1, contrat: contrat({ durationMonths: null }) }] }))).toEqual(['duree_contrat_manquante']);
  });

  it('State-subsidised contracts are refused, whatever their length', () => {
    for (const kind of ['contrat_aide_pec', 'contrat_aide_cie', 'contrat_aide_cddi', 'contrat_aide_emploi_franc'] as const) {
      expect(rules(order({ postes: [{ romeCode: 'N4101', count: 1, contrat: contrat({ kind, durationMonths: 12 }) }] }))).toEqual(['contrat_aide_exclu']);
    }
    expect(checkEligibility(order({ postes: [{ romeCode: 'N4101', count: 1, contrat: contrat({ kind: 'interim' }) }] }), ROWS).failed).toEqual([{
      rule: 'type_contrat_non_admis', poste: 0,
      message: "Type de contrat non admis : mission d'intérim (admis : CDI, CDD, contrat d'apprentissage, contrat de professionnalisation).",
    }]);
  });

  it('the Région can admit a kind by a new row, without a code change', () => {
    const rows = withRow('allowed_contract_kinds', ['cdi', 'cdd', 'apprentissage', 'professionnalisation', 'contrat_aide_emploi_franc']);
    expect(rules(order({ postes: [{ romeCode: 'N4101', count: 1, contrat: contrat({ kind: 'contrat_aide_emploi_franc' }) }] }), rows)).toEqual([]);
  });

  it('no tutor (null or blank) is refused, per post', () => {
    const o = order({ postes: [{ romeCode: 'N4101', count: 1, contrat: contrat() }, { romeCode: 'N1103', count: 2, contrat: contrat({ tuteur: '  ' }) }] });
    expect(checkEligibility(o, ROWS).failed).toEqual([{ rule: 'tuteur_manquant', message: "L'entreprise doit désigner un tuteur pour ce poste.", poste: 1 }]);
    expect(rules(order({ postes: [{ romeCode: 'N4101', count: 1, contrat: contrat({ tuteur: null }) }] }))).toEqual(['tuteur_manquant']);
  });

  it('hiring planned on the last day of training or before is refused; the day after is accepted', () => {
    expect(rules(order({ postes: [{ romeCode: 'N4101', count: 1, contrat: contrat({ plannedHiringDate: '2026-07-10' }) }] }))).toEqual(['embauche_avant_fin_formation']);
    expect(rules(order({ postes: [{ romeCode: 'N4101', count: 1, contrat: contrat({ plannedHiringDate: '2026-07-11' }) }] }))).toEqual([]);
  });

  it('every failure is listed at once: no post, bad dates, bad ROME code, zero posts, weekly hours', () => {
    expect(rules(order({ postes: [] }))).toEqual(['aucun_poste']);
    expect(rules(order({ trainingEnd: '2026-03-01' }))).toEqual(['dates_incoherentes']);
    expect(rules(order({ postes: [{ romeCode: 'Z1234', count: 0, contrat: contrat({ weeklyHours: 0 }) }] })))
      .toEqual(['duree_hebdomadaire_invalide', 'nombre_postes_invalide', 'code_rome_invalide']);
  });

  it('AFEST needs the four components of D6313-3-2', () => {
    const afest = { analyseActivite: true, tuteur: 'M. Diallo', phasesReflexives: true, evaluations: true };
    expect(rules(order({ afest }))).toEqual([]);
    expect(rules(order({ afest: { analyseActivite: false, tuteur: null, phasesReflexives: false, evaluations: false } })))
      .toEqual(['afest_analyse_activite', 'afest_tuteur', 'afest_phases_reflexives', 'afest_evaluations']);
  });

  const breach = { date: '2025-10-01', reference: 'SM-2025-017', outcome: 'non_embauche_entreprise' as const };

  it('past breaches are shown, never blocking, under the default policy', () => {
    const r = checkEligibility(order({ manquements: [breach] }), ROWS);
    expect(r.eligible).toBe(true);
    expect(r.warnings).toEqual([{ rule: 'manquement_anterieur', message: "L'entreprise n'a pas respecté un engagement d'embauche antérieur : SM-2025-017 (2025-10-01)." }]);
  });

  it('policy refuse_next_need blocks; policy none hides; breaches older than the lookback are ignored', () => {
    expect(rules(order({ manquements: [breach] }), withRow('breach_policy', 'refuse_next_need'))).toEqual(['manquement_anterieur']);
    expect(checkEligibility(order({ manquements: [breach] }), withRow('breach_policy', 'none')).warnings).toEqual([]);
    const old = { ...breach, date: '2023-02-10' }; // 36 months before 2026-02-10: out of the window
    expect(checkEligibility(order({ manquements: [old] }), ROWS).warnings).toEqual([]);
    expect(checkEligibility(order({ manquements: [{ ...old, date: '2023-02-11' }] }), ROWS).warnings).toHaveLength(1);
  });

  it('malformed input is an input error, not a failed rule', () => {
    expect(() => checkEligibility(order({ trainingStart: '2026-02-30' }), ROWS)).toThrow(SurMesureInputError);
    expect(() => checkEligibility(order({ hoursInCentre: -1 }), ROWS)).toThrow(SurMesureInputError);
  });
});

describe('visa: the multi-level funding decision', () => {
  const instructeur: Acteur = { id: 'agent-12', role: 'instructeur' };
  const instructeur2: Acteur = { id: 'agent-13', role: 'instructeur' };
  const chef: Acteur = { id: 'chef-3', role: 'chef_service' };
  const secretariat: Acteur = { id: 'cp-1', role: 'secretariat_commission' };
  const finances: Acteur = { id: 'fin-7', role: 'finances' };
  const THRESHOLD = P.commission_threshold_cents; // 100 000 €

  function run(state: VisaState, ...actions: VisaAction[]): VisaState {
    return actions.reduce((s, a) => {
      const r = applyVisa(s, a);
      if (!r.ok) throw new Error(`${a.kind}: ${r.error.message}`);
      return r.value;
    }, state);
  }
  const error = (state: VisaState, action: VisaAction) => {
    const r = applyVisa(state, action);
    return r.ok ? null : { ...r.error, message: plain(r.error.message) };
  };

  const proposer = (amountCents: number, by = instructeur): VisaAction => ({ kind: 'proposer', by, date: '2026-03-01', amountCents });
  const valider: VisaAction = { kind: 'valider', by: chef, date: '2026-03-05' };
  const voter = (vote: 'favorable' | 'defavorable'): Extract<VisaAction, { kind: 'voter' }> =>
    ({ kind: 'voter', by: secretariat, date: '2026-04-02', vote, commission: { date: '2026-03-30', reference: 'CP-2026-03-30-041' } });
  const engager: Extract<VisaAction, { kind: 'engager' }> = { kind: 'engager', by: finances, date: '2026-04-05', engagementReference: 'EJ-2026-00912' };

  it('the levels depend on the amount: strictly above the threshold, the commission votes', () => {
    expect(requiredLevels(THRESHOLD, THRESHOLD)).toEqual(['proposition', 'validation_service', 'engage']);
    expect(requiredLevels(THRESHOLD + 1, THRESHOLD)).toEqual(['proposition', 'validation_service', 'validation_commission', 'engage']);
  });

  it('below the threshold: proposition → head of service → commitment', () => {
    let s = run(startVisa(THRESHOLD), proposer(85_000_00));
    expect(nextRequiredLevel(s)).toBe('validation_service');
    s = run(s, valider);
    expect(nextRequiredLevel(s)).toBe('engage');
    s = run(s, engager);
    expect(s).toMatchObject({ awaiting: null, outcome: 'engage', amountCents: 85_000_00 });
    expect(s.steps.map((st) => [st.level, st.kind, st.by.id, st.date])).toEqual([
      ['proposition', 'proposer', 'agent-12', '2026-03-01'],
      ['validation_service', 'valider', 'chef-3', '2026-03-05'],
      ['engage', 'engager', 'fin-7', '2026-04-05'],
    ]);
  });

  it('above the threshold: the commission vote is recorded with its date and reference', () => {
    let s = run(startVisa(THRESHOLD), proposer(120_000_00), valider);
    expect(nextRequiredLevel(s)).toBe('validation_commission');
    expect(error(s, engager)).toEqual({ code: 'commission_requise', message: 'la commission doit voter : montant supérieur à 100 000,00 €' });
    s = run(s, voter('favorable'), engager);
    expect(s.outcome).toBe('engage');
    expect(s.steps[2]).toMatchObject({ level: 'validation_commission', vote: 'favorable', commission: { date: '2026-03-30', reference: 'CP-2026-03-30-041' } });
  });

  it('an unfavourable vote closes the file as rejected', () => {
    const s = run(startVisa(THRESHOLD), proposer(120_000_00), valider, voter('defavorable'));
    expect(s).toMatchObject({ awaiting: null, outcome: 'rejete' });
    expect(error(s, engager)).toMatchObject({ code: 'visa_clos' });
  });

  it('send-back by the head of service returns to the proposer, who proposes again (a new amount re-decides the levels)', () => {
    let s = run(startVisa(THRESHOLD), proposer(120_000_00), { kind: 'renvoyer', by: chef, date: '2026-03-04', reason: 'devis à détailler' });
    expect(s.awaiting).toBe('proposition');
    expect(s.steps[1]).toMatchObject({ level: 'validation_service', kind: 'renvoyer', reason: 'devis à détailler', addressedTo: 'agent-12' });
    s = run(s, { ...proposer(95_000_00), date: '2026-03-06' }, { ...valider, date: '2026-03-07' });
    expect(s.awaiting).toBe('engage');
  });

  it('send-back by the commission returns to the head of service', () => {
    const s = run(startVisa(THRESHOLD), proposer(120_000_00), valider,
      { kind: 'renvoyer', by: secretariat, date: '2026-04-02', reason: 'ajourné : effectifs à confirmer' });
    expect(s.awaiting).toBe('validation_service');
    expect(s.steps[2]).toMatchObject({ addressedTo: 'chef-3' });
  });

  it('send-back at the commitment returns to the commission above the threshold, to the head of service below', () => {
    const back: VisaAction = { kind: 'renvoyer', by: finances, date: '2026-04-06', reason: 'ligne budgétaire épuisée' };
    const above = run(startVisa(THRESHOLD), proposer(120_000_00), valider, voter('favorable'), back);
    expect(above.awaiting).toBe('validation_commission');
    expect(above.steps[3]).toMatchObject({ addressedTo: 'cp-1' });
    const below = run(startVisa(THRESHOLD), proposer(50_000_00), valider, back);
    expect(below.awaiting).toBe('validation_service');
    expect(below.steps[2]).toMatchObject({ addressedTo: 'chef-3' });
  });

  it('nothing can be sent back before a proposition exists', () => {
    expect(error(startVisa(THRESHOLD), { kind: 'renvoyer', by: instructeur, date: '2026-03-01', reason: 'x' })).toMatchObject({ code: 'niveau_incorrect' });
  });

  it('the wrong role is refused at each level', () => {
    const s0 = startVisa(THRESHOLD);
    expect(error(s0, proposer(10_000_00, { id: 'chef-3', role: 'chef_service' }))).toMatchObject({ code: 'role_non_autorise', message: "seul l'instructeur peut proposer le financement" });
    const s1 = run(s0, proposer(120_000_00));
    expect(error(s1, { kind: 'valider', by: instructeur2, date: '2026-03-05' })).toEqual({ code: 'role_non_autorise', message: 'seul le chef de service peut valider à ce niveau' });
    expect(error(s1, { kind: 'renvoyer', by: instructeur2, date: '2026-03-05', reason: 'x' })).toMatchObject({ code: 'role_non_autorise' });
    const s2 = run(s1, valider);
    expect(error(s2, { ...voter('favorable'), by: chef })).toMatchObject({ code: 'role_non_autorise', message: 'seul le secrétariat de la commission peut enregistrer son vote' });
    const s3 = run(s2, voter('favorable'));
    expect(error(s3, { ...engager, by: chef })).toMatchObject({ code: 'role_non_autorise', message: "seul le service financier peut enregistrer l'engagement" });
  });

  it('the proposer cannot validate his own proposition, even holding the head-of-service role', () => {
    const s = run(startVisa(THRESHOLD), proposer(10_000_00));
    expect(error(s, { kind: 'valider', by: { id: 'agent-12', role: 'chef_service' }, date: '2026-03-02' })).toMatchObject({ code: 'meme_auteur' });
  });

  it('the head of service can refuse, with a reason', () => {
    const s = run(startVisa(THRESHOLD), proposer(10_000_00));
    expect(error(s, { kind: 'rejeter', by: chef, date: '2026-03-02', reason: ' ' })).toMatchObject({ code: 'motif_requis' });
    expect(run(s, { kind: 'rejeter', by: chef, date: '2026-03-02', reason: 'besoin déjà couvert par la carte Qualif' }).outcome).toBe('rejete');
  });

  it('steps out of order, a date going back, a bad amount or an incomplete vote are refused', () => {
    const s = run(startVisa(THRESHOLD), proposer(120_000_00), valider);
    expect(error(s, valider)).toEqual({ code: 'niveau_incorrect', message: "action « valider » impossible : le visa attend l'étape « vote de la commission »" });
    expect(error(s, { ...voter('favorable'), date: '2026-03-04' })).toMatchObject({ code: 'date_anterieure' });
    expect(error(s, { ...voter('favorable'), commission: { date: '2026-04-03', reference: 'CP' } })).toMatchObject({ code: 'commission_incomplete' });
    expect(error(s, { ...voter('favorable'), commission: { date: '2026-03-30', reference: '' } })).toMatchObject({ code: 'commission_incomplete' });
    expect(error(startVisa(THRESHOLD), proposer(0))).toMatchObject({ code: 'montant_invalide' });
    expect(error(startVisa(THRESHOLD), proposer(100.5))).toMatchObject({ code: 'montant_invalide' });
    const toEngage = run(startVisa(THRESHOLD), proposer(10_000_00), valider);
    expect(error(toEngage, { ...engager, engagementReference: '' })).toMatchObject({ code: 'reference_requise' });
  });

  it('a refused action leaves the state untouched', () => {
    const s = run(startVisa(THRESHOLD), proposer(10_000_00));
    const copy = JSON.parse(JSON.stringify(s));
    applyVisa(s, { kind: 'valider', by: instructeur2, date: '2026-03-05' });
    expect(s).toEqual(copy);
  });
});

describe('hiring check', () => {
  const committed = contrat({ kind: 'cdd', durationMonths: 12, weeklyHours: 35, plannedHiringDate: '2026-09-01' });
  const declared = (over: Partial<ContratDeclare> = {}): ContratDeclare => ({ kind: 'cdd', durationMonths: 12, weeklyHours: 35, startDate: '2026-09-01', ...over });
  const hired = (c: ContratDeclare, over: Partial<HiringCheckInput> = {}): HiringCheckInput =>
    ({ committed, sortie: 'formation_terminee', declaration: { embauche: true, contrat: c }, ...over });

  it('as committed, or better (a CDI, longer, more hours, earlier): conforme, no breach', () => {
    for (const c of [declared(), declared({ kind: 'cdi', durationMonths: null }), declared({ durationMonths: 18, weeklyHours: 39, startDate: '2026-08-20' })]) {
      expect(classifyHiring(hired(c), P)).toEqual({ outcome: 'embauche_conforme', reasons: [], manquement: false });
    }
  });

  it('a start up to the tolerance after the planned date is still conforme; a day later is not', () => {
    expect(classifyHiring(hired(declared({ startDate: '2026-10-01' })), P).outcome).toBe('embauche_conforme');
    expect(classifyHiring(hired(declared({ startDate: '2026-10-02' })), P)).toEqual({
      outcome: 'embauche_autres_conditions', manquement: true,
      reasons: ['embauche le 2026-10-02, plus de 30 jours après la date prévue (2026-09-01)'],
    });
  });

  it('a shorter CDD, fewer hours: hired on other terms, each reason listed', () => {
    expect(classifyHiring(hired(declared({ durationMonths: 9, weeklyHours: 28 })), P)).toEqual({
      outcome: 'embauche_autres_conditions', manquement: true,
      reasons: ['contrat de 9 mois au lieu de 12 mois', '28 heures par semaine au lieu de 35'],
    });
  });

  it('a CDD under 6 months is below the scheme, whatever was committed', () => {
    expect(classifyHiring(hired(declared({ durationMonths: 5 })), P).reasons).toEqual(['contrat de 5 mois, moins que le minimum de 6 mois']);
  });

  it('a subsidised contract or an agency assignment: other terms', () => {
    expect(classifyHiring(hired(declared({ kind: 'contrat_aide_pec' })), P).reasons)
      .toEqual(["contrat aidé (PEC / CUI-CAE) : les contrats aidés par l'État sont exclus du dispositif"]);
    expect(classifyHiring(hired(declared({ kind: 'interim', durationMonths: 6 })), P).reasons[0]).toContain("mission d'intérim");
  });

  it('a CDD instead of a committed CDI, or a fixed-term apprenticeship instead of an open-ended one', () => {
    const cdi = contrat({ kind: 'cdi', durationMonths: null });
    expect(classifyHiring({ ...hired(declared()), committed: cdi }, P).reasons).toEqual(["CDD au lieu d'un CDI"]);
    const apprentiCdi = contrat({ kind: 'apprentissage', durationMonths: null });
    expect(classifyHiring({ ...hired(declared({ kind: 'apprentissage', durationMonths: 24 })), committed: apprentiCdi }, P).reasons)
      .toEqual(["contrat de 24 mois au lieu d'un contrat à durée indéterminée"]);
  });

  it('not hired although the trainee completed the training: the company, a breach', () => {
    expect(classifyHiring({ committed, sortie: 'formation_terminee', declaration: { embauche: false, refusParLeStagiaire: false } }, P))
      .toEqual({ outcome: 'non_embauche_entreprise', reasons: ["l'entreprise n'a pas embauché le stagiaire"], manquement: true });
  });

  it('not hired because the trainee dropped out, failed, was excluded or refused: no breach', () => {
    for (const sortie of ['abandon', 'echec', 'exclusion'] as const) {
      expect(classifyHiring({ committed, sortie, declaration: { embauche: false, refusParLeStagiaire: false } }, P))
        .toMatchObject({ outcome: 'non_embauche_stagiaire', manquement: false });
    }
    expect(classifyHiring({ committed, sortie: 'formation_terminee', declaration: { embauche: false, refusParLeStagiaire: true } }, P))
      .toEqual({ outcome: 'non_embauche_stagiaire', reasons: ['le stagiaire a refusé le contrat proposé'], manquement: false });
  });

  it('a trainee who left early to be hired by the company as committed: conforme', () => {
    expect(classifyHiring(hired(declared({ startDate: '2026-06-15' }), { sortie: 'abandon' }), P).outcome).toBe('embauche_conforme');
  });

  it('declaration due 30 days after the end, reminders 10 and 3 days before', () => {
    expect(hiringDeclarationSchedule('2026-07-10', P)).toEqual({ dueDate: '2026-08-09', reminders: ['2026-07-30', '2026-08-06'] });
  });

  it('6-month check: running, unknown, ended by the employer early (breach), by the employee (no breach)', () => {
    const base = { hiringStart: '2026-09-01' };
    expect(classifySixMonthCheck({ ...base, stillEmployed: 'oui' }, P)).toEqual({ dueDate: '2027-03-01', stillEmployed: 'oui', reason: 'le contrat est toujours en cours', manquement: false });
    expect(classifySixMonthCheck({ ...base, stillEmployed: 'inconnu' }, P)).toMatchObject({ manquement: false });
    expect(classifySixMonthCheck({ ...base, stillEmployed: 'non', rupture: { date: '2026-11-15', initiative: 'employeur' } }, P))
      .toMatchObject({ manquement: true, reason: "contrat terminé le 2026-11-15 (à l'initiative de l'employeur)" });
    expect(classifySixMonthCheck({ ...base, stillEmployed: 'non', rupture: { date: '2026-11-15', initiative: 'salarie' } }, P)).toMatchObject({ manquement: false });
    expect(classifySixMonthCheck({ ...base, stillEmployed: 'non', rupture: { date: '2027-03-01', initiative: 'employeur' } }, P)).toMatchObject({ manquement: false });
  });
});

describe('replacement of a drop-out', () => {
  it('allowed until 15 days after the start, included', () => {
    expect(replacementDeadline('2026-03-02', P)).toBe('2026-03-17');
    expect(canReplaceDropOut('2026-03-02', '2026-03-17', P)).toBe(true);
    expect(canReplaceDropOut('2026-03-02', '2026-03-18', P)).toBe(false);
  });
});

describe("provider's service fait", () => {
  const session = { quoteCents: 10_000_00, seats: 3, plannedMinutesPerTrainee: 400 * 60 };

  it('pro rata of hours per seat, rounded once half up; lines add up to the total', () => {
    // 10 000 € / 3 seats = 3 333,333… per seat; 133 h of 400 → 1 108,333…; total 4 441,666… → 4 441,67 €.
    const r = providerPayment({ ...session, trainees: [{ id: 'a', deliveredMinutes: 400 * 60 }, { id: 'b', deliveredMinutes: 133 * 60 }, { id: 'c', deliveredMinutes: 0 }] }, 'prorata_heures');
    expect(r).toEqual({ totalCents: 4_441_67, lines: [{ id: 'a', cents: 3_333_33 }, { id: 'b', cents: 1_108_34 }, { id: 'c', cents: 0 }], cappedAtQuote: false });
  });

  it('all seats fully delivered: exactly the quote, no cent lost to rounding', () => {
    const full = ['a', 'b', 'c'].map((id) => ({ id, deliveredMinutes: 400 * 60 }));
    const r = providerPayment({ ...session, trainees: full }, 'prorata_heures');
    expect(r.totalCents).toBe(10_000_00);
    expect(r.lines.map((l) => l.cents)).toEqual([3_333_33, 3_333_34, 3_333_33]);
  });

  it('hours beyond the plan are not paid', () => {
    const r = providerPayment({ ...session, seats: 1, trainees: [{ id: 'a', deliveredMinutes: 450 * 60 }] }, 'prorata_heures');
    expect(r.totalCents).toBe(10_000_00);
  });

  it('exactly half a cent rounds up', () => {
    // 1 cent quote, 1 seat, 2 planned minutes, 1 delivered: 0.5 cent → 1.
    expect(providerPayment({ quoteCents: 1, seats: 1, plannedMinutesPerTrainee: 2, trainees: [{ id: 'a', deliveredMinutes: 1 }] }, 'prorata_heures').totalCents).toBe(1);
    // 0.499… stays 0: 1 cent × 499/1000.
    expect(providerPayment({ quoteCents: 1, seats: 1, plannedMinutesPerTrainee: 1000, trainees: [{ id: 'a', deliveredMinutes: 499 }] }, 'prorata_heures').totalCents).toBe(0);
  });

  it('a replacement beyond the seats never takes the total above the quote', () => {
    const trainees = [
      { id: 'a', deliveredMinutes: 400 * 60 }, { id: 'b', deliveredMinutes: 400 * 60 },
      { id: 'dropped', deliveredMinutes: 100 * 60 }, { id: 'replacement', deliveredMinutes: 380 * 60 },
    ];
    const r = providerPayment({ ...session, trainees }, 'prorata_heures');
    expect(r).toMatchObject({ totalCents: 10_000_00, cappedAtQuote: true });
    expect(r.lines.reduce((s, l) => s + l.cents, 0)).toBe(10_000_00);
  });

  it('rule place_entree: a full seat per trainee who attended', () => {
    const r = providerPayment({ ...session, trainees: [{ id: 'a', deliveredMinutes: 60 }, { id: 'b', deliveredMinutes: 0 }] }, 'place_entree');
    expect(r.totalCents).toBe(3_333_33);
  });

  it('bad input is an input error', () => {
    expect(() => providerPayment({ ...session, seats: 0, trainees: [] }, 'prorata_heures')).toThrow(SurMesureInputError);
    expect(() => providerPayment({ ...session, quoteCents: 10.5, trainees: [] }, 'prorata_heures')).toThrow(SurMesureInputError);
    expect(() => providerPayment({ ...session, trainees: [{ id: 'a', deliveredMinutes: -1 }] }, 'prorata_heures')).toThrow(SurMesureInputError);
  });
});
