/**
 * The console in a real browser (Chromium from Debian packages, playwright-core), on the whole system (API,
 * worker, Temporal dev server, PostgreSQL): a caseworker signs in, finds an overdue case in the work queue,
 * opens it, records the positionnement and the decision through the forms and sees the timeline move; a
 * partner of another organisation gets the 403 page; a bursary's documents are requested through its form and the
 * student reminded from the work queue's bulk action. axe-core runs on every page visited (0 serious or critical
 * violations); the queue and a form are used with the keyboard; screenshots go to .data/screenshots/.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { axe, launchBrowser, screenshot, type AxeViolation } from './support/browser';
import { createSession, isoDay, newPerson, seedCatalogue, type Catalogue } from './support/fixtures';
import { createOwnDatabase, type OwnDatabase } from './support/own-database';
import { isTo, startSmtpCatcher, type SmtpCatcher } from './support/smtp';
import { copyBareme, demandeBourse, seedBourseOrgs } from './support/bourse';
import { anneeOfDate, moisDeLAnnee } from '../domain/bourse';
import { testConfig, uniqueQueue } from './support/config';
import { startSystem, type System } from './support/api';

let db: OwnDatabase;
let sys: System;
let smtp: SmtpCatcher;
let browser: Browser;
let cat: Catalogue;
/** Every page checked by axe, with its serious or critical violations (the report prints the figures). */
const audited: { page: string; violations: AxeViolation[]; all: number }[] = [];

beforeAll(async () => {
  [db, smtp, browser] = await Promise.all([createOwnDatabase('console'), startSmtpCatcher(), launchBrowser()]);
  // No day of grace before the positionnement deadline: a referral is overdue at once (the queue shows it first).
  // The avance due on the day of entry: a trainee entered today gets it as soon as the pay file is established.
  sys = await startSystem(testConfig({ DATABASE_URL: db.url, SMTP_URL: smtp.url, TEMPORAL_TASK_QUEUE: uniqueQueue('console'),
    PARCOURS_DELAYS: JSON.stringify({ positionnementAlertDays: 0, avanceDelayDays: 0 }), PAYING_AGENT_IBAN: 'FR7630001007941234567890185' }));
  cat = await seedCatalogue(sys.orm);
});

afterAll(async () => {
  const serious = audited.flatMap((a) => a.violations.map((v) => `${a.page}: ${v.id} (${v.impact})`));
  console.log(`axe: ${audited.length} pages, ${audited.reduce((n, a) => n + a.all, 0)} violations in all, ${serious.length} serious or critical`);
  await browser?.close();
  await sys?.stop();
  await smtp?.close();
  await db?.drop();
});

/** axe on the page: no serious or critical violation (the others are reported in the figures). */
async function checkA11y(page: Page, name: string): Promise<void> {
  const violations = await axe(page);
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  audited.push({ page: name, violations: serious, all: violations.length });
  expect({ page: name, serious: serious.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.slice(0, 3))}`) }).toEqual({ page: name, serious: [] });
}

async function signIn(page: Page, role: string, sub: string, org?: string): Promise<void> {
  await page.goto(`${sys.baseUrl}/console/connexion`);
  await page.selectOption('#connexion-role', role);
  await page.fill('#connexion-sub', sub);
  if (org) await page.selectOption('#connexion-org', org);
  await page.click('button[type=submit]');
  await page.waitForURL((url) => !url.pathname.endsWith('/connexion'));
}

async function refer(person = newPerson()): Promise<{ caseId: string; lastName: string }> {
  const token = await sys.token({ sub: 'ml-1', role: 'partner', org: cat.missionLocale.id });
  const res = await sys.call('POST', '/referrals', { token, body: { reference: `ML-${randomUUID().slice(0, 8)}`, person, sessionId: cat.session.id } });
  expect(res.status).toBe(201);
  return { caseId: res.body.caseId, lastName: person.lastName };
}

/** The workflow projects its deadline onto the case row (the queue's order): wait for it. */
async function deadlineProjected(caseId: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const [row] = await sys.orm.em.fork().getConnection().execute<{ echeance_at: Date | null }[]>('select echeance_at from dossier where id = ?', [caseId]);
    if (row?.echeance_at) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no deadline projected for ${caseId}`);
}

const timelineRows = (page: Page): Promise<number> => page.locator('#historique tbody tr').count();

