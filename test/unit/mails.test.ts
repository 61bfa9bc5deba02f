/**
 * The trainee journey's mails say what their reader needs, in words they read: checked by what they say.
 * (Issue 8 §6: the prescriber got the trainee's mail word for word; "répondez à votre conseiller" named no
 * adviser; months were written 2026-09; the avance was said to be recovered "petit à petit" when it is taken from
 * the first payment; only masculine forms; a past appointment was announced.)
 */
import { CORE_TEMPLATES } from '../../activities/case/core-mails';
import type { MailContext, MailRender, MailTemplate, RenderedMail } from '../../activities/case/process-module';
import { PARCOURS_TEMPLATES, type ParcoursMailContext } from '../../activities/parcours/mails';

const context = (referentName: string | null = 'Claire Martin'): MailContext<ParcoursMailContext> => ({
  caseId: 'c0ffee00-aaaa-4bbb-8ccc-dddddddddddd',
  person: { firstName: 'Inès', lastName: 'Lefèvre' },
  referent: { email: 'claire.martin@normandie.fr', name: referentName },
  summary: 'Formation : Agent de maintenance (AFPA Caen).',
  session: { title: 'Agent de maintenance des bâtiments', organisme: 'AFPA Caen', startDate: '2027-01-04', endDate: '2027-09-30' },
  prescripteur: 'Mission Locale de Caen',
});

const FUTURE = new Date(Date.now() + 7 * 86_400_000).toISOString();
const PARAMS: Record<string, Record<string, string>> = {
  positionnement_planifie: { scheduledAt: FUTURE },
  decision_admis: {},
  decision_reoriente: { dispositif: 'Préparatoire compétences clés' },
  decision_refuse: { reason: 'prerequis_non_atteints' },
  entree_confirmee: { entryDate: '2027-01-04' },
  avance_versee: { amount: '384,74 €' },
  releve_mensuel: { month: '2026-09', lines: 'Vous recevez : 769,49 €.' },
  rappel_etat_presence: { month: '2026-09', what: 'état de présence de septembre 2026', since: '2026-10-01T00:00:00.000Z' },
  indu: { amount: '18,73 €' },
};

const renderFor = (template: MailTemplate<ParcoursMailContext, never>, to: string, c = context()): RenderedMail | null => {
  const render = (typeof template === 'function' ? template : template[to]) as MailRender<ParcoursMailContext, unknown>;
  return render(c, PARAMS[Object.keys(PARCOURS_TEMPLATES).find((k) => (PARCOURS_TEMPLATES as Record<string, unknown>)[k] === template)!]);
};
const TRAINEE_MAILS = Object.entries(PARCOURS_TEMPLATES).filter(([name]) => name !== 'rappel_etat_presence');
/** A template written for one reader only. */
function single<P>(template: MailTemplate<ParcoursMailContext, P>): MailRender<ParcoursMailContext, P> {
  if (typeof template !== 'function') throw new Error('a template for one reader was expected');
  return template;
}
const all = (mail: RenderedMail | null): string => `${mail!.subject}\n${mail!.text}`;

describe('mails to the trainee', () => {
  it.each(TRAINEE_MAILS)('%s names the adviser and how to reach them', (_name, template) => {
    const text = all(renderFor(template as never, 'personne'));
    expect(text).toContain('Claire Martin (claire.martin@normandie.fr)');
    expect(text).toContain('Vous pouvez répondre à ce message');
    expect(text).toMatch(/^[^\n]*\nBonjour Inès Lefèvre,/);
  });

  it.each(TRAINEE_MAILS)('%s names the team when no adviser is named', (_name, template) => {
    expect(all(renderFor(template as never, 'personne', context(null)))).toContain("L'équipe de la Région qui suit votre dossier : claire.martin@normandie.fr");
  });

  it.each(TRAINEE_MAILS)('%s writes months and dates in French, and no form for one gender only', (_name, template) => {
    const text = all(renderFor(template as never, 'personne'));
    expect(text).not.toMatch(/\b\d{4}-\d{2}(-\d{2})?\b/);
    expect(text).not.toMatch(/\b(admis|présent|inscrit|prêt|seul|bienvenu)\b/i);
  });

  it('the monthly statement names its month in words', () => {
    expect(renderFor(PARCOURS_TEMPLATES.releve_mensuel as never, 'personne')!.subject).toBe('Votre rémunération de septembre 2026');
    expect(single(PARCOURS_TEMPLATES.releve_mensuel)(context(), { month: '2026-04', lines: '' })!.subject).toBe('Votre rémunération d\'avril 2026');
  });

  it('the avance says it is taken from the first payments, not "little by little"', () => {
    const text = all(renderFor(PARCOURS_TEMPLATES.avance_versee as never, 'personne'));
    expect(text).not.toContain('petit à petit');
    expect(text).toContain('en commençant par le premier');
    expect(text).toContain('384,74 €');
  });

  it('an appointment already past is not announced; a coming one is, with its day and hour in French', () => {
    const past = single(PARCOURS_TEMPLATES.positionnement_planifie)(context(), { scheduledAt: new Date(Date.now() - 3_600_000).toISOString() });
    expect(past).toBeNull();
    const coming = single(PARCOURS_TEMPLATES.positionnement_planifie)(context(), { scheduledAt: '2099-12-01T08:30:00Z' });
    expect(coming!.text).toContain('le mardi 1er décembre 2099 à 9 h 30, chez AFPA Caen');
  });
});

describe('mails to the prescriber and the provider', () => {
  it.each(['decision_admis', 'decision_reoriente', 'decision_refuse'] as const)('%s: the prescriber gets its own mail, not the trainee\'s', (name) => {
    const trainee = renderFor(PARCOURS_TEMPLATES[name] as never, 'personne')!;
    const prescriber = renderFor(PARCOURS_TEMPLATES[name] as never, 'prescripteur')!;
    expect(prescriber.text).not.toBe(trainee.text);
    expect(prescriber.text).toMatch(/^Bonjour,\n/);
    expect(prescriber.text).toContain('Inès Lefèvre');
    expect(prescriber.text).toContain('que vous avez orientée');
    expect(prescriber.text).toContain('Dossier : c0ffee00-aaaa-4bbb-8ccc-dddddddddddd');
  });

  it('the provider is reminded of a month in words, naming the trainee', () => {
    const mail = renderFor(PARCOURS_TEMPLATES.rappel_etat_presence as never, 'organisme')!;
    expect(mail.subject).toBe('[SPRFP] État de présence attendu : septembre 2026');
    expect(mail.text).toContain("L'état de présence de septembre 2026 n'est pas encore arrivé pour Inès Lefèvre");
  });

  it('the referent\'s alert says since when, in French', () => {
    const mail = (CORE_TEMPLATES.alerte_delai as MailRender<object, { what: string; since: string }>)({ ...context(), summary: 'Formation : X (Y).' }, { what: 'état de présence de septembre 2026', since: '2026-10-01T00:00:00.000Z' })!;
    expect(mail.text).toContain('depuis le jeudi 1er octobre 2026');
    expect(mail.text).not.toMatch(/\b\d{4}-\d{2}\b/);
  });
});
