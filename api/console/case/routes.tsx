/** The case page and what it posts: an action of the stage, assignment and following, the sensitive data on request. */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Router } from 'express';
import { z } from 'zod';
import { actorOf, ROLES } from '../../auth';
import { loadCaseFor } from '../../case/access';
import { readSensitive } from '../../case/view';
import type { ApiContext } from '../../context';
import { forbidden, invalidFields, notFound, toHttpError } from '../../errors';
import { consoleRoute, type ConsoleRequest } from '../handler';
import { Page } from '../layout';
import { sendFragment, sendPage } from '../render';
import { consoleActionOf, fieldIdOf, type Form } from './actions';
import { assign, follow, unfollow } from './assignment';
import { loadCasePage } from './data';
import { CasePage, SensitiveData, type FormState } from './page';

const caseIdOf = (c: ConsoleRequest): string => {
  const id = c.req.params.caseId;
  if (!z.string().uuid().safeParse(id).success) throw notFound('dossier');
  return id as string;
};

const MESSAGES: Record<string, string> = { action: 'Action enregistrée.', attribue: 'Le dossier vous est attribué.', transfere: 'Le dossier est transféré.',
  suivi: 'Vous suivez ce dossier.', 'non-suivi': 'Vous ne suivez plus ce dossier.' };

const Attribution = z.discriminatedUnion('quoi', [
  z.object({ quoi: z.literal('moi') }),
  z.object({ quoi: z.literal('transfert'), a: z.string().trim().min(1, 'indiquez le ou la collègue').max(60),
    motif: z.string().trim().min(1, 'indiquez le motif du transfert').max(200) }),
  z.object({ quoi: z.literal('suivre') }),
  z.object({ quoi: z.literal('ne-plus-suivre') }),
]);

export function caseRoutes(router: Router, ctx: ApiContext): void {
  const everyone = ROLES;

  router.get('/dossiers/:caseId', consoleRoute(everyone, async (c) => {
    const message = typeof c.req.query.message === 'string' ? MESSAGES[c.req.query.message] : undefined;
    await showCase(ctx, c, caseIdOf(c), { message });
  }));

  router.get('/dossiers/:caseId/sensible', consoleRoute(['caseworker'], async (c) => {
    const em = ctx.orm.em.fork() as EntityManager;
    const { dossier } = await loadCaseFor(em, c.principal, caseIdOf(c));
    const sensitive = await readSensitive(em, c.principal, dossier);
    if (c.req.get('hx-request')) return sendFragment(c.res, <SensitiveData sensitive={sensitive} />);
    sendPage(c.res, <Page title="Données sensibles" principal={c.principal} csrf={c.csrf}><SensitiveData sensitive={sensitive} />
      <p><a href={`/console/dossiers/${dossier.id}`}>Retour au dossier</a></p></Page>);
  }));

  router.post('/dossiers/:caseId/actions/:action', consoleRoute(everyone, async (c) => {
    const caseId = caseIdOf(c);
    const em = ctx.orm.em.fork() as EntityManager;
    const { process } = await loadCaseFor(em, c.principal, caseId);
    const spec = consoleActionOf(process.definition.kind, String(c.req.params.action));
    if (!spec) throw notFound('action');
    if (!spec.roles.includes(c.principal.role)) throw forbidden('votre rôle ne permet pas cette action');
    const values = formValues(c.req.body);
    const parsed = spec.schema.safeParse(spec.fromForm(values));
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => ({ field: fieldIdOf(spec, i.path), message: i.message }));
      return showCase(ctx, c, caseId, { form: { action: spec.action, errors, values } }, 400);
    }
    try {
      await spec.send(ctx, c.principal, caseId, parsed.data as never);
    } catch (err) {
      const known = toHttpError(err);
      // The stage no longer allows it, the case answers late...: the API's message, on the case page.
      if (known && known.status !== 403 && known.status !== 404) {
        return showCase(ctx, c, caseId, { form: { action: spec.action, errors: [{ message: known.message }], values } }, known.status);
      }
      throw err;
    }
    c.res.redirect(303, `/console/dossiers/${caseId}?message=action`);
  }));

  router.post('/dossiers/:caseId/attribution', consoleRoute(['caseworker'], async (c) => {
    const caseId = caseIdOf(c);
    const em = ctx.orm.em.fork() as EntityManager;
    await loadCaseFor(em, c.principal, caseId);
    const parsed = Attribution.safeParse(c.req.body);
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => ({ field: `transfert-${String(i.path[0])}`, message: i.message }));
      return showCase(ctx, c, caseId, { form: { action: 'attribution', errors, values: formValues(c.req.body) } }, 400);
    }
    const me = actorOf(c.principal);
    const body = parsed.data;
    if (body.quoi === 'moi') await assign(em, c.principal, caseId, me);
    if (body.quoi === 'transfert') await assign(em, c.principal, caseId, `caseworker:${body.a}`, body.motif);
    if (body.quoi === 'suivre') await follow(em, c.principal, caseId);
    if (body.quoi === 'ne-plus-suivre') await unfollow(em, c.principal, caseId);
    const done = { moi: 'attribue', transfert: 'transfere', suivre: 'suivi', 'ne-plus-suivre': 'non-suivi' }[body.quoi];
    c.res.redirect(303, `/console/dossiers/${caseId}?message=${done}`);
  }));
}

/** The posted fields (a group of checkboxes gives several values), without the CSRF token. */
function formValues(body: unknown): Form {
  if (!body || typeof body !== 'object') throw invalidFields([], 'formulaire illisible');
  const isValue = (v: unknown): v is string | string[] => typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'));
  return Object.fromEntries(Object.entries(body as Record<string, unknown>).filter(([k, v]) => k !== '_csrf' && isValue(v))) as Form;
}

async function showCase(ctx: ApiContext, c: ConsoleRequest, caseId: string, extra: { form?: FormState; message?: string }, status = 200): Promise<void> {
  const data = await loadCasePage(ctx, c.principal, caseId);
  sendPage(c.res, <CasePage principal={c.principal} csrf={c.csrf} data={data} form={extra.form} message={extra.message} />, status);
}
