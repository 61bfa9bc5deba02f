/** An order's trainees as the order sees them: places per post, drop-outs, the end of training, selection. */
import { SUR_MESURE } from '../../domain/sur-mesure/process';
import { actionsAllowedIn, isActionAllowed } from '../../domain/case/process';
import { allLeft, holdsPlace, placesLibres, selectionProblem, sortieStagiaire, type StagiaireCommande } from '../../domain/sur-mesure/stagiaires';

const t = (poste: number, statut: StagiaireCommande['statut'], fin: StagiaireCommande['fin'] = null): StagiaireCommande => ({ poste, statut, fin });

test('a drop-out or a withdrawal frees its place; a completed training keeps it', () => {
  const postes = [{ count: 2 }, { count: 1 }];
  expect(placesLibres(postes, [])).toEqual([2, 1]);
  expect(placesLibres(postes, [t(0, 'admis'), t(0, 'en_formation'), t(1, 'sorti', 'terminee')])).toEqual([0, 0]);
  expect(placesLibres(postes, [t(0, 'sorti', 'abandon'), t(0, 'desiste', 'desistement'), t(1, 'sorti', 'exclusion')])).toEqual([2, 1]);
  expect(holdsPlace(t(0, 'sorti', 'emploi'))).toBe(true);
});

test('the training is over when every trainee has left it, and there is one', () => {
  expect(allLeft([])).toBe(false);
  expect(allLeft([t(0, 'sorti', 'terminee'), t(0, 'en_formation')])).toBe(false);
  expect(allLeft([t(0, 'sorti', 'terminee'), t(1, 'desiste', 'desistement')])).toBe(true);
  // A replacement selected but not entered yet keeps the training open.
  expect(allLeft([t(0, 'sorti', 'abandon'), t(0, 'admis')])).toBe(false);
});

test('how the hiring check reads an exit: leaving early for a job completes the training', () => {
  expect(sortieStagiaire('terminee')).toBe('formation_terminee');
  expect(sortieStagiaire('emploi')).toBe('formation_terminee');
  expect(sortieStagiaire('abandon')).toBe('abandon');
  expect(sortieStagiaire('desistement')).toBe('abandon');
  expect(sortieStagiaire('exclusion')).toBe('exclusion');
});

test('the company retains only a candidate the provider positioned favourably (and apt when tests are required)', () => {
  expect(selectionProblem(null, false)).toMatch(/positionnement du candidat/);
  expect(selectionProblem({ avis: 'reserve', psychotechnique: null }, false)).toMatch(/pas favorable/);
  expect(selectionProblem({ avis: 'favorable', psychotechnique: null }, false)).toBeNull();
  expect(selectionProblem({ avis: 'favorable', psychotechnique: null }, true)).toMatch(/psychotechniques/);
  expect(selectionProblem({ avis: 'favorable', psychotechnique: 'inapte' }, true)).toMatch(/psychotechniques/);
  expect(selectionProblem({ avis: 'favorable', psychotechnique: 'apte' }, true)).toBeNull();
});

test('the process definition: what each stage allows', () => {
  expect(actionsAllowedIn(SUR_MESURE, 'besoin')).toEqual(['qualifier', 'annuler']);
  expect(isActionAllowed(SUR_MESURE, 'choisirCandidat', 'formation')).toBe(true); // a replacement
  expect(isActionAllowed(SUR_MESURE, 'annuler', 'formation')).toBe(false);
  expect(actionsAllowedIn(SUR_MESURE, 'clos')).toEqual([]);
});