test('a caseworker finds an overdue case in the queue, records the positionnement and the decision, sees the timeline move, assigns, exports and transfers it', async () => {
  const overdue = await refer();
  await refer();
  await deadlineProjected(overdue.caseId);
  const context = await browser.newContext({ bypassCSP: true, locale: 'fr-FR' });
  const page = await context.newPage();

  await page.goto(`${sys.baseUrl}/console/connexion`);
  await checkA11y(page, 'connexion');
  await screenshot(page, '01-connexion');
  // Keyboard: the identifier field, then Enter submits the sign-in form.
  await page.selectOption('#connexion-role', 'caseworker');
  await page.fill('#connexion-sub', 'agent-42');
  await page.press('#connexion-sub', 'Enter');
  await page.waitForURL('**/console/file');
  await checkA11y(page, 'file de travail');
  await screenshot(page, '02-file-de-travail');

  // Keyboard navigation of the queue: the skip link comes first, Tab reaches the search, Enter submits it.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Aller au contenu');
  let reached = false;
  for (let i = 0; i < 30 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.id === 'recherche');
  }
  expect(reached).toBe(true);
  await page.keyboard.type(overdue.lastName);
  // htmx swaps the results in place: a value set on the window survives (a full page load would lose it).
  await page.evaluate(() => { (window as unknown as Record<string, boolean>).sansRechargement = true; });
  await page.keyboard.press('Enter');
  await page.waitForURL(/recherche=/);
  await page.locator('tbody tr', { hasText: overdue.lastName.toUpperCase() }).waitFor();
  expect(await page.evaluate(() => (window as unknown as Record<string, boolean>).sansRechargement)).toBe(true);
  await page.check('#enRetard');
  await page.click('form.filtres button[type=submit]');
  await page.waitForURL(/enRetard=1/);
  const row = page.locator('tbody tr', { hasText: overdue.lastName.toUpperCase() });
  await expect(row.locator('.en-retard').textContent()).resolves.toMatch(/positionnement : (en retard|dépassée)/);
  await checkA11y(page, 'file de travail filtrée');
  const audits = await sys.orm.em.fork().getConnection().execute<{ n: string }[]>("select count(*) as n from audit_entry where action = 'recherche_personne' and actor = 'caseworker:agent-42'");
  expect(Number(audits[0].n)).toBeGreaterThanOrEqual(2);

  await row.locator('a').click();
  await page.waitForURL(`**/console/dossiers/${overdue.caseId}`);
  expect(await page.textContent('#etape')).toBe('Repérage');
  await checkA11y(page, 'dossier (repérage)');
  await screenshot(page, '03-dossier-reperage');
  const before = await timelineRows(page);

  // Sensitive data behind a click (htmx fragment), audited.
  await page.click('#donnees-sensibles a');
  await page.locator('dl[aria-label="Données sensibles"]').waitFor();

  await page.fill('#planifierPositionnement-scheduledAt', '2026-12-15T09:30');
  await page.click('form[action$="/planifierPositionnement"] button[type=submit]');
  await page.waitForURL(/message=action/);
  expect(await page.textContent('#etape')).toBe('Positionnement');
  expect(await timelineRows(page)).toBe(before + 1);

  // A form refused by the API's own schema: the error summary links to the field, in French.
  await page.click('form[action$="/deciderPositionnement"] button[type=submit]');
  await page.locator('#resume-erreurs').waitFor();
  expect(await page.getAttribute('#resume-erreurs a', 'href')).toBe('#deciderPositionnement-outcome');
  await checkA11y(page, 'dossier (erreur de formulaire)');
  await screenshot(page, '04-dossier-erreur');

  // Keyboard: a score typed then Enter submits the results form.
  await page.selectOption('#enregistrerPositionnement-avis', 'favorable');
  await page.focus('#enregistrerPositionnement-francais');
  await page.keyboard.type('72');
  await page.keyboard.press('Enter');
  await page.waitForURL(/message=action/);
  expect(await timelineRows(page)).toBe(before + 2);

  await page.check('#deciderPositionnement-outcome-admis');
  await page.click('form[action$="/deciderPositionnement"] button[type=submit]');
  await page.waitForURL(/message=action/);
  expect(await page.textContent('#etape')).toMatch(/^Admis/);
  expect(await timelineRows(page)).toBe(before + 3);
  expect(await page.textContent('#historique tbody tr:first-child')).toContain('decision admis');
  await checkA11y(page, 'dossier (admis)');
  await screenshot(page, '05-dossier-admis');

  // Assign to me from the case page; the queue's "Mes dossiers" then lists it.
  await page.click('form[action$="/attribution"] button:has-text("M’attribuer")');
  await page.waitForURL(/message=attribue/);
  await page.goto(`${sys.baseUrl}/console/file?vue=mes`);
  const mine = page.locator('tbody tr', { hasText: overdue.lastName.toUpperCase() });
  expect(await mine.count()).toBe(1);

  // Bulk action on a selection: the CSV export of the selected case.
  await mine.locator('input[type=checkbox]').check();
  await page.selectOption('#lot-action', 'export');
  const download = page.waitForEvent('download');
  await page.click('fieldset button[type=submit]');
  expect((await download).suggestedFilename()).toBe('dossiers.csv');

  // Transfer to a colleague with a reason: audited with the reason.
  await page.goto(`${sys.baseUrl}/console/dossiers/${overdue.caseId}`);
  await page.fill('#transfert-a', 'agent-43');
  await page.fill('#transfert-motif', 'congés');
  await page.click('form[action$="/attribution"] button:has-text("Transférer")');
  await page.waitForURL(/message=transfere/);
  const [transfer] = await sys.orm.em.fork().getConnection().execute<{ detail: { a: string; motif: string } }[]>(
    "select detail from audit_entry where action = 'dossier_transfere' and dossier_id = ?", [overdue.caseId]);
  expect(transfer.detail).toEqual({ a: 'caseworker:agent-43', motif: 'congés' });
  await context.close();
});

