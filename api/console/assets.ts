/**
 * The console's static assets, all from the project: htmx from node_modules (no CDN: the console works with no
 * internet access) and one small stylesheet (visible focus, contrast, readable tables).
 */
import { readFileSync } from 'node:fs';
import type { Router } from 'express';

const HTMX = readFileSync(require.resolve('htmx.org/dist/htmx.min.js'), 'utf8');

const CSS = `
:root { --bleu: #0b4f8a; --texte: #1a1a1a; --gris: #595959; --fond: #f6f6f6; --rouge: #b00020; --vert: #1e6b34; }
* { box-sizing: border-box; }
body { margin: 0; font: 1rem/1.5 system-ui, sans-serif; color: var(--texte); background: #fff; }
a { color: var(--bleu); }
:focus-visible { outline: 3px solid #ff9f1c; outline-offset: 2px; }
.lien-evitement { position: absolute; left: -9999px; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.lien-evitement:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; z-index: 10; }
.bandeau { background: var(--bleu); color: #fff; padding: .5rem 1.5rem; display: flex; flex-wrap: wrap; align-items: center; gap: 1rem; justify-content: space-between; }
.bandeau a, .bandeau span { color: #fff; }
.marque { font-weight: 700; margin: 0; }
.bandeau nav { display: flex; gap: 1.5rem; align-items: center; flex-wrap: wrap; }
.nav { list-style: none; display: flex; gap: 1rem; margin: 0; padding: 0; }
.nav a[aria-current] { font-weight: 700; text-decoration-thickness: 3px; }
.deconnexion { display: flex; gap: .5rem; align-items: center; }
main { padding: 1rem 1.5rem 3rem; max-width: 80rem; }
.pied { border-top: 1px solid #ccc; padding: .5rem 1.5rem; color: var(--gris); font-size: .9rem; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
caption { text-align: left; font-weight: 700; padding: .25rem 0; }
th, td { border: 1px solid #bbb; padding: .35rem .5rem; text-align: left; vertical-align: top; }
thead th { background: var(--fond); }
.en-retard { color: var(--rouge); font-weight: 700; }
.ok { color: var(--vert); }
form.filtres { display: flex; flex-wrap: wrap; gap: .75rem 1.25rem; align-items: flex-end; background: var(--fond); padding: .75rem; }
label { display: block; font-weight: 600; }
input, select, textarea, button { font: inherit; }
input, select, textarea { border: 1px solid #767676; padding: .25rem .4rem; max-width: 100%; box-sizing: border-box; }
button { background: var(--bleu); color: #fff; border: 0; padding: .4rem .9rem; cursor: pointer; }
button.secondaire { background: #fff; color: var(--bleu); border: 1px solid var(--bleu); }
.champ { margin: .5rem 0; }
.aide { color: var(--gris); font-size: .9rem; margin: 0; }
.resume-erreurs { border: 2px solid var(--rouge); padding: .5rem 1rem; margin: 1rem 0; }
.erreur { color: var(--rouge); font-weight: 600; }
.message { border-left: 4px solid var(--vert); padding: .5rem 1rem; background: #eef7f0; }
.actions { display: grid; grid-template-columns: repeat(auto-fill, minmax(22rem, 1fr)); gap: 1rem; }
.actions form, fieldset { border: 1px solid #bbb; padding: .75rem; }
.pagination { display: flex; gap: 1rem; list-style: none; padding: 0; }
dl.identite { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dl.identite dt { font-weight: 600; }
`;

export function assetRoutes(router: Router): void {
  router.get('/assets/htmx.min.js', (_req, res) => { res.type('js').set('Cache-Control', 'public, max-age=3600').send(HTMX); });
  router.get('/assets/console.css', (_req, res) => { res.type('css').set('Cache-Control', 'public, max-age=3600').send(CSS); });
}
