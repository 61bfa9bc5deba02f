/**
 * The frame of every console page, RGAA-minded: language, a skip link, landmarks (banner, navigation, main,
 * contentinfo), one h1 per page, the navigation of the role. htmx sends the session's CSRF token in a header.
 */
import type { ComponentChildren } from 'preact';
import { ROLE_LABELS, type Principal } from '../auth';

export interface NavLink {
  href: string;
  label: string;
}

/** What each role finds in the navigation. */
export function navOf(principal: Principal): NavLink[] {
  switch (principal.role) {
    case 'caseworker': return [{ href: '/console/file', label: 'File de travail' }];
    case 'organisme': return [{ href: '/console/organisme/sessions', label: 'Mes sessions' }];
    case 'finance': return [{ href: '/console/finances/fichiers', label: 'Fichiers de paiement' }, { href: '/console/finances/parametres', label: 'Paramètres à approuver' }];
    case 'partner': return [{ href: '/console/partenaire', label: 'Mes prescriptions' }];
    default: return [];
  }
}

interface PageProps {
  title: string;
  principal?: Principal;
  csrf?: string;
  current?: string;
  children: ComponentChildren;
}

export function Page({ title, principal, csrf, current, children }: PageProps) {
  return (
    <html lang="fr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} — Console SPRFP Normandie`}</title>
        <link rel="stylesheet" href="/console/assets/console.css" />
        <script src="/console/assets/htmx.min.js" defer></script>
      </head>
      <body hx-headers={csrf ? JSON.stringify({ 'X-CSRF-Token': csrf }) : undefined}>
        <a class="lien-evitement" href="#contenu">Aller au contenu</a>
        <header class="bandeau">
          <p class="marque">Région Normandie · Formation professionnelle</p>
          {principal && <Navigation principal={principal} csrf={csrf ?? ''} current={current} />}
        </header>
        <main id="contenu" tabIndex={-1}>
          <h1>{title}</h1>
          {children}
        </main>
        <footer class="pied"><p>SPRFP Normandie — console des dossiers. Accessibilité : contrôles automatiques (axe-core) ; l’audit RGAA reste à mener.</p></footer>
      </body>
    </html>
  );
}

function Navigation({ principal, csrf, current }: { principal: Principal; csrf: string; current?: string }) {
  return (
    <nav aria-label="Navigation principale">
      <ul class="nav">
        {navOf(principal).map((link) => (
          <li><a href={link.href} aria-current={current === link.href ? 'page' : undefined}>{link.label}</a></li>
        ))}
      </ul>
      <form method="post" action="/console/deconnexion" class="deconnexion">
        <span>{ROLE_LABELS[principal.role]} ({principal.sub})</span>
        <input type="hidden" name="_csrf" value={csrf} />
        <button type="submit">Se déconnecter</button>
      </form>
    </nav>
  );
}

/** An error summary: each message links to its field (RGAA 11.10), focused when the page opens. */
export function ErrorSummary({ errors }: { errors: { field?: string; message: string }[] }) {
  if (!errors.length) return null;
  return (
    <div class="resume-erreurs" role="alert" tabIndex={-1} id="resume-erreurs">
      <h2>Le formulaire contient {errors.length === 1 ? 'une erreur' : `${errors.length} erreurs`}</h2>
      <ul>
        {errors.map((e) => <li>{e.field ? <a href={`#${e.field}`}>{e.message}</a> : e.message}</li>)}
      </ul>
    </div>
  );
}