test('a partner cannot open the case of another organisation: the 403 page', async () => {
  const { caseId } = await refer();
  const context = await browser.newContext({ bypassCSP: true, locale: 'fr-FR' });
  const page = await context.newPage();
  await signIn(page, 'partner', 'ft-1', cat.franceTravail.id);
  const res = await page.goto(`${sys.baseUrl}/console/dossiers/${caseId}`);
  expect(res?.status()).toBe(403);
  expect(await page.textContent('h1')).toBe('Accès refusé');
  await checkA11y(page, '403');
  await screenshot(page, '09-partenaire-403');
  // Its own organisation's partner sees it.
  await context.clearCookies();
  await signIn(page, 'partner', 'ml-1', cat.missionLocale.id);
  expect((await page.goto(`${sys.baseUrl}/console/dossiers/${caseId}`))?.status()).toBe(200);
  await context.close();
});

/** A trainee in training since `start` (through the API, as the world of the authorisation test does), with a pay file. */
async function traineeInTraining(start: string): Promise<{ caseId: string; sessionId: string; lastName: string }> {
  const session = await createSession(sys.orm, cat.organisme, start);
  const person = newPerson();
  const partner = await sys.token({ sub: 'ml-1', role: 'partner', org: cat.missionLocale.id });
  const cw = await sys.token({ sub: 'agent-1', role: 'caseworker' });
  const of = await sys.token({ sub: 'of-1', role: 'organisme', org: cat.organisme.id });
  const ok = async (method: string, path: string, token: string, body: unknown) => {
    const res = await sys.call(method, path, { token, body });
    if (res.status >= 300) throw new Error(`${path} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const { caseId } = await ok('POST', '/referrals', partner, { reference: `ML-${randomUUID().slice(0, 8)}`, person, sessionId: session.id });
  await ok('POST', `/cases/${caseId}/positionnement`, cw, { scheduledAt: `${start}T09:00:00.000Z` });
  await ok('POST', `/cases/${caseId}/positionnement/resultats`, cw, { results: { avis: 'favorable' } });
  await ok('POST', `/cases/${caseId}/decision`, cw, { decision: { outcome: 'admis' } });
  await ok('POST', `/cases/${caseId}/entree`, of, { entryDate: start });
  await ok('POST', `/cases/${caseId}/remuneration`, cw, { iban: 'FR7630006000011234567890189', rythme: 'temps_plein',
    profile: { priorWork: { monthsInLast12: 0, monthsInLast24: 0 }, rqth: false } });
  return { caseId, sessionId: session.id, lastName: person.lastName };
}

test('a training provider certifies a month of attendance for a session in one grid', async () => {
  const start = isoDay(-40);
  const trainee = await traineeInTraining(start);
  const month = start.slice(0, 7);
  const context = await browser.newContext({ bypassCSP: true, locale: 'fr-FR' });
  const page = await context.newPage();
  await signIn(page, 'organisme', 'of-1', cat.organisme.id);
  await page.waitForURL('**/console/organisme/sessions');
  await checkA11y(page, 'sessions de l’organisme');
  await screenshot(page, '06-organisme-sessions');
  await page.goto(`${sys.baseUrl}/console/organisme/sessions/${trainee.sessionId}?mois=${month}`);
  await checkA11y(page, 'grille de présence');
  await page.fill(`#prevues-${trainee.caseId}`, '70');
  await page.fill(`#absences-${trainee.caseId}`, '3.5');
  await page.click('main form[method=post] button[type=submit]');
  await page.locator('#certification-ok').waitFor();
  await checkA11y(page, 'grille de présence certifiée');
  await screenshot(page, '07-organisme-grille-presence');
  const [statement] = await sys.orm.em.fork().getConnection().execute<{ scheduled_minutes: number; unjustified_absence_minutes: number }[]>(
    'select scheduled_minutes, unjustified_absence_minutes from attendance_statement where dossier_id = ? and period = ?', [trainee.caseId, month]);
  expect(statement).toEqual({ scheduled_minutes: 4200, unjustified_absence_minutes: 210 });
  await context.close();
});

test('finance builds a payment file and downloads it', async () => {
  // Entered today: the avance waits for the pay file until the end of the entry month, so it is paid whatever the
  // order in which the workflow sees the entry and the pay file (an entry of a month already over would race them).
  const trainee = await traineeInTraining(isoDay(0));
  // Wait for its ledger row (a loaded CI machine may take a while); without a pending payment there is no file to build.
  const pending = async (): Promise<number> => Number((await sys.orm.em.fork().getConnection().execute<{ n: string }[]>(
    'select count(*) as n from payment where dossier_id = ? and payment_file_id is null', [trainee.caseId]))[0].n);
  for (let waited = 0; (await pending()) === 0; waited += 250) {
    if (waited > 90_000) throw new Error('the avance of the trainee was not paid within 90 s: no payment to put in a file');
    await new Promise((r) => setTimeout(r, 250));
  }
  const context = await browser.newContext({ bypassCSP: true, acceptDownloads: true, locale: 'fr-FR' });
  const page = await context.newPage();
  await signIn(page, 'finance', 'fin-1');
  await page.waitForURL('**/console/finances/fichiers');
  await checkA11y(page, 'fichiers de paiement');
  await page.click('form[action="/console/finances/fichiers"] button[type=submit]');
  await page.locator('#fichier-produit').waitFor();
  expect(await page.textContent('#fichier-produit')).toMatch(/Fichier PF-\d{8}-\d+ produit/);
  await checkA11y(page, 'fichier de paiement produit');
  await screenshot(page, '08-finances-fichier-produit');
  const download = page.waitForEvent('download');
  await page.locator('a', { hasText: 'CSV' }).first().click();
  expect((await download).suggestedFilename()).toMatch(/^PF-\d{8}-\d+\.csv$/);
  await page.goto(`${sys.baseUrl}/console/finances/parametres`);
  await checkA11y(page, 'paramètres à approuver');
  await context.close();
});

test('a partner sees its referrals and acknowledges a notification; a signed-out browser is sent to the sign-in page', async () => {
  const { caseId } = await refer();
  const context = await browser.newContext({ bypassCSP: true, locale: 'fr-FR' });
  const page = await context.newPage();
  await signIn(page, 'partner', 'ml-1', cat.missionLocale.id);
  await page.waitForURL('**/console/partenaire');
  expect(await page.locator(`a[href="/console/dossiers/${caseId}"]`).count()).toBeGreaterThan(0);
  await checkA11y(page, 'partenaire');
  await screenshot(page, '10-partenaire');
  // The entries of the trainees above were notified to their prescripteur: acknowledge one.
  const ackButtons = page.locator('main form[action^="/console/partenaire/notifications/"] button');
  const pending = await ackButtons.count();
  expect(pending).toBeGreaterThan(0);
  await ackButtons.first().click();
  await page.waitForURL('**/console/partenaire');
  expect(await ackButtons.count()).toBe(pending - 1);
  await page.click('form.deconnexion button');
  await page.waitForURL('**/console/connexion');
  await page.goto(`${sys.baseUrl}/console/file`);
  expect(new URL(page.url()).pathname).toBe('/console/connexion');
  // A form posted without the session's CSRF token is refused.
  await signIn(page, 'caseworker', 'agent-9');
  const forged = await page.evaluate(async (id) => (await fetch(`/console/dossiers/${id}/attribution`, { method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'quoi=moi' })).status, caseId);
  expect(forged).toBe(403);
  await context.close();
});

test('a caseworker requests a bursary’s documents through its form, then reminds the student from the work queue (once a day)', async () => {
  const today = new Date().toISOString().slice(0, 10);
  const annee = anneeOfDate(today);
  const mois = today.slice(0, 7);
  const orgs = await seedBourseOrgs(sys.orm);
  await copyBareme(sys.orm, [annee]);
  const shared = newPerson().lastName;
  const demande = demandeBourse(orgs.institut.id, { annee, premierMois: mois, nombreMois: Math.min(10, moisDeLAnnee(annee).filter((m) => m >= mois).length),
    person: newPerson({ lastName: `${shared}a`, birthDate: '2004-05-06' }) } as never);
  const cw = await sys.token({ sub: 'agent-bourses', role: 'caseworker' });
  const created = await sys.call('POST', '/bourses', { token: cw, body: { demande } });
  expect(created.status).toBe(201);
  const caseId: string = created.body.caseId;
  const parcours = await refer(newPerson({ lastName: `${shared}b` })); // its deadline (positionnement) awaits the service itself: nothing to remind
  await deadlineProjected(parcours.caseId);

  const context = await browser.newContext({ bypassCSP: true, locale: 'fr-FR' });
  const page = await context.newPage();
  await signIn(page, 'caseworker', 'agent-bourses');
  await page.goto(`${sys.baseUrl}/console/dossiers/${caseId}`);
  expect(await page.textContent('#etape')).toBe('En instruction');
  await checkA11y(page, 'dossier de bourse (instruction)');
  await screenshot(page, '11-bourse-instruction');

  // The decision form refused by the API's schema: a refusal needs its reason; the summary links to it.
  await page.check('#decider-outcome-refusee');
  await page.click('form[action$="/decider"] button[type=submit]');
  await page.locator('#resume-erreurs').waitFor();
  expect(await page.getAttribute('#resume-erreurs a', 'href')).toBe('#decider-motif');
  await checkA11y(page, 'dossier de bourse (erreur de formulaire)');

  await page.check('#demanderPieces-pieces-avis_imposition');
  await page.fill('#demanderPieces-delaiJours', '10');
  await page.click('form[action$="/demanderPieces"] button[type=submit]');
  await page.waitForURL(/message=action/);
  expect(await page.textContent('#etape')).toBe('Pièces demandées à l’étudiant');
  expect(await page.textContent('#historique tbody tr:first-child')).toContain('Chargé·e de parcours agent-bourses');
  await checkA11y(page, 'dossier de bourse (pièces demandées)');
  // The workflow waits for the documents: its deadline is projected onto the case row.
  for (let i = 0; i < 100; i++) {
    const [row] = await sys.orm.em.fork().getConnection().execute<{ echeance_kind: string | null }[]>('select echeance_kind from dossier where id = ?', [caseId]);
    if (row?.echeance_kind === 'pieces') break;
    await new Promise((r) => setTimeout(r, 100));
  }

  // Bulk reminder on a selection of two cases: the bursary's student is reminded, the trainee journey has nothing to remind.
  const remind = async (): Promise<Record<string, string>> => {
    // Both people's names start with the same letters: one search lists the two cases.
    await page.goto(`${sys.baseUrl}/console/file?vue=tous&recherche=${shared}`);
    await page.check(`#sel-${caseId}`);
    await page.check(`#sel-${parcours.caseId}`);
    await page.selectOption('#lot-action', 'relancer');
    await page.click('fieldset button[type=submit]');
    await page.locator('#relances').waitFor();
    const rows = await page.locator('#relances tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-dossier'), tr.children[1].textContent]));
    return Object.fromEntries(rows as [string, string][]);
  };
  expect(await remind()).toEqual({ [caseId]: 'Relance envoyée', [parcours.caseId]: 'Rien à relancer' });
  await checkA11y(page, 'relances');
  await screenshot(page, '12-relances');
  const mail = await smtp.waitFor((m) => isTo(demande.person.email)(m) && /Rappel : des pièces manquent/.test(m.subject ?? ''));
  expect(mail.text).toContain('avis d’imposition');
  const audit = await sys.orm.em.fork().getConnection().execute<{ actor: string; detail: Record<string, string> }[]>(
    "select actor, detail from audit_entry where action = 'relance_envoyee' and dossier_id = ?", [caseId]);
  expect(audit).toEqual([{ actor: 'caseworker:agent-bourses', detail: { echeance: 'pieces', modele: 'rappel_pieces' } }]);
  // A second click the same day sends nothing more.
  expect(await remind()).toEqual({ [caseId]: 'Déjà relancé aujourd’hui', [parcours.caseId]: 'Rien à relancer' });
  // The case page lists the reminder among its mails.
  await page.goto(`${sys.baseUrl}/console/dossiers/${caseId}`);
  expect(await page.locator('section[aria-labelledby="titre-courriers"] tbody tr', { hasText: 'rappel_pieces' }).count()).toBe(1);
  await context.close();
});
